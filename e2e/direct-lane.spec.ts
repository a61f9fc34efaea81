import type { APIRequestContext } from "@playwright/test";
import { expect, test } from "./fixtures";
import { adminToken } from "./accounts";

// server.mjs's direct lane (lib/api/direct-lane.mjs) must answer exactly as Next's own route does.
// The same requests (good, bad, hostile) go to `node server.mjs` (the lane takes them) and to
// `next start` (Next's routing, proxy.ts included), both built from this tree and wired to one
// stand-in; status, headers and body must be the same.

const LANE = `http://127.0.0.1:${process.env.E2E_APP_PORT ?? 3310}`;
const NEXT_ONLY = `http://127.0.0.1:${Number(process.env.E2E_APP_PORT ?? 3310) + 1}`;

// Transport headers belong to the connection, not the answer, and `vary` lists Next's client-router
// request headers, which no API client sends (every answer here is `cache-control: no-store`).
const TRANSPORT = new Set(["date", "connection", "keep-alive", "transfer-encoding", "content-length", "vary"]);

/**
 * One answer with what legitimately differs between two consoles that each asked Tencent themselves
 * replaced by its shape: Tencent's RequestId, the time it answered, and the moving live figures.
 */
async function answer(request: APIRequestContext, base: string, method: string, path: string, headers: Record<string, string> = {}) {
  const sent: Record<string, string> = { authorization: `Bearer ${tokens[base]}`, ...headers };
  if (sent.authorization === "") delete sent.authorization;
  const res = await request.fetch(`${base}${path}`, { method, headers: sent, maxRedirects: 0 });
  const answered = Object.fromEntries(Object.entries(res.headers()).filter(([name]) => !TRANSPORT.has(name)));
  // Each answer has an id of its own: compared by shape.
  if (answered["x-request-id"] !== undefined) answered["x-request-id"] = /^[0-9a-f-]{36}$/.test(answered["x-request-id"]) ? "<uuid>" : answered["x-request-id"];
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text, (key, value) =>
      key === "requestId" ? "<requestId>" : key === "fetchedAt" ? "<time>" : typeof value === "number" && key.startsWith("total") ? "<count>" : value,
    );
  } catch {
    // Not JSON: compared as text.
  }
  return { status: res.status(), headers: answered, body };
}

const CASES: [name: string, method: string, path: string, headers?: Record<string, string>][] = [
  ["a live room", "GET", "/api/rooms/demo-popular/stats"],
  ["a query string the route ignores", "GET", "/api/rooms/demo-quiet/stats?interval=5&x=%ZZ"],
  ["a room that ended (Tencent's 100004)", "GET", "/api/rooms/demo-ended/stats"],
  ["a RoomId in UTF-8", "GET", `/api/rooms/${encodeURIComponent("直播间-1")}/stats`],
  ["an encoded slash inside the RoomId", "GET", "/api/rooms/a%2Fb/stats"],
  ["a RoomId of 49 bytes", "GET", `/api/rooms/${"x".repeat(49)}/stats`],
  ["a tab in the RoomId", "GET", "/api/rooms/a%09b/stats"],
  ["a NUL byte", "GET", "/api/rooms/%00/stats"],
  ["broken percent-encoding", "GET", "/api/rooms/%ZZ/stats"],
  ["a lone percent sign", "GET", "/api/rooms/%/stats"],
  ["a lone surrogate in UTF-8", "GET", "/api/rooms/%ED%A0%80/stats"],
  ["an overlong UTF-8 dot", "GET", "/api/rooms/%C0%AE/stats"],
  ["an upstream that answers HTML 502", "GET", "/api/rooms/demo-html502/stats"],
  ["a client that takes no compression", "GET", "/api/rooms/demo-popular/stats", { "accept-encoding": "identity" }],
  ["a client that refuses gzip", "GET", "/api/rooms/a%09b/stats", { "accept-encoding": "gzip;q=0, br" }],
  ["a client that refuses gzip but takes anything else", "GET", "/api/rooms/demo-popular/stats", { "accept-encoding": "gzip;q=0, *" }],
  ["a client that takes only deflate", "GET", "/api/rooms/demo-popular/stats", { "accept-encoding": "deflate" }],
  ["no credentials at all", "GET", "/api/rooms/demo-popular/stats", { authorization: "" }],
  ["a token that is not one", "GET", "/api/rooms/demo-popular/stats", { authorization: "Bearer rst_forged" }],
];

// Scripts with tokens, not the signed-in browser the other specs start from.
test.use({ storageState: { cookies: [], origins: [] } });

/** Each console has its own accounts (its own database): a token of each, made by its first admin. */
const tokens: Record<string, string> = {};

test.describe("the direct lane answers as Next's own route does", () => {
  test.beforeAll(async ({ playwright }) => {
    for (const base of [LANE, NEXT_ONLY]) {
      const request = await playwright.request.newContext();
      tokens[base] = await adminToken(request, base, `direct-lane-${Date.now()}`);
      await request.dispose();
    }
  });

  for (const [name, method, path, headers] of CASES) {
    test(`${name}: ${method} ${path}`, async ({ request }) => {
      const [viaLane, viaNext] = await Promise.all([answer(request, LANE, method, path, headers), answer(request, NEXT_ONLY, method, path, headers)]);
      expect(viaLane).toEqual(viaNext);
    });
  }

  test("server.mjs answers a method a route does not have in the error shape, with Allow", async ({ request }) => {
    const { status, headers, body } = await answer(request, LANE, "POST", "/api/rooms/demo-popular/stats");
    expect(status).toBe(405);
    expect(headers.allow).toBe("GET, HEAD");
    expect(body).toMatchObject({ error: { code: "method_not_allowed" } });
  });

  test("every failure is in the API's one error shape", async ({ request }) => {
    for (const [, method, path] of CASES.filter(([, m]) => m === "GET")) {
      const { status, body } = await answer(request, LANE, method, path);
      if (status === 200) continue;
      expect(body, path).toMatchObject({ error: { code: expect.any(String), message: expect.any(String) } });
    }
  });
});
