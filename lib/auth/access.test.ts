// Access control's parts on a real database, the embedded SQLite and PostgreSQL alike: accounts,
// sessions, tokens and the audit log.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Client } from "pg";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { parseAccessEnv } from "@/lib/env";
import { DomainError } from "@/lib/errors/domain-error";
import { createSessionService } from "@/lib/server/session-service";
import { ACCESS_BACKENDS, testAccessDatabases, type AccessBackend } from "@/lib/testing/access-db";
import { createAccess, type Access } from "./access";

let backend: AccessBackend = "sqlite";
const dirs: string[] = [];
const opened: Access[] = [];
const databases = testAccessDatabases();
afterEach(async () => {
  await Promise.all(opened.splice(0).map((a) => a.stop().catch(() => undefined)));
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  await databases.dropAll();
});

let clock = Date.parse("2026-12-01T09:00:00Z");
/** Everything the database holds, as text: the SQLite file, or every table's rows on PostgreSQL. */
async function storedText(dataDir: string): Promise<string> {
  if (backend === "sqlite") return readFileSync(join(dataDir, "access.db")).toString("latin1");
  const client = new Client({ connectionString: databases.url(dataDir) });
  await client.connect();
  try {
    const tables = await client.query<{ name: string }>("SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public'");
    const rows = await Promise.all(tables.rows.map(({ name }) => client.query(`SELECT row_to_json(t)::text AS row FROM "${name}" t`)));
    return rows.flatMap((r) => r.rows.map((row: { row: string }) => row.row)).join("\n");
  } finally {
    await client.end();
  }
}

async function open(env: Record<string, string> = {}, dataDir = mkdtempSync(join(tmpdir(), "roomscope-access-"))) {
  if (!dirs.includes(dataDir)) dirs.push(dataDir);
  const settings = parseAccessEnv({ DATA_DIR: dataDir, ...env });
  const access = createAccess(settings.access, { ...(await databases.open(backend, dataDir)), secret: "s".repeat(40), now: () => clock });
  opened.push(access);
  await access.initialised;
  return { access, dataDir, sessions: createSessionService(access) };
}

const request = (cookies: string[] = []) =>
  new Request("http://console.test/api/session", { headers: { cookie: cookies.map((c) => c.split(";", 1)[0]).join("; "), "content-type": "application/json" } });

async function codeOf(promise: Promise<unknown>) {
  const error = await promise.then(() => null, (e: unknown) => e);
  return DomainError.is(error) ? `${error.code}${error.params.reason ? `.${error.params.reason}` : ""}` : error;
}

