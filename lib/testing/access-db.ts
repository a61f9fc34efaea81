import { openPostgresAccessDb, openSqliteAccessDb } from "@/lib/store/access-db";
import { createTestDatabase, type TestDatabase } from "./postgres";

// The access database for tests, on either backend: SQLite in a folder, or a PostgreSQL database
// of its own standing for that folder (opening the same folder again is a restart).

export type AccessBackend = "sqlite" | "postgres";
export const ACCESS_BACKENDS: readonly AccessBackend[] = ["sqlite", "postgres"];

export function testAccessDatabases() {
  const databases = new Map<string, TestDatabase>();
  return {
    async open(backend: AccessBackend, dataDir: string) {
      if (backend === "sqlite") return { db: openSqliteAccessDb(dataDir).db, dbType: "sqlite" as const };
      let pg = databases.get(dataDir);
      if (!pg) {
        pg = await createTestDatabase();
        databases.set(dataDir, pg);
      }
      return { db: openPostgresAccessDb(pg.url), dbType: "postgres" as const };
    },
    /** The PostgreSQL database standing for `dataDir`, if one was opened. */
    url: (dataDir: string) => databases.get(dataDir)?.url,
    async dropAll() {
      for (const database of databases.values()) await database.drop();
      databases.clear();
    },
  };
}
