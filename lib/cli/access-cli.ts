import "server-only";
import { createAccess, type Access } from "@/lib/auth/access";
import { openPostgresAccessDb, openSqliteAccessDb } from "@/lib/store/access-db";
import { resolveAuthSecret } from "@/lib/auth/secret";
import type { ServerEnv } from "@/lib/env";

/**
 * Access control on its own (no upstream, no recorder), for the command line and the demo: on the
 * database the console uses, PostgreSQL with DATABASE_URL, else the SQLite file in DATA_DIR.
 */
export async function openAccess(settings: { dataDir: string; databaseUrl?: string; access: ServerEnv["access"] }): Promise<Access> {
  const database = settings.databaseUrl
    ? { db: openPostgresAccessDb(settings.databaseUrl), dbType: "postgres" as const }
    : { db: openSqliteAccessDb(settings.dataDir).db, dbType: "sqlite" as const };
  const access = createAccess(settings.access, {
    ...database,
    secret: resolveAuthSecret(settings.access.secret, settings.dataDir).secret,
  });
  await access.initialised;
  return access;
}