describe.each(ACCESS_BACKENDS)("on %s", (name) => {
  beforeAll(() => {
    backend = name;
  });

  describe("the first admin", () => {
    it("is created from CONSOLE_ADMIN_EMAIL when no admin exists, and never overwrites an account", async () => {
      const env = { CONSOLE_ADMIN_EMAIL: "Root@Example.com", CONSOLE_ADMIN_PASSWORD: "first-password-1" };
      const first = await open(env);
      const [root] = await first.access.users.list();
      expect(root).toMatchObject({ email: "root@example.com", role: "admin", methods: ["password"] });
      await first.access.stop();
      opened.length = 0;

      // Restarted with another password: the account keeps the one it has.
      const again = await open({ ...env, CONSOLE_ADMIN_PASSWORD: "second-password-2" }, first.dataDir);
      expect(await again.access.users.list()).toHaveLength(1);
      await expect(again.sessions.signIn(request(), { email: "root@example.com", password: "second-password-2" }, null)).rejects.toThrow();
      await expect(again.sessions.signIn(request(), { email: "root@example.com", password: "first-password-1" }, null)).resolves.toBeTruthy();
    });
  });

  describe("accounts and sessions", () => {
    it("signs in, and a role change or a disabled account takes effect on the very next request", async () => {
      const { access, sessions } = await open();
      await access.users.create({ email: "admin@example.com", role: "admin", password: "admin-password-1" });
      const { user } = await access.users.create({ email: "ana@example.com", role: "ops", password: "ana-password-123" });
      const { setCookies } = await sessions.signIn(request(), { email: "ANA@example.com", password: "ana-password-123" }, "10.0.0.1");
      expect(setCookies.join()).toMatch(/roomscope\.session_token=.+HttpOnly/i);
      expect(setCookies.join()).toMatch(/SameSite=Lax/i);

      expect((await access.authenticate(request(setCookies)))?.principal).toMatchObject({ kind: "user", label: "ana@example.com", role: "ops" });
      await access.users.update(user.id, { role: "viewer" });
      expect((await access.authenticate(request(setCookies)))?.principal.role).toBe("viewer");
      await access.users.update(user.id, { disabled: true });
      expect(await codeOf(access.authenticate(request(setCookies)))).toBe("unauthenticated.session_expired");
      // And a disabled account cannot sign in again, with the same answer as a wrong password.
      expect(await codeOf(sessions.signIn(request(), { email: "ana@example.com", password: "ana-password-123" }, null))).toBe("invalid_credentials");
    });

    it("signing out ends the session on the server, not only in the browser", async () => {
      const { access, sessions } = await open();
      await access.users.create({ email: "bo@example.com", role: "support", password: "bo-password-1234" });
      const { setCookies } = await sessions.signIn(request(), { email: "bo@example.com", password: "bo-password-1234" }, null);
      await sessions.signOut(request(setCookies));
      expect(await codeOf(access.authenticate(request(setCookies)))).toBe("unauthenticated.session_expired");
    });

    it("ends a session at its absolute limit however busy it is", async () => {
      // Better Auth stamps the session with the real time; the console's clock starts there too.
      clock = Date.now();
      const { access, sessions } = await open({ SESSION_MAX_DAYS: "1", SESSION_IDLE_HOURS: "12" });
      await access.users.create({ email: "cy@example.com", role: "ops", password: "cy-password-1234" });
      let { setCookies } = await sessions.signIn(request(), { email: "cy@example.com", password: "cy-password-1234" }, null);
      // Used every few hours, it never idles out...
      for (let h = 0; h < 22; h += 4) {
        clock += 4 * 3_600_000;
        const found = await access.authenticate(request(setCookies));
        if (found?.setCookies.length) setCookies = found.setCookies;
        expect(found?.principal.label).toBe("cy@example.com");
      }
      // ...but a day after signing in it ends.
      clock += 3 * 3_600_000;
      expect(await codeOf(access.authenticate(request(setCookies)))).toBe("unauthenticated.session_expired");
    });

    it("keeps the last enabled admin: no demotion, disabling or removal", async () => {
      const { access } = await open();
      const { user: first } = await access.users.create({ email: "a1@example.com", role: "admin", password: "a1-password-123" });
      expect(await codeOf(access.users.update(first.id, { role: "ops" }))).toBe("conflict.last_admin");
      expect(await codeOf(access.users.update(first.id, { disabled: true }))).toBe("conflict.last_admin");
      expect(await codeOf(access.users.remove(first.id))).toBe("conflict.last_admin");
      const { user: second } = await access.users.create({ email: "a2@example.com", role: "admin", password: "a2-password-123" });
      await access.users.update(first.id, { role: "ops" });
      expect(await codeOf(access.users.remove(second.id))).toBe("conflict.last_admin");
      expect(await codeOf(access.users.create({ email: "A2@example.com", role: "viewer" }))).toBe("conflict.email_taken");
    });

    it("resets a password: the old one stops working and the account's sessions end", async () => {
      const { access, sessions } = await open();
      const { user } = await access.users.create({ email: "di@example.com", role: "ops", password: "di-password-1234" });
      const { setCookies } = await sessions.signIn(request(), { email: "di@example.com", password: "di-password-1234" }, null);
      const { password } = await access.users.resetPassword(user.id);
      expect(password.length).toBeGreaterThanOrEqual(16);
      expect(await codeOf(access.authenticate(request(setCookies)))).toBe("unauthenticated.session_expired");
      expect(await codeOf(sessions.signIn(request(), { email: "di@example.com", password: "di-password-1234" }, null))).toBe("invalid_credentials");
      await expect(sessions.signIn(request(), { email: "di@example.com", password }, null)).resolves.toBeTruthy();
    });
  });

  describe("API tokens", () => {
    const bearer = (token: string) => new Request("http://console.test/api/watchlist", { headers: { authorization: `Bearer ${token}` } });

    it("stand for their role until revoked or expired, and say which", async () => {
      const { access } = await open();
      const { token, record } = await access.tokens.create({ name: "nightly-export", role: "support", createdBy: "ana@example.com", expiresAt: clock + 86_400_000 });
      expect(token).toMatch(/^rst_/);
      expect((await access.authenticate(bearer(token)))?.principal).toMatchObject({ kind: "token", label: "nightly-export", role: "support" });
      expect(await codeOf(access.authenticate(bearer("rst_" + "x".repeat(43))))).toBe("unauthenticated.token_unknown");
      expect(await codeOf(access.authenticate(new Request("http://x/", { headers: { authorization: "Basic abc" } })))).toBe("unauthenticated.token_unknown");

      clock += 86_400_000;
      expect(await codeOf(access.authenticate(bearer(token)))).toBe("unauthenticated.token_expired");
      clock -= 86_400_000;

      await access.tokens.revoke(record.name);
      expect(await codeOf(access.authenticate(bearer(token)))).toBe("unauthenticated.token_revoked");
      // The name is free again; the revoked one stays refused.
      const again = await access.tokens.create({ name: "nightly-export", role: "viewer", createdBy: "ana@example.com", expiresAt: null });
      expect((await access.authenticate(bearer(again.token)))?.principal.role).toBe("viewer");
      expect(await codeOf(access.authenticate(bearer(token)))).toBe("unauthenticated.token_revoked");
    });

    it("are stored as hashes only, and their last use is kept across a restart", async () => {
      const { access, dataDir } = await open();
      const { token } = await access.tokens.create({ name: "probe", role: "ops", createdBy: "tests", expiresAt: null });
      await access.authenticate(bearer(token));
      await access.stop();
      opened.length = 0;
      expect(await storedText(dataDir)).not.toContain(token);
      const reopened = await open({}, dataDir);
      expect((await reopened.access.tokens.list())[0]).toMatchObject({ name: "probe", lastUsedAt: clock });
      expect(await codeOf(reopened.access.tokens.create({ name: "probe", role: "ops", createdBy: "tests", expiresAt: null }))).toBe("conflict.token_name_taken");
      expect(await codeOf(reopened.access.tokens.create({ name: "bad name!", role: "ops", createdBy: "tests", expiresAt: null }))).toBe("invalid_body.token_name");
    });
  });

  describe("the audit log", () => {
    it("writes queued entries on a clean shutdown, and filters them", async () => {
      const { access, dataDir } = await open();
      const entry = { actorType: "user", actorId: "u1", role: "ops", address: "10.0.0.1", status: 200, outcome: "ok", requestId: null, detail: null } as const;
      for (let i = 0; i < 2500; i++) {
        access.audit.record({ ...entry, at: clock + i, actor: i % 2 ? "ana@example.com" : "bo@example.com", action: "room.lookup", roomId: `room-${i % 5}` });
      }
      await access.stop();
      opened.length = 0;
      const reopened = await open({}, dataDir);
      expect(await reopened.access.audit.query({ limit: 5000 })).toHaveLength(2500);
      const ana = await reopened.access.audit.query({ actor: "ana@example.com", roomId: "room-1", limit: 5000 });
      expect(ana.length).toBe(250);
      expect(ana.every((e) => e.actor === "ana@example.com" && e.roomId === "room-1")).toBe(true);
      expect(await reopened.access.audit.query({ from: clock + 2400, limit: 5000 })).toHaveLength(100);
      expect(await reopened.access.audit.prune(clock + 1000)).toBe(1000);
    });
  });
});
