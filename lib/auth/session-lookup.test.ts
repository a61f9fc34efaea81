import { createHmac } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createAccess, signedSessionToken, type Access } from "@/lib/auth/access";
import { SESSION_COOKIE } from "@/lib/auth/names";
import { userPrincipal } from "@/lib/auth/principal";
import { parseAccessEnv } from "@/lib/env";
import { DomainError } from "@/lib/errors/domain-error";
import { ACCESS_BACKENDS, testAccessDatabases } from "@/lib/testing/access-db";

// Sessions are checked against the database on every request, either through Better Auth's
// getSession or, for a live session with nothing to extend, by reading the same rows of its tables
// directly (lib/auth/access.ts liveSession). These hold both ways to the same answers.

const SECRET = "a-test-secret-that-is-at-least-32-characters";
const ADMIN = { email: "admin@example.com", password: "a-long-test-password" };
const URL_ = "http://127.0.0.1:3000/api/rooms/demo/stats";

const sign = (token: string, secret = SECRET) => `${token}.${createHmac("sha256", secret).update(token).digest("base64")}`;

describe("signedSessionToken", () => {
  const cookie = (value: string) => `other=1; ${SESSION_COOKIE}=${encodeURIComponent(value)}; last=2`;

  it("takes the token of a cookie signed with the secret, however the pairs are spaced", () => {
    expect(signedSessionToken(cookie(sign("abc")), SESSION_COOKIE, SECRET)).toBe("abc");
    expect(signedSessionToken(`${SESSION_COOKIE}=${encodeURIComponent(sign("abc"))};x=1`, SESSION_COOKIE, SECRET)).toBe("abc");
  });

  it("leaves everything else to Better Auth", () => {
    expect(signedSessionToken(cookie(sign("abc", "another-secret-of-at-least-32-characters")), SESSION_COOKIE, SECRET)).toBeNull();
    expect(signedSessionToken(cookie(sign("abc").slice(0, -2) + "A="), SESSION_COOKIE, SECRET)).toBeNull();
    expect(signedSessionToken(cookie("abc"), SESSION_COOKIE, SECRET)).toBeNull();
    expect(signedSessionToken(cookie(`"${sign("abc")}"`), SESSION_COOKIE, SECRET)).toBeNull();
    expect(signedSessionToken(`${SESSION_COOKIE}=%E0%A4%A`, SESSION_COOKIE, SECRET)).toBeNull();
    expect(signedSessionToken(`${cookie(sign("abc"))}; ${SESSION_COOKIE}=${encodeURIComponent(sign("def"))}`, SESSION_COOKIE, SECRET)).toBeNull();
    expect(signedSessionToken(`x${SESSION_COOKIE}=${encodeURIComponent(sign("abc"))}`, SESSION_COOKIE, SECRET)).toBeNull();
  });
});

