import { request as httpRequest } from "node:http";
import { expect, test } from "./fixtures";
import { ROOM_ID_MAX_BYTES } from "../lib/contract/room-id";
import { ACCOUNTS, adminToken } from "./accounts";

// Hostile input against the built console (server.mjs, its direct lane included), sent byte for
// byte with node:http so nothing normalises it on the way. Every case must get a clear 4xx in the
// API's error shape (431 comes from Node's parser, before any code of ours), none may reach
// Tencent, and the server keeps serving. The count is printed for the issue note.

const PORT = Number(process.env.E2E_APP_PORT ?? 3310);
const ORIGIN = `http://127.0.0.1:${PORT}`;
const SIM = `http://127.0.0.1:${process.env.E2E_SIM_PORT ?? 9310}`;

interface Case {
  name: string;
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Defaults to a 4xx other than 401/403 (the input itself is refused); auth cases say which. */
  expect?: number;
  /** Refused by Node's HTTP parser before any code of ours runs (no error shape to check). */
  parser?: true;
  /**
   * A body far over the limit: the server answers 413 at once and closes the connection, and a
   * client still sending may see the reset before it reads the answer. Either is a refusal.
   */
  mayReset?: true;
}

function send(c: Case, token: string | null): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const body = c.body === undefined ? Buffer.alloc(0) : Buffer.from(c.body);
    // Declared, as browsers and most clients do (a body that only streams past the limit is
    // lib/api/parse.test.ts's case): the server refuses from the header, before reading.
    const headers: Record<string, string> = { host: `127.0.0.1:${PORT}`, ...(token ? { authorization: `Bearer ${token}` } : {}), ...c.headers };
    if (c.body !== undefined && !("content-length" in headers)) headers["content-length"] = String(body.length);
    for (const [k, v] of Object.entries(headers)) if (v === "") delete headers[k];
    // A connection of its own: a refused body may be left unread on it.
    let answered = false;
    const req = httpRequest({ host: "127.0.0.1", port: PORT, method: c.method, path: c.path, headers, setHost: false, agent: false }, (res) => {
      answered = true;
      const chunks: Buffer[] = [];
      res.on("data", (d: Buffer) => chunks.push(d));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString("utf8") }));
    });
    // A server that refuses early may close before a big body is sent; its answer still counts.
    req.on("error", (error) =>
      error.message.includes("EPIPE") || error.message.includes("ECONNRESET") ? resolve({ status: -1, text: "" }) : reject(new Error(`${c.name}: ${error.message}`)),
    );
    // A big body goes in pieces, and stops once the server has answered (it refuses early, and
    // would otherwise close the connection under a client still writing, before it reads the answer).
    void (async () => {
      for (let at = 0; at < body.length && !answered && !req.destroyed; at += 64 * 1024) {
        if (!req.write(body.subarray(at, at + 64 * 1024))) await new Promise((r) => req.once("drain", r));
      }
      req.end();
    })();
  });
}

const enc = encodeURIComponent;
/** RoomIds no route may take, as they would be typed, pasted or forged. */
const BAD_ROOM_IDS: [string, string][] = [
  ["empty", ""],
  ["49 bytes", "a".repeat(ROOM_ID_MAX_BYTES + 1)],
  ["17 CJK characters (51 bytes)", "直".repeat(17)],
  ["13 emoji (52 bytes)", "😀".repeat(13)],
  ["a kilobyte", "k".repeat(1024)],
  ["NUL", "room\u0000id"],
  ["CR LF", "room\r\nid"],
  ["a tab", "room\tid"],
  ["DEL", "room\u007fid"],
  ["a C1 control", "room\u0085id"],
  ["a zero-width space", "demo\u200bpopular"],
  ["a zero-width joiner", "demo\u200dpopular"],
  ["a right-to-left override", "\u202edemo-popular"],
  ["a left-to-right mark", "demo-popular\u200e"],
  ["a BOM", "\ufeffdemo-popular"],
  ["a soft hyphen", "demo\u00adpopular"],
  ["a word joiner", "demo\u2060popular"],
  ["a plain space", "demo popular"],
  ["a leading space", " demo-popular"],
  ["a no-break space", "demo\u00a0popular"],
  ["an ideographic space", "demo\u3000popular"],
  ["a line separator", "demo\u2028popular"],
  ["a paragraph separator", "demo\u2029popular"],
  ["a Mongolian vowel separator", "demo\u180epopular"],
  ["an interlinear annotation", "demo\ufff9popular"],
];
/** Path segments that are not valid percent-encoding or not text. */
const BAD_SEGMENTS: [string, string][] = [
  ["%ZZ", "%ZZ"],
  ["a lone %", "%"],
  ["a truncated escape", "abc%4"],
  ["a lone surrogate", "%ED%A0%80"],
  ["an overlong dot", "%C0%AE"],
  ["an overlong slash", "%C0%AF"],
  ["a bare continuation byte", "%80"],
  ["invalid UTF-8 lead bytes", "%FF%FE"],
  ["a truncated 3-byte sequence", "%E7%9B"],
  ["an encoded NUL", "%00"],
  ["encoded CR LF", "a%0D%0Ab"],
];
/** Dot segments, which a server would resolve as path steps: refused before any route. */
const TRAVERSAL: [string, string][] = [
  ["a plain ..", ".."],
  ["a plain .", "."],
  ["an encoded ..", "%2E%2E"],
  ["a mixed-case encoded .", "%2e"],
  ["half-encoded ..", ".%2E"],
];
/**
 * Odd but valid RoomIds (Tencent's rule is any string of at most 48 bytes): they are names, not
 * paths or markup, so they must reach Tencent exactly as typed, and Tencent says it has no such room.
 */
