// Every API route by every role, and by no one and a revoked token, through the real handlers and
// the real stand-in. The expected answers are written out below from the role table; the
// route list comes from the route files themselves, so a new route that is not in lib/auth's table
// (or not in this one) fails here.
import { readdirSync } from "node:fs";
import { join, relative } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROUTES, type RouteName } from "@/lib/auth/route-access";
import { ROLES, type Role } from "@/lib/contract/roles";
import { call, configureConsole, disposeConsole, startStandIn, tempDataDir } from "@/lib/testing/console-harness";
import { deleteKeys, REDIS_TEST_URL, testPrefix } from "@/lib/testing/redis";
import type { Simulator } from "@/simulator/server";

type Expectation = "allow" | "deny" | "watched_only";
/** allow: every role; staff: not viewer; ops: ops and admin; admin: admin only; open: no sign-in at all. */
const EVERYONE = { admin: "allow", ops: "allow", support: "allow", viewer: "allow" } as const;
const STAFF = { admin: "allow", ops: "allow", support: "allow", viewer: "deny" } as const;
const READERS = { admin: "allow", ops: "allow", support: "allow", viewer: "watched_only" } as const;
const OPS = { admin: "allow", ops: "allow", support: "deny", viewer: "deny" } as const;
const ADMIN = { admin: "allow", ops: "deny", support: "deny", viewer: "deny" } as const;

const EXPECTED: Record<RouteName, "open" | Record<Role, Expectation>> = {
  health: "open",
  ready: "open",
  metrics: ADMIN,
  "session-sign-in": "open",
  "session-sign-out": "open",
  "session-sso": "open",
  "auth-callback": "open",
  "tencent-callback": "open",
  session: EVERYONE,
  "room-stats": STAFF,
  "room-info": STAFF,
  "room-history": READERS,
  "room-history-csv": READERS,
  "room-report": READERS,
  "rooms-live": STAFF,
  "rooms-overview": EVERYONE,
  watchlist: EVERYONE,
  "watchlist-add": OPS,
  "watchlist-remove": OPS,
  users: ADMIN,
  "user-create": ADMIN,
  "user-update": ADMIN,
  "user-remove": ADMIN,
  "user-password": ADMIN,
  tokens: ADMIN,
  "token-create": ADMIN,
  "token-revoke": ADMIN,
  audit: ADMIN,
  "audit-csv": ADMIN,
  "alert-rules": EVERYONE,
  "alert-rule-create": OPS,
  "alert-rule": EVERYONE,
  "alert-rule-update": OPS,
  "alert-rule-delete": OPS,
  "alert-channels": EVERYONE,
  "alert-channel-create": OPS,
  "alert-channel-update": OPS,
  "alert-channel-delete": OPS,
  "alert-channel-test": OPS,
  "alert-silences": EVERYONE,
  "alert-silence-create": OPS,
  "alert-silence-delete": OPS,
  "alerts-current": EVERYONE,
  "alerts-history": EVERYONE,
};

const WATCHED = "demo-quiet";
const UNWATCHED = "demo-popular";
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

/** app/api/rooms/[roomId]/stats/route.ts → /api/rooms/{roomId}/stats */
function templateOf(file: string): string {
  return `/${file.replace(/\/route\.ts$/, "")}`
    .replace(/^\/app/, "")
    .replace(/\[\.\.\.(\w+)\]/g, "{...$1}")
    .replace(/\[(\w+)\]/g, "{$1}");
}

const root = join(import.meta.dirname, "..", "..");
const routeFiles = readdirSync(join(root, "app", "api"), { recursive: true, withFileTypes: true })
  .filter((e) => e.isFile() && e.name === "route.ts")
  .map((e) => relative(root, join(e.parentPath, e.name)));

async function handlers(): Promise<Map<string, Handler>> {
  const found = new Map<string, Handler>();
  for (const file of routeFiles) {
    const mod = (await import(`@/${file.replace(/\.ts$/, "")}`)) as Record<string, Handler>;
    for (const method of METHODS) if (mod[method]) found.set(`${method} ${templateOf(file)}`, mod[method]);
  }
  return found;
}

/** A request each route can act on: a real room, ids that do not exist for destructive routes. */
function sample(name: RouteName, room: string, n: number): { path: string; params: Record<string, string>; body?: unknown } {
  const spec = ROUTES[name];
  const params: Record<string, string> = {};
  const path = spec.path.replace(/\{(\.\.\.)?(\w+)\}/g, (_, rest: string | undefined, param: string) => {
    const value =
      param === "roomId" ? (name === "watchlist-remove" ? `matrix-${n}` : room) : param === "path" ? "callback/oidc" : param === "userId" ? "no-such-user" : "no-such-token";
    params[param] = value;
    return rest ? value : encodeURIComponent(value);
  });
  const bodies: Partial<Record<RouteName, unknown>> = {
    "session-sign-in": { email: "nobody@example.test", password: "not-a-password" },
    "session-sso": {},
    "watchlist-add": { roomId: `matrix-${n}` },
    "user-create": { email: `matrix-${n}@example.test`, role: "viewer" },
    "user-update": { role: "viewer" },
    "user-password": {},
    "token-create": { name: `matrix-${n}`, role: "viewer" },
  };
  return { path, params, body: bodies[name] };
}

