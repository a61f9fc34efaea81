import "server-only";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { Kysely, Migrator, PostgresDialect, SqliteDialect, sql, type Generated, type Migration } from "kysely";
import { Pool } from "pg";
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

export type AccessDbType = "sqlite" | "postgres";

const migrations = (dbType: AccessDbType): Record<string, Migration> => ({
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
        // SQLite's INTEGER PRIMARY KEY is the rowid; PostgreSQL's counterpart is an identity column.
        .addColumn("id", dbType === "sqlite" ? "integer" : "bigint", (c) => (dbType === "sqlite" ? c.primaryKey().autoIncrement() : c.primaryKey().generatedAlwaysAsIdentity()))
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
});

/** The embedded access database: one SQLite file beside the history one. */
export function openSqliteAccessDb(dataDir: string): { db: AccessDb; file: string } {
  mkdirSync(dataDir, { recursive: true });
  const file = join(/*turbopackIgnore: true*/ dataDir, ACCESS_FILE_NAME);
  const sqlite = new Database(file, { timeout: 2000 });
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = NORMAL");
  return { db: new Kysely<AccessTables>({ dialect: new SqliteDialect({ database: preparedOnce(sqlite) }) }), file };
}

/**
 * The access tables in PostgreSQL (DATABASE_URL), beside the history tables and Better Auth's, on a
 * small pool of their own (destroying the Kysely instance ends it).
 */
export function openPostgresAccessDb(url: string): AccessDb {
  const pool = new Pool({ connectionString: url, max: 5 });
  // A connection the server dropped (a restart, a network cut) reports it as an 'error' event, on
  // the pool while idle and on the client while checked out; without a listener either would end
  // the process. The pool replaces the connection, and a query's own failure is what its caller sees.
  pool.on("error", () => undefined);
  pool.on("connect", (client) => client.on("error", () => undefined));
  return new Kysely<AccessTables>({ dialect: new PostgresDialect({ pool }) });
}

/**
 * Applies our own steps (Better Auth's tables are migrated by lib/auth/better-auth.ts). Kysely's
 * migrator takes a lock (a table row on SQLite, an advisory lock on PostgreSQL), so instances that
 * start together migrate once, and it refuses a database with steps this build does not know.
 */
export async function migrateAccessDb(db: AccessDb, dbType: AccessDbType): Promise<void> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations(dbType) },
    migrationTableName: "roomscope_migration",
    migrationLockTableName: "roomscope_migration_lock",
  });
  const { error } = await migrator.migrateToLatest();
  // A step this build does not know was applied: a newer Roomscope wrote this database.
  const unknown = error instanceof Error ? /previously executed migration (\S+) is missing/.exec(error.message) : null;
  if (unknown) throw new Error(`the access database has schema step ${unknown[1]}, which this build does not know: it was written by a newer Roomscope; run that version or restore a backup`);
  if (error) throw error;
}
