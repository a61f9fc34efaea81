import { describe, expect, it } from "vitest";
import { DomainError } from "@/lib/errors/domain-error";
import { requireSameOrigin } from "./request-guards";

const write = (headers: Record<string, string>, url = "http://127.0.0.1:3000/api/watchlist") =>
  new Request(url, { method: "POST", headers: { host: new URL(url).host, ...headers } });

const refused = (req: Request, consoleUrl?: string, trustProxy = false) => {
  try {
    requireSameOrigin(req, consoleUrl, trustProxy);
    return false;
  } catch (e) {
    return DomainError.is(e) && e.code === "cross_origin";
  }
};

describe("state-changing requests must come from the console's own pages", () => {
  it("takes the console's own origin", () => {
    expect(refused(write({ origin: "http://127.0.0.1:3000" }))).toBe(false);
    expect(refused(write({ "sec-fetch-site": "same-origin" }))).toBe(false);
  });

  it("refuses another site, another port, another scheme, and a request that says nothing", () => {
    expect(refused(write({ origin: "http://evil.example" }))).toBe(true);
    expect(refused(write({ origin: "http://127.0.0.1:3001" }))).toBe(true);
    expect(refused(write({ origin: "https://127.0.0.1:3000" }))).toBe(true);
    expect(refused(write({ origin: "null" }))).toBe(true);
    expect(refused(write({ "sec-fetch-site": "cross-site" }))).toBe(true);
    expect(refused(write({ "sec-fetch-site": "same-site" }))).toBe(true);
    expect(refused(write({}))).toBe(true);
  });

  it("behind a proxy, compares with CONSOLE_URL, or with the proxy's scheme when trusted", () => {
    const behind = write({ origin: "https://roomscope.example.com" }, "http://roomscope.example.com/api/watchlist");
    expect(refused(behind)).toBe(true);
    expect(refused(behind, "https://roomscope.example.com")).toBe(false);
    const forwarded = write({ origin: "https://roomscope.example.com", "x-forwarded-proto": "https" }, "http://roomscope.example.com/api/watchlist");
    expect(refused(forwarded, undefined, true)).toBe(false);
    expect(refused(forwarded, undefined, false)).toBe(true);
  });
});
