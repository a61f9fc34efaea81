// `npm run console -- …` on the database the console uses: the SQLite file in DATA_DIR, or
// PostgreSQL with DATABASE_URL (where every instance of a fleet then sees the token).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createTokenService } from "@/lib/auth/api-tokens";
import { openPostgresAccessDb } from "@/lib/store/access-db";
import { createTestDatabase } from "@/lib/testing/postgres";
import { run } from "./console";

const cleanups: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  vi.unstubAllEnvs();
});

async function cli(...argv: string[]): Promise<{ code: number; lines: string[] }> {
  const lines: string[] = [];
  const code = await run(argv, (line) => void lines.push(line));
  return { code, lines };
}

describe("npm run console", () => {
  for (const backend of ["sqlite", "postgres"] as const) {
    it(`creates, lists and revokes tokens on ${backend}`, async () => {
      const dir = mkdtempSync(join(tmpdir(), "roomscope-cli-"));
      cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
      vi.stubEnv("DATA_DIR", dir);
      vi.stubEnv("DATABASE_URL", undefined);
      if (backend === "postgres") {
        const database = await createTestDatabase();
        cleanups.push(() => database.drop());
        vi.stubEnv("DATABASE_URL", database.url);
      }
      const created = await cli("tokens", "create", "--name", "scraper", "--role", "ops");
      expect(created.code).toBe(0);
      const token = created.lines.at(-1)!;
      expect(token).toMatch(/^rst_/);
      expect((await cli("tokens", "list")).lines.join("\n")).toMatch(/scraper\s+ops\s+command line/);

      if (backend === "postgres") {
        // The console's own view of the same database knows the token.
        const db = openPostgresAccessDb(process.env.DATABASE_URL!);
        cleanups.push(() => db.destroy());
        expect(await createTokenService(db, Promise.resolve()).verify(token)).toMatchObject({ ok: true, principal: { label: "scraper", role: "ops" } });
      }
      expect(await cli("tokens", "revoke", "scraper")).toMatchObject({ code: 0, lines: ["Revoked token scraper."] });
      expect((await cli("tokens", "list")).lines).toEqual(["No live tokens."]);
    });
  }
});