const ODD_BUT_VALID: [string, string][] = [
  ["exactly 48 bytes", "a".repeat(ROOM_ID_MAX_BYTES)],
  ["16 CJK characters (48 bytes)", "直".repeat(16)],
  ["12 emoji (48 bytes)", "😀".repeat(12)],
  ["a path", "../../etc/passwd"],
  ["backslashes", "..\\..\\win.ini"],
  ["percent signs", "%2E%2E%2F"],
  ["markup", "<script>alert(1)</script>"],
  ["a prototype's name", "__proto__"],
  ["quotes", `"'\``],
];

function roomCases(): Case[] {
  const cases: Case[] = [];
  const targets = (segment: string): [string, string, string][] => [
    ["stats", "GET", `/api/rooms/${segment}/stats`],
    ["history", "GET", `/api/rooms/${segment}/history`],
    ["history.csv", "GET", `/api/rooms/${segment}/history.csv`],
    ["report", "GET", `/api/rooms/${segment}/report`],
    ["watchlist DELETE", "DELETE", `/api/watchlist/${segment}`],
  ];
  for (const [label, roomId] of BAD_ROOM_IDS) {
    // An empty segment is another path (a 404); the rest reach the routes.
    if (roomId === "") continue;
    for (const [route, method, path] of targets(enc(roomId))) cases.push({ name: `${route}: ${label}`, method, path, headers: { origin: ORIGIN } });
  }
  for (const [label, segment] of [...BAD_SEGMENTS, ...TRAVERSAL]) {
    for (const [route, method, path] of targets(segment)) cases.push({ name: `${route}: ${label}`, method, path, headers: { origin: ORIGIN } });
  }
  for (const [label, roomId] of ODD_BUT_VALID) {
    cases.push({ name: `stats: ${label} (valid: Tencent's 404)`, method: "GET", path: `/api/rooms/${enc(roomId)}/stats`, expect: 404 });
  }
  for (const [label, roomId] of BAD_ROOM_IDS) {
    cases.push({ name: `watchlist POST: ${label}`, method: "POST", path: "/api/watchlist", headers: { "content-type": "application/json", origin: ORIGIN }, body: JSON.stringify({ roomId }) });
  }
  const megabyte = "m".repeat(1024 * 1024);
  cases.push({ name: "watchlist POST: a megabyte RoomId", method: "POST", path: "/api/watchlist", headers: { "content-type": "application/json", origin: ORIGIN }, body: JSON.stringify({ roomId: megabyte }), expect: 413, mayReset: true });
  // Paths and headers past Node's 16 KB limit are refused by its parser, before any code of ours.
  cases.push({ name: "stats: a 20 KB RoomId in the path", method: "GET", path: `/api/rooms/${"m".repeat(20_000)}/stats`, expect: 431, parser: true });
  cases.push({ name: "a 20 KB header", method: "GET", path: "/api/watchlist", headers: { "x-junk": "j".repeat(20_000) }, expect: 431, parser: true });
  return cases;
}

