// Sessions and API tokens while the database is unreachable: PostgreSQL through a hop the test
// cuts, as a stopped server looks to the console.
import { afterEach, describe, expect, it } from "vitest";
import { parseAccessEnv } from "@/lib/env";
import { createSessionService } from "@/lib/server/session-service";
import { migrateAccessDb, openPostgresAccessDb } from "@/lib/store/access-db";
import { createTestDatabase } from "@/lib/testing/postgres";
import { tcpLink } from "@/lib/testing/tcp-link";
import { createAccess } from "./access";
import { createTokenService } from "./api-tokens";

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A fresh database behind a hop that can be cut, and its URL through the hop. */
async function linkedDatabase() {
  const database = await createTestDatabase();
  cleanups.push(() => database.drop());
  const url = new URL(database.url);
  const link = await tcpLink(url.hostname, Number(url.port || 5432), "postgres");
  cleanups.push(() => link.close());
  url.host = `127.0.0.1:${link.port}`;
  return { link, url: url.toString() };
}

describe("during a database outage", () => {
  it("a session the database confirmed recently still stands, until its user signs out here", async () => {
    const { link, url } = await linkedDatabase();
    const admin = { email: "ana@example.com", password: "a-long-test-password" };
    const { access: settings } = parseAccessEnv({ DATA_DIR: "/nonexistent", CONSOLE_ADMIN_EMAIL: admin.email, CONSOLE_ADMIN_PASSWORD: admin.password });
    const access = createAccess(settings, { db: openPostgresAccessDb(url), dbType: "postgres", secret: "s".repeat(40) });
    cleanups.push(() => access.stop());
    await access.initialised;
    const signedIn = await createSessionService(access).signIn(new Request("http://console.test/api/session"), admin, null);
    const cookie = signedIn.setCookies.map((c) => c.split(";", 1)[0]).join("; ");
    const request = () => new Request("http://console.test/api/rooms/demo/stats", { headers: { cookie } });
    expect((await access.authenticate(request()))?.principal.label).toBe(admin.email);

    link.cut();
    expect((await access.authenticate(request()))?.principal.label).toBe(admin.email);
    await createSessionService(access).signOut(request());
    await expect(access.authenticate(request())).rejects.toThrow();
    link.restore();
  });

  it("API tokens the database confirmed recently still stand, the ones it never did are refused", async () => {
    const { link, url } = await linkedDatabase();
    const db = openPostgresAccessDb(url);
    cleanups.push(() => db.destroy());
    await migrateAccessDb(db, "postgres");
    const tokens = createTokenService(db, Promise.resolve());
    const known = await tokens.create({ name: "scraper", role: "ops", createdBy: "tests", expiresAt: null });
    const unseen = await tokens.create({ name: "nightly", role: "viewer", createdBy: "tests", expiresAt: null });
    expect(await tokens.verify(known.token)).toMatchObject({ ok: true, principal: { label: "scraper" } });

    link.cut();
    // Past the 5 s in which any verified token is trusted without asking the database.
    await new Promise((r) => setTimeout(r, 5200));
    expect(await tokens.verify(known.token)).toMatchObject({ ok: true, principal: { label: "scraper" } });
    await expect(tokens.verify(unseen.token)).rejects.toThrow();
    link.restore();
    expect(await tokens.verify(unseen.token)).toMatchObject({ ok: true, principal: { label: "nightly" } });
  });
});
