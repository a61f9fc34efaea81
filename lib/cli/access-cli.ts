import "server-only";
import { createAccess, type Access } from "@/lib/auth/access";
import { openSqliteAccessDb } from "@/lib/store/access-db";
import { resolveAuthSecret } from "@/lib/auth/secret";
import type { ServerEnv } from "@/lib/env";

/** Access control on its own (no upstream, no recorder), for the command line and the demo. */
export async function openAccess(settings: { dataDir: string; access: ServerEnv["access"] }): Promise<Access> {
  const access = createAccess(settings.access, {
    db: openSqliteAccessDb(settings.dataDir).db,
    dbType: "sqlite",
    secret: resolveAuthSecret(settings.access.secret, settings.dataDir).secret,
  });
  await access.initialised;
  return access;
}