function queryCases(): Case[] {
  const history = "/api/rooms/demo-popular/history";
  const bad = [
    "points=0x10", "points=1e2", "points=%205", "points=5%20", "points=-1", "points=1", "points=2001", "points=99999999999", "points=", "points=1.5", "points=NaN",
    "points=5&points=6", "from=yesterday", "from=2026-13-01T00:00:00Z", "from=2026-12-01", "to=%00", "from=2026-12-01T10:00:00Z&to=2026-12-01T09:00:00Z",
    "from=2026-12-01T10:00:00Z&from=2026-12-01T11:00:00Z",
  ];
  const cases: Case[] = bad.flatMap((q) => [
    { name: `history ?${q}`, method: "GET", path: `${history}?${q}` },
    { name: `history.csv ?${q}`, method: "GET", path: `${history}.csv?${q}` },
  ]).filter((c) => !(c.path.includes(".csv") && c.path.includes("points")));
  for (const q of ["", "watchlist=0", "watchlist=true", "watchlist=1&watchlist=1", "watchlist=%ZZ"]) cases.push({ name: `overview ?${q}`, method: "GET", path: `/api/rooms?${q}` });
  for (const q of ["limit=0", "limit=501", "limit=abc", "before=-1", "action=room.delete", "from=soon", "actor=a&actor=b"]) cases.push({ name: `audit ?${q}`, method: "GET", path: `/api/audit?${q}` });
  return cases;
}

function bodyCases(): Case[] {
  const json = { "content-type": "application/json", origin: ORIGIN };
  const routes: [string, string, string][] = [
    ["watchlist", "POST", "/api/watchlist"],
    ["users", "POST", "/api/users"],
    ["tokens", "POST", "/api/tokens"],
    ["user update", "PATCH", "/api/users/no-such-user"],
    ["sign-in", "POST", "/api/session"],
  ];
  const bodies: [string, Partial<Case>][] = [
    ["no body", { headers: json }],
    ["malformed JSON", { headers: json, body: '{"roomId":' }],
    ["JSON of the wrong shape", { headers: json, body: "[1,2,3]" }],
    ["null", { headers: json, body: "null" }],
    ["invalid UTF-8", { headers: json, body: Buffer.from([0x7b, 0x22, 0x72, 0x6f, 0x6f, 0x6d, 0x49, 0x64, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]) }],
    ["text/plain (a cross-site form could send it)", { headers: { "content-type": "text/plain", origin: ORIGIN }, body: '{"roomId":"x"}' }],
    ["form-encoded", { headers: { "content-type": "application/x-www-form-urlencoded", origin: ORIGIN }, body: "roomId=x" }],
    ["no content type", { headers: { origin: ORIGIN }, body: '{"roomId":"x"}' }],
    ["20 MB", { headers: json, body: Buffer.alloc(20 * 1024 * 1024, 0x61), mayReset: true }],
    ["a declared 200 MB", { headers: { ...json, "content-length": String(200 * 1024 * 1024) }, body: "{}" }],
  ];
  const cases: Case[] = [];
  for (const [route, method, path] of routes) for (const [label, c] of bodies) cases.push({ name: `${route}: ${label}`, method, path, ...c });
  return cases;
}

function methodCases(): Case[] {
  const cases: Case[] = [];
  for (const path of ["/api/rooms/demo-popular/stats", "/api/watchlist", "/api/health", "/api/session", "/rooms/demo-popular", "/"]) {
    for (const method of ["TRACE", "PROPFIND", "PUT", "DELETE"]) {
      // Signing out is DELETE /api/session, and answers 204 with or without a session.
      if (!(method === "DELETE" && path === "/api/session")) cases.push({ name: `${method} ${path}`, method, path, headers: { origin: ORIGIN } });
    }
    // Not a method Node's parser knows: it answers 400 itself.
    cases.push({ name: `TRACK ${path}`, method: "TRACK", path, expect: 400, parser: true });
  }
  cases.push({ name: "POST on a read-only route", method: "POST", path: "/api/rooms/demo-popular/stats", headers: { origin: ORIGIN } });
  cases.push({ name: "DELETE the whole watchlist", method: "DELETE", path: "/api/watchlist", headers: { origin: ORIGIN } });
  cases.push({ name: "PATCH a token", method: "PATCH", path: "/api/tokens/x", headers: { origin: ORIGIN } });
  cases.push({ name: "GET *", method: "GET", path: "*" });
  cases.push({ name: "OPTIONS *", method: "OPTIONS", path: "*" });
  cases.push({ name: "an absolute-form target", method: "GET", path: "http://evil.example/api/health" });
  cases.push({ name: "an unknown API path", method: "GET", path: "/api/rooms/demo-popular/secrets" });
  for (const host of ["a b", "localhost:99999", "[::1", "evil.example/x", "a..b", "-a.example", "host:port"]) {
    cases.push({ name: `Host: ${host}`, method: "GET", path: "/api/rooms/demo-popular/stats", headers: { host } });
  }
  cases.push({ name: "no Host at all", method: "GET", path: "/api/rooms/demo-popular/stats", headers: { host: "" }, expect: 400, parser: true });
  return cases;
}

