import { describe, expect, it } from "vitest";
import { z } from "zod";
import { DomainError } from "@/lib/errors/domain-error";
import { MAX_BODY_BYTES, parseJsonBody, parseQuery } from "./parse";

const schema = z.object({ roomId: z.string() });
const post = (body: BodyInit | null, headers: Record<string, string> = { "content-type": "application/json" }) =>
  new Request("http://console.test/api/watchlist", { method: "POST", body, headers, duplex: "half" } as RequestInit);

async function refusal(promise: Promise<unknown>) {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(DomainError.is(error)).toBe(true);
  return { code: (error as DomainError).code, reason: (error as DomainError).params.reason };
}

describe("JSON bodies", () => {
  it("reads a JSON body against its schema", async () => {
    await expect(parseJsonBody(schema, post('{"roomId":"直播间-1"}'))).resolves.toEqual({ roomId: "直播间-1" });
    await expect(parseJsonBody(schema, post('{"roomId":"a"}', { "content-type": "application/json; charset=utf-8" }))).resolves.toEqual({ roomId: "a" });
  });

  it("refuses what a cross-site form could send: text/plain, form encoding, no type at all", async () => {
    for (const type of ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"]) {
      expect(await refusal(parseJsonBody(schema, post('{"roomId":"a"}', { "content-type": type })))).toMatchObject({ code: "unsupported_media_type" });
    }
    expect(await refusal(parseJsonBody(schema, post('{"roomId":"a"}', {})))).toMatchObject({ code: "unsupported_media_type" });
  });

  it("refuses invalid UTF-8 instead of storing a different RoomId", async () => {
    const bytes = new Uint8Array([...new TextEncoder().encode('{"roomId":"'), 0xff, 0xfe, ...new TextEncoder().encode('"}')]);
    expect(await refusal(parseJsonBody(schema, post(bytes)))).toEqual({ code: "invalid_body", reason: "not_utf8" });
  });

  it("refuses what is not JSON, and the wrong shape", async () => {
    expect(await refusal(parseJsonBody(schema, post("{roomId:")))).toEqual({ code: "invalid_body", reason: "not_json" });
    expect(await refusal(parseJsonBody(schema, post("")))).toEqual({ code: "invalid_body", reason: "not_json" });
    expect(await refusal(parseJsonBody(schema, post('{"roomId":7}')))).toMatchObject({ code: "invalid_body", reason: "shape" });
  });

  it("refuses a declared size over the limit before reading, and a streamed one as it passes the limit", async () => {
    const declared = post("{}", { "content-type": "application/json", "content-length": String(200 * 1024 * 1024) });
    expect(await refusal(parseJsonBody(schema, declared))).toMatchObject({ code: "payload_too_large" });

    let pulled = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 1;
        controller.enqueue(new Uint8Array(4096).fill(0x20));
      },
    });
    expect(await refusal(parseJsonBody(schema, post(endless)))).toMatchObject({ code: "payload_too_large" });
    // Stopped reading just past the limit, not at the end of the stream (it has none).
    expect(pulled * 4096).toBeLessThan(MAX_BODY_BYTES + 3 * 4096);
  });
});

describe("queries", () => {
  const query = z.object({ points: z.string().optional(), from: z.string().optional() });
  it("refuses a parameter given twice instead of guessing which was meant", () => {
    const req = new Request("http://console.test/api/x?points=5&points=6");
    expect(() => parseQuery(query, req)).toThrow(DomainError);
    try {
      parseQuery(query, req);
    } catch (e) {
      expect((e as DomainError).params).toMatchObject({ reason: "repeated", param: "points" });
    }
    expect(parseQuery(query, new Request("http://console.test/api/x?points=5&from=a"))).toEqual({ points: "5", from: "a" });
  });
});