describe.each(ACCESS_BACKENDS)("authenticate with a session cookie, on %s", (backend) => {
  let dir: string;
  let access: Access;
  const databases = testAccessDatabases();

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), "roomscope-access-"));
    const { access: settings } = parseAccessEnv({ DATA_DIR: dir, CONSOLE_ADMIN_EMAIL: ADMIN.email, CONSOLE_ADMIN_PASSWORD: ADMIN.password });
    access = createAccess(settings, { ...(await databases.open(backend, dir)), secret: SECRET });
    await access.initialised;
  });

  afterEach(async () => {
    vi.restoreAllMocks();
    await access.stop();
    await databases.dropAll();
    rmSync(dir, { recursive: true, force: true });
  });

  async function signIn(): Promise<{ cookie: string; token: string }> {
    const response = await access.auth.api.signInEmail({ body: { ...ADMIN, rememberMe: true }, headers: new Headers(), asResponse: true });
    const cookie = response.headers
      .getSetCookie()
      .map((c) => c.split(";", 1)[0]!)
      .find((c) => c.startsWith(`${SESSION_COOKIE}=`))!;
    return { cookie, token: decodeURIComponent(cookie.slice(SESSION_COOKIE.length + 1)).split(".")[0]! };
  }

  const request = (cookie: string) => new Request(URL_, { headers: { cookie } });
  const rejected = (promise: Promise<unknown>) => expect(promise).rejects.toSatisfy((e) => e instanceof DomainError && e.code === "unauthenticated");

  it("answers a live session from its database row, without Better Auth's endpoint", async () => {
    const { cookie } = await signIn();
    const getSession = vi.spyOn(access.auth.api, "getSession");
    const found = await access.authenticate(request(cookie));
    expect(found?.principal).toMatchObject({ kind: "user", label: ADMIN.email, role: "admin" });
    expect(found?.setCookies).toEqual([]);
    expect(getSession).not.toHaveBeenCalled();
  });

  it("gives the same principal as Better Auth's getSession", async () => {
    const { cookie } = await signIn();
    const fast = await access.authenticate(request(cookie));
    const ctx = await access.auth.$context;
    const viaBetterAuth = await access.auth.api.getSession({ headers: new Headers({ cookie }) });
    expect(fast?.principal).toEqual(userPrincipal(viaBetterAuth!.user));
    expect(ctx.authCookies.sessionToken.name).toBe(SESSION_COOKIE);
  });

  it("refuses a session that was signed out, on the very next request", async () => {
    const { cookie, token } = await signIn();
    await access.authenticate(request(cookie));
    await (await access.auth.$context).internalAdapter.deleteSession(token);
    await rejected(access.authenticate(request(cookie)));
  });

  it("refuses a disabled user's session and ends it", async () => {
    const { cookie, token } = await signIn();
    const ctx = await access.auth.$context;
    const user = (await ctx.internalAdapter.findSession(token))!.user;
    await ctx.internalAdapter.updateUser(user.id, { disabled: true });
    await rejected(access.authenticate(request(cookie)));
    expect(await ctx.internalAdapter.findSession(token)).toBeNull();
  });

  it("refuses a cookie with another signature", async () => {
    const { token } = await signIn();
    const forged = `${SESSION_COOKIE}=${encodeURIComponent(sign(token, "not-the-console-secret-but-32-characters"))}`;
    await rejected(access.authenticate(request(forged)));
  });

  it("leaves an expired session to Better Auth, which refuses it", async () => {
    const { cookie, token } = await signIn();
    await (await access.auth.$context).internalAdapter.updateSession(token, { expiresAt: new Date(Date.now() - 1000) });
    const getSession = vi.spyOn(access.auth.api, "getSession");
    await rejected(access.authenticate(request(cookie)));
    expect(getSession).toHaveBeenCalledOnce();
  });

  it("leaves a session due for extension to Better Auth, which extends it and sends the cookie", async () => {
    const { cookie, token } = await signIn();
    const ctx = await access.auth.$context;
    // Extended last more than updateAge ago: expiresAt is then under expiresIn - updateAge away.
    const due = new Date(Date.now() + (ctx.sessionConfig.expiresIn - ctx.sessionConfig.updateAge - 60) * 1000);
    await ctx.internalAdapter.updateSession(token, { expiresAt: due });
    const getSession = vi.spyOn(access.auth.api, "getSession");
    const found = await access.authenticate(request(cookie));
    expect(found?.principal.kind).toBe("user");
    expect(getSession).toHaveBeenCalledOnce();
    expect(found?.setCookies.some((c) => c.startsWith(`${SESSION_COOKIE}=`))).toBe(true);
    expect((await ctx.internalAdapter.findSession(token))!.session.expiresAt.getTime()).toBeGreaterThan(due.getTime());
  });

  it("leaves a request with a stale cookie cache to Better Auth, which clears it", async () => {
    const { cookie } = await signIn();
    const getSession = vi.spyOn(access.auth.api, "getSession");
    const found = await access.authenticate(request(`${cookie}; roomscope.session_data=stale`));
    expect(getSession).toHaveBeenCalledOnce();
    expect(found?.setCookies.some((c) => c.startsWith("roomscope.session_data=;") || /roomscope\.session_data=.*Max-Age=0/i.test(c))).toBe(true);
  });
});