function authCases(revoked: string, signedOut: string): Case[] {
  const stats = "/api/rooms/demo-popular/stats";
  const unauth = (name: string, headers: Record<string, string>): Case => ({ name, method: "GET", path: stats, headers: { authorization: "", ...headers }, expect: 401 });
  return [
    unauth("no credentials", {}),
    unauth("a revoked token", { authorization: `Bearer ${revoked}` }),
    unauth("a token of the right shape nobody issued", { authorization: `Bearer rst_${"A".repeat(43)}` }),
    unauth("a token one character off", { authorization: `Bearer ${revoked.slice(0, -1)}${revoked.endsWith("A") ? "B" : "A"}` }),
    unauth("a truncated token", { authorization: `Bearer ${revoked.slice(0, 20)}` }),
    unauth("Basic credentials", { authorization: `Basic ${Buffer.from(`${ACCOUNTS.admin.email}:${ACCOUNTS.admin.password}`).toString("base64")}` }),
    unauth("Bearer with nothing", { authorization: "Bearer " }),
    unauth("a token with a CR LF", { authorization: "Bearer rst_a\tb" }),
    unauth("a forged session cookie", { cookie: "roomscope.session_token=forged.value" }),
    unauth("a session cookie without a signature", { cookie: "roomscope.session_token=ZNVb23YmlmALMZuWNbKkO37lYIPHg7kj" }),
    unauth("a signed-out session's cookie", { cookie: signedOut }),
    unauth("a signed-out session's cookie, re-signed by guesswork", { cookie: signedOut.replace(/\.[^.;]+/, ".AAAA") }),
    { ...unauth("a 20 KB cookie", { cookie: `roomscope.session_token=${"c".repeat(20_000)}` }), expect: 431, parser: true },
    unauth("a 4 KB cookie", { cookie: `roomscope.session_token=${"c".repeat(4000)}` }),
    { name: "a revoked token on a write", method: "POST", path: "/api/watchlist", headers: { authorization: `Bearer ${revoked}`, "content-type": "application/json" }, body: '{"roomId":"x"}', expect: 401 },
    { name: "a page with a forged cookie", method: "GET", path: "/watchlist", headers: { authorization: "", cookie: "roomscope.session_token=forged.value" }, expect: 307 },
  ];
}

function crossOriginCases(cookie: string): Case[] {
  const write = (name: string, method: string, path: string, headers: Record<string, string>, body?: string): Case => ({
    name,
    method,
    path,
    headers: { authorization: "", cookie, ...headers },
    body,
    expect: 403,
  });
  return [
    write("a text/plain POST from another site", "POST", "/api/watchlist", { origin: "http://evil.example", "content-type": "text/plain" }, '{"roomId":"junk-1"}'),
    write("a JSON POST from another site", "POST", "/api/watchlist", { origin: "http://evil.example", "content-type": "application/json" }, '{"roomId":"junk-2"}'),
    write("a POST from another port", "POST", "/api/watchlist", { origin: "http://127.0.0.1:1", "content-type": "application/json" }, '{"roomId":"junk-3"}'),
    write("a POST from a sandboxed frame (Origin: null)", "POST", "/api/watchlist", { origin: "null", "content-type": "application/json" }, '{"roomId":"junk-4"}'),
    write("a POST that names no origin", "POST", "/api/watchlist", { "content-type": "application/json" }, '{"roomId":"junk-5"}'),
    write("a POST marked cross-site", "POST", "/api/watchlist", { "sec-fetch-site": "cross-site", "content-type": "application/json" }, '{"roomId":"junk-6"}'),
    write("a DELETE from another site", "DELETE", "/api/watchlist/demo-popular", { origin: "http://evil.example" }),
    write("a token minted from another site", "POST", "/api/tokens", { origin: "http://evil.example", "content-type": "application/json" }, '{"name":"evil","role":"admin"}'),
    write("a user created from another site", "POST", "/api/users", { origin: "http://evil.example", "content-type": "application/json" }, '{"email":"evil@evil.example","role":"admin"}'),
    write("a role changed from another site", "PATCH", "/api/users/x", { origin: "http://evil.example", "content-type": "application/json" }, '{"role":"admin"}'),
    write("a sign-out forced from another site", "DELETE", "/api/session", { origin: "http://evil.example" }),
    write("a sign-in forced from another site", "POST", "/api/session", { origin: "http://evil.example", "content-type": "application/json" }, JSON.stringify({ email: ACCOUNTS.admin.email, password: ACCOUNTS.admin.password })),
  ];
}

