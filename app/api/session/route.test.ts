// POST/GET/DELETE /api/session through the real handlers, on a real embedded database.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, configureConsole, disposeConsole, startStandIn } from "@/lib/testing/console-harness";
import type { Simulator } from "@/simulator/server";
import { DELETE, GET, POST } from "./route";

let sim: Simulator;
const ORIGIN = { origin: "http://console.test" };
const signIn = (email: string, password: string, headers: Record<string, string> = ORIGIN) =>
  call(POST, "/api/session", {}, { method: "POST", body: { email, password }, token: null, headers });

beforeAll(async () => {
  sim = await startStandIn();
  const service = await configureConsole(sim);
  await service.access.users.create({ email: "ana@example.com", role: "ops", password: "ana-password-123" });
});
afterAll(async () => {
  await disposeConsole();
  await sim.close();
});

describe("signing in", () => {
  it("sets an httpOnly, SameSite=Lax session cookie, Secure on a host that is not localhost", async () => {
    const res = await signIn("ana@example.com", "ana-password-123");
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({ email: "ana@example.com", role: "ops", kind: "user" });
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith("roomscope.session_token="))!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).toMatch(/; Secure/);
    const me = await call(GET, "/api/session", {}, { token: null, headers: { cookie: cookie.split(";", 1)[0]! } });
    expect(me.body.permissions).toContain("watchlist.write");
    expect(me.body.permissions).not.toContain("users.manage");
  });

  it("answers a wrong password and an unknown account alike", async () => {
    const wrong = await signIn("ana@example.com", "not-her-password");
    const unknown = await signIn("nobody@example.com", "not-a-password");
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body).toEqual(unknown.body);
  });

  it("throttles after repeated failures, then refuses even the right password, with Retry-After", async () => {
    for (let i = 0; i < 5; i++) expect((await signIn("bo@example.com", `wrong-${i}`)).status).toBe(401);
    const locked = await signIn("bo@example.com", "anything");
    expect(locked.status).toBe(429);
    expect(locked.body.error.code).toBe("sign_in_throttled");
    expect(Number(locked.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
  });

  it("refuses a sign-in another site's page makes", async () => {
    const res = await signIn("ana@example.com", "ana-password-123", { origin: "http://evil.example" });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe("cross_origin");
    expect(res.headers.getSetCookie()).toEqual([]);
  });
});

describe("signing out", () => {
  it("ends the session on the server and clears the cookie", async () => {
    const cookie = (await signIn("ana@example.com", "ana-password-123")).headers.getSetCookie()[0]!.split(";", 1)[0]!;
    const out = await call(DELETE, "/api/session", {}, { method: "DELETE", token: null, headers: { ...ORIGIN, cookie } });
    expect(out.status).toBe(204);
    expect(out.headers.getSetCookie().join()).toMatch(/roomscope\.session_token=;.*Max-Age=0/);
    const after = await call(GET, "/api/session", {}, { token: null, headers: { cookie } });
    expect(after.status).toBe(401);
  });
});
