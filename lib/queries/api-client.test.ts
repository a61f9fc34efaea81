import { describe, expect, it } from "vitest";
import { ApiRequestError, parseRetryAfter, shouldRetry, toApiRequestError } from "./api-client";

describe("parseRetryAfter", () => {
  const now = Date.UTC(2025, 0, 15, 12, 0, 0);

  it("reads delta-seconds", () => {
    expect(parseRetryAfter("7", now)).toBe(7_000);
    expect(parseRetryAfter(" 0 ", now)).toBe(0);
  });

  it("reads an HTTP date", () => {
    expect(parseRetryAfter("Wed, 15 Jan 2025 12:00:30 GMT", now)).toBe(30_000);
    expect(parseRetryAfter("Wed, 15 Jan 2025 11:00:00 GMT", now)).toBe(0);
  });

  it("gives null for absent or junk values", () => {
    expect(parseRetryAfter(null, now)).toBeNull();
    expect(parseRetryAfter("soon", now)).toBeNull();
    expect(parseRetryAfter("-5", now)).toBeNull();
  });
});

describe("toApiRequestError", () => {
  it("keeps the console's error details", async () => {
    const response = new Response(
      JSON.stringify({ error: { code: "rate_limited", message: "Slow down", upstreamCode: 4400, requestId: "req-1" } }),
      { status: 429, headers: { "retry-after": "3", "content-type": "application/json" } },
    );
    const error = await toApiRequestError(response);
    expect(error).toBeInstanceOf(ApiRequestError);
    expect(error).toMatchObject({
      status: 429,
      code: "rate_limited",
      serverMessage: "Slow down",
      upstreamCode: 4400,
      requestId: "req-1",
      retryAfterMs: 3_000,
    });
  });

  it("keeps how an upstream call failed, for the page to say which", async () => {
    const response = new Response(
      JSON.stringify({ error: { code: "upstream_error", message: "Gateway page", reason: "http_status", upstreamStatus: 502 } }),
      { status: 502, headers: { "content-type": "application/json" } },
    );
    const error = await toApiRequestError(response);
    expect(error.upstream).toEqual({ reason: "http_status", status: 502 });
  });

  it("copes with a body that is not the console's error shape", async () => {
    const error = await toApiRequestError(new Response("<html>Bad gateway</html>", { status: 502, statusText: "Bad Gateway" }));
    expect(error.status).toBe(502);
    expect(error.code).toBe("bad_response");
    expect(error.serverMessage).toBeNull();
    expect(error.params).toEqual({ status: "502 Bad Gateway" });
    expect(error.requestId).toBeUndefined();
  });
});

describe("shouldRetry", () => {
  const err = (status: number) => new ApiRequestError(status, "upstream_error", "x");

  it("does not retry 4xx", () => {
    for (const status of [400, 404, 429]) expect(shouldRetry(0, err(status))).toBe(false);
  });

  it("retries 5xx and network failures a bounded number of times", () => {
    expect(shouldRetry(0, err(502))).toBe(true);
    expect(shouldRetry(1, err(504))).toBe(true);
    expect(shouldRetry(2, err(504))).toBe(false);
    expect(shouldRetry(0, new ApiRequestError(0, "network_error", "x"))).toBe(true);
    expect(shouldRetry(0, new TypeError("boom"), 1)).toBe(true);
    expect(shouldRetry(1, new TypeError("boom"), 1)).toBe(false);
  });
});