test.use({ storageState: { cookies: [], origins: [] } });

test("hostile input gets a clear 4xx, never reaches Tencent, and the server keeps serving", async ({ playwright }) => {
  test.setTimeout(180_000);
  const api = await playwright.request.newContext();
  const token = await adminToken(api, ORIGIN, `hostile-${Date.now()}`);
  const revoked = await adminToken(api, ORIGIN, `hostile-revoked-${Date.now()}`);
  expect((await api.delete(`${ORIGIN}/api/tokens/${(await (await api.get(`${ORIGIN}/api/tokens`)).json()).tokens.find((t: { name: string }) => t.name.startsWith("hostile-revoked")).name}`, { headers: { origin: ORIGIN } })).status()).toBe(204);
  // A live session cookie (for the cross-origin cases) and a signed-out one.
  const session = async () => {
    const res = await api.post(`${ORIGIN}/api/session`, { data: ACCOUNTS.ops, headers: { origin: ORIGIN } });
    return res.headers()["set-cookie"]!.split(";", 1)[0]!;
  };
  const live = await session();
  const signedOut = await session();
  await api.delete(`${ORIGIN}/api/session`, { headers: { origin: ORIGIN, cookie: signedOut } });
  const watchedRooms = async () =>
    ((await (await api.get(`${ORIGIN}/api/watchlist`, { headers: { authorization: `Bearer ${token}` } })).json()).rooms as { roomId: string }[]).map((r) => r.roomId);
  const watchlistBefore = await watchedRooms();

  const before = (await (await fetch(`${SIM}/__sim/calls`)).json()).byRoomId as Record<string, number>;
  const cases = [...roomCases(), ...queryCases(), ...bodyCases(), ...methodCases(), ...authCases(revoked, signedOut), ...crossOriginCases(live)];
  const failures: string[] = [];
  for (const c of cases) {
    const { status, text } = await send(c, c.headers?.authorization === "" ? null : token);
    const refusedBody = c.mayReset && (status === -1 || status === 413);
    const ok = refusedBody || (c.expect !== undefined ? status === c.expect : status >= 400 && status < 500 && status !== 401 && status !== 403);
    const shaped = c.parser || (refusedBody && status === -1) || (c.expect === 307 && status === 307) || /^\{"error":\{"code":"[a-z_]+","message":"[^"]+/.test(text);
    if (!ok || !shaped || status >= 500) failures.push(`${c.name}: ${status} ${text.slice(0, 120)}`);
    // Still serving after each one.
    if (c.body && (c.body as Buffer).length > 1_000_000) expect((await fetch(`${ORIGIN}/api/health`)).status).toBe(200);
  }
  console.log(`hostile input: ${cases.length} cases, ${cases.length - failures.length} answered as expected`);
  expect(failures).toEqual([]);
  expect(cases.length).toBeGreaterThanOrEqual(250);

  // Nothing new reached Tencent but the rooms the recorder records anyway (the stand-in's catalogue)
  // and the odd but valid RoomIds, each exactly as typed.
  const after = (await (await fetch(`${SIM}/__sim/calls`)).json()).byRoomId as Record<string, number>;
  const catalogue = new Set(((await (await fetch(`${SIM}/__sim/rooms`)).json()) as { roomId: string }[]).map((r) => r.roomId));
  const reached = Object.keys(after).filter((roomId) => after[roomId] !== before[roomId] && !catalogue.has(roomId));
  expect(reached.sort()).toEqual(ODD_BUT_VALID.map(([, roomId]) => roomId).sort());
  // No junk joined the team's watchlist, and the server still answers.
  expect(await watchedRooms()).toEqual(watchlistBefore);
  expect((await fetch(`${ORIGIN}/api/health`)).status).toBe(200);
  await api.dispose();
});