let sim: Simulator;
const tokens = {} as Record<Role | "revoked", string>;
let routeHandlers: Map<string, Handler>;

beforeAll(async () => {
  sim = await startStandIn();
  const service = await configureConsole(sim);
  for (const role of ROLES) tokens[role] = (await service.access.tokens.create({ name: `matrix-${role}`, role, createdBy: "tests", expiresAt: null })).token;
  tokens.revoked = (await service.access.tokens.create({ name: "matrix-revoked", role: "admin", createdBy: "tests", expiresAt: null })).token;
  await service.access.tokens.revoke("matrix-revoked");
  await service.watchlist.add(WATCHED);
  routeHandlers = await handlers();
});
afterAll(async () => {
  await disposeConsole();
  await sim.close();
});

describe("the route table", () => {
  it("lists every exported handler of every route file, and nothing else", async () => {
    const listed = Object.values(ROUTES).map((spec) => `${spec.method} ${spec.path}`).sort();
    expect([...(await handlers()).keys()].sort()).toEqual(listed);
    expect(Object.keys(EXPECTED).sort()).toEqual(Object.keys(ROUTES).sort());
  });
});

describe("every route by every role", () => {
  let n = 0;
  const cases = (Object.keys(ROUTES) as RouteName[]).flatMap((name) => {
    const rooms = "room" in ROUTES[name] ? [WATCHED, UNWATCHED] : [WATCHED];
    const callers: (Role | "nobody" | "revoked")[] = [...ROLES, "nobody", "revoked"];
    return rooms.flatMap((room) => callers.map((who) => [name, room, who] as const));
  });

  it.each(cases)("%s (%s) as %s", async (name, room, who) => {
    const { path, params, body } = sample(name, room, n++);
    const handler = routeHandlers.get(`${ROUTES[name].method} ${ROUTES[name].path}`)!;
    const token = who === "nobody" ? null : tokens[who];
    // As the console's own pages send it (cross-origin writes are refused before anyone is asked for).
    const res = await call(handler, path, params, { method: ROUTES[name].method, body, token, headers: { origin: "http://console.test" } });
    const code: string | undefined = res.body?.error?.code;
    const expected = EXPECTED[name];

    if (expected === "open") {
      // Open routes ignore a token's rights; a revoked one is still no one.
      expect(["unauthenticated", "forbidden"]).not.toContain(code);
      return;
    }
    if (who === "nobody" || who === "revoked") {
      expect(res.status).toBe(401);
      expect(code).toBe("unauthenticated");
      return;
    }
    const rule = expected[who];
    const allowed = rule === "allow" || (rule === "watched_only" && room === WATCHED);
    if (allowed) {
      expect(res.status, res.text).not.toBe(401);
      expect(res.status, res.text).not.toBe(403);
    } else {
      expect(res.status).toBe(403);
      expect(code).toBe("forbidden");
    }
  });
});

describe("the per-principal quota", () => {
  it("answers 429 in the error shape with Retry-After once a token has spent its quota, and only that token", async () => {
    const service = await configureConsole(sim, { API_QUOTA_PER_MINUTE: "60" });
    const mk = async (name: string) => (await service.access.tokens.create({ name, role: "ops", createdBy: "tests", expiresAt: null })).token;
    const [script, other] = [await mk("greedy-script"), await mk("other-script")];
    const watchlist = routeHandlers.get("GET /api/watchlist")!;
    // A tenth of a minute's quota may come at once; the next must wait for the bucket to refill.
    for (let i = 0; i < 10; i++) expect((await call(watchlist, "/api/watchlist", {}, { token: script })).status).toBe(200);
    const refused = await call(watchlist, "/api/watchlist", {}, { token: script });
    expect(refused.status).toBe(429);
    expect(refused.body.error.code).toBe("quota_exceeded");
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect((await call(watchlist, "/api/watchlist", {}, { token: other })).status).toBe(200);
  });

  it("is one quota for the fleet with Redis: another instance finds the token's quota spent", async () => {
    const prefix = testPrefix();
    const dataDir = tempDataDir();
    const fleet = { API_QUOTA_PER_MINUTE: "60", REDIS_URL: REDIS_TEST_URL, REDIS_PREFIX: prefix, AUTH_SECRET: "s".repeat(40), DATA_DIR: dataDir };
    try {
      const first = await configureConsole(sim, fleet);
      const { token } = await first.access.tokens.create({ name: "spread-script", role: "ops", createdBy: "tests", expiresAt: null });
      const watchlist = routeHandlers.get("GET /api/watchlist")!;
      for (let i = 0; i < 10; i++) expect((await call(watchlist, "/api/watchlist", {}, { token })).status).toBe(200);
      // A fresh instance on the same Redis (and database): nothing of the first one's memory.
      await configureConsole(sim, fleet);
      const refused = await call(watchlist, "/api/watchlist", {}, { token });
      expect(refused.status).toBe(429);
      expect(refused.body.error.code).toBe("quota_exceeded");
    } finally {
      await deleteKeys(prefix);
    }
  });
});
