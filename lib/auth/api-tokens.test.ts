// API tokens while the database is unreachable: PostgreSQL through a hop the test cuts, as a
// stopped server looks to the console.
import { afterEach, describe, expect, it } from "vitest";
import { migrateAccessDb, openPostgresAccessDb } from "@/lib/store/access-db";
import { createTestDatabase } from "@/lib/testing/postgres";
import { tcpLink } from "@/lib/testing/tcp-link";
import { createTokenService } from "./api-tokens";

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe("API tokens during a database outage", () => {
  it("keep the tokens the database confirmed recently, and refuse the ones it never did", async () => {
    const database = await createTestDatabase();
    cleanups.push(() => database.drop());
    const url = new URL(database.url);
    const link = await tcpLink(url.hostname, Number(url.port || 5432), "postgres");
    cleanups.push(() => link.close());
    url.host = `127.0.0.1:${link.port}`;
    const db = openPostgresAccessDb(url.toString());
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
