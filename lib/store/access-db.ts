import "server-only";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { Kysely, Migrator, SqliteDialect, sql, type Generated, type Migration } from "kysely";
import { preparedOnce } from "@/lib/store/sqlite-kysely";

// Who may sign in, their sessions, the API tokens and the audit log live in one database apart from
// recorded history: the history file is checked as Roomscope's own and migrated by its own steps
// (lib/store/sqlite-migrations.ts), and an audit burst must not queue behind the recorder's writes. Kysely
// holds both this schema and Better Auth's, so the shared PostgreSQL deployment swaps only the
// dialect. Times are epoch milliseconds in our own tables, as in the history store.

export interface ApiTokenTable {
  id: string;
  name: string;
  /** SHA-256 of the token, hex: the token itself is shown once and never stored. */
  token_hash: string;
  role: string;
  created_by: string;
  created_at: number;
  expires_at: number | null;
  last_used_at: number | null;
  revoked_at: number | null;
}

export interface AuditEventTable {
  id: Generated<number>;
  at: number;
  actor_type: string;
  actor_id: string | null;
  actor: string | null;
  role: string | null;
  address: string | null;
  action: string;
  room_id: string | null;
  status: number;
  outcome: string;
  request_id: string | null;
  detail: string | null;
}

/**
 * The columns of Better Auth's own tables (lib/auth/better-auth.ts migrates them) that the session
 * check reads on every request (lib/auth/access.ts). Dates are ISO text on SQLite and timestamps on
 * PostgreSQL, booleans 0/1 on SQLite.
 */
export interface AuthSessionTable {
  token: string;
  userId: string;
  expiresAt: string | Date;
  createdAt: string | Date;
}

export interface AuthUserTable {
  id: string;
  email: string;
  name: string;
  role: string | null;
  disabled: number | boolean | null;
}

export interface AccessTables {
  api_token: ApiTokenTable;
  audit_event: AuditEventTable;
  session: AuthSessionTable;
  user: AuthUserTable;
}

export type AccessDb = Kysely<AccessTables>;

export const ACCESS_FILE_NAME = "access.db";

const MIGRATIONS: Record<string, Migration> = {
  "0001_api_tokens": {
    async up(db) {
      await db.schema
        .createTable("api_token")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("name", "text", (c) => c.notNull())
        .addColumn("token_hash", "text", (c) => c.notNull().unique())
        .addColumn("role", "text", (c) => c.notNull())
        .addColumn("created_by", "text", (c) => c.notNull())
        .addColumn("created_at", "bigint", (c) => c.notNull())
        .addColumn("expires_at", "bigint")
        .addColumn("last_used_at", "bigint")
        .addColumn("revoked_at", "bigint")
        .execute();
      // A name is a handle (`tokens revoke NAME`): one live token per name, revoked ones kept for the record.
      await db.schema.createIndex("api_token_live_name").on("api_token").column("name").unique().where(sql.ref("revoked_at"), "is", null).execute();
    },
  },
  "0002_audit_events": {
    async up(db) {
      await db.schema
        .createTable("audit_event")
        .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
        .addColumn("at", "bigint", (c) => c.notNull())
        .addColumn("actor_type", "text", (c) => c.notNull())
        .addColumn("actor_id", "text")
        .addColumn("actor", "text")
        .addColumn("role", "text")
        .addColumn("address", "text")
        .addColumn("action", "text", (c) => c.notNull())
        .addColumn("room_id", "text")
        .addColumn("status", "integer", (c) => c.notNull())
        .addColumn("outcome", "text", (c) => c.notNull())
        .addColumn("request_id", "text")
        .addColumn("detail", "text")
        .execute();
      await db.schema.createIndex("audit_event_at").on("audit_event").column("at").execute();
      await db.schema.createIndex("audit_event_actor").on("audit_event").columns(["actor", "at"]).execute();
      await db.schema.createIndex("audit_event_room").on("audit_event").columns(["room_id", "at"]).execute();
      await db.schema.createIndex("audit_event_action").on("audit_event").columns(["action", "at"]).execute();
    },
  },
};

/** The embedded access database: one SQLite file beside the history one. */
export function openSqliteAccessDb(dataDir: string): { db: AccessDb; file: string } {
  mkdirSync(dataDir, { recursive: true });
  const file = join(/*turbopackIgnore: true*/ dataDir, ACCESS_FILE_NAME);
  const sqlite = new Database(file, { timeout: 2000 });
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = NORMAL");
  return { db: new Kysely<AccessTables>({ dialect: new SqliteDialect({ database: preparedOnce(sqlite) }) }), file };
}

/** Applies our own steps (Better Auth's tables are migrated by lib/auth/better-auth.ts). */
export async function migrateAccessDb(db: AccessDb): Promise<void> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => MIGRATIONS },
    migrationTableName: "roomscope_migration",
    migrationLockTableName: "roomscope_migration_lock",
  });
  const { error } = await migrator.migrateToLatest();
  if (error) throw error;
}
