import "server-only";
import { existsSync } from "node:fs";
import Database from "better-sqlite3";
import { CompiledQuery, sql, type Kysely, type QueryResult } from "kysely";
import type { ServerEnv } from "@/lib/env";
import { openPostgresAccessDb } from "@/lib/store/access-db";
import { openPostgresStore } from "@/lib/store/postgres-store";
import { checkCompatible, schemaVersion } from "@/lib/store/sqlite-migrations";
import { StoreError } from "@/lib/store/store";
import { openAccess } from "./access-cli";

// `npm run console -- migrate-sqlite`: an embedded deployment's SQLite files (history, and access
// beside it) copied into the PostgreSQL a fleet shares. The target's schema is made by the console's
// own migrations first, so the copy lands in exactly what the console reads. Every row is matched on
// what identifies it (a RoomId, a sample's room and time, a user's id and email, a token's id, an
// audit event's content), so a second run, or one after an interruption, copies only what is missing.
// The source is opened read-only and read in one transaction: a consistent snapshot, never changed.

/** The tables copied, in order (rooms before samples, users before their sign-in methods). */
export const COPIED_TABLES = ["rooms", "samples", "user", "account", "api_token", "audit_event"] as const;
export type CopiedTable = (typeof COPIED_TABLES)[number];

export interface TableCopy {
  table: CopiedTable;
  /** Rows in the SQLite file. */
  read: number;
  /** Rows written to PostgreSQL by this run. */
  copied: number;
}

export interface SqliteCopyReport {
  historyFile: string;
  /** The access file copied, or null when there was none at the path given. */
  accessFile: string | null;
  tables: TableCopy[];
  /** Emails whose account PostgreSQL already holds under another id: that account is kept, this one's sign-in methods are not copied. */
  keptUsers: string[];
  /** Token names a different live token already has in PostgreSQL: those tokens are not copied. */
  clashingTokens: string[];
  /** Audit events whose number PostgreSQL already used for another event: copied under a new number. */
  renumberedEvents: number;
  /** Unexpired sessions in the file, not copied: everyone signs in again on the new deployment. */
  sessionsLeft: number;
}

export interface SqliteCopyOptions {
  historyFile: string;
  /** Default: access.db beside the history file, when it exists. */
  accessFile?: string;
  databaseUrl: string;
  access: ServerEnv["access"];
  dataDir: string;
  /** Called as a long table goes: rows done of the table's total. */
  progress?: (table: CopiedTable, done: number, total: number) => void;
}

/** Rows per INSERT: at most 13 columns each, well under PostgreSQL's 65,535 parameters. */
const BATCH = 1000;
const PROGRESS_EVERY = 100_000;

type Row = Record<string, unknown>;
type Pg = Kysely<unknown>;

export async function copySqliteToPostgres(options: SqliteCopyOptions): Promise<SqliteCopyReport> {
  const accessFile = options.accessFile ?? options.historyFile.replace(/[^/\\]*$/, "access.db");
  const history = openSource(options.historyFile);
  const access = existsSync(accessFile) ? openSource(accessFile) : null;
  try {
    checkCompatible(history, options.historyFile);
    if (schemaVersion(history) === 0) throw new StoreError("corrupt", `${options.historyFile} holds no Roomscope history (an empty database).`);
    await prepareTarget(options);

    const pg = openPostgresAccessDb(options.databaseUrl) as unknown as Pg;
    try {
      const report: SqliteCopyReport = {
        historyFile: options.historyFile,
        accessFile: access ? accessFile : null,
        tables: [],
        keptUsers: [],
        clashingTokens: [],
        renumberedEvents: 0,
        sessionsLeft: 0,
      };
      const progress = options.progress ?? (() => undefined);
      const roomIds = await copyRooms(history, pg, report);
      await copySamples(history, pg, roomIds, report, progress);
      if (access) {
        const users = await copyUsers(access, pg, report);
        await copyAccounts(access, pg, users, report);
        await copyTokens(access, pg, report);
        await copyAuditEvents(access, pg, report, progress);
        report.sessionsLeft = access.prepare(`SELECT count(*) FROM "session" WHERE "expiresAt" > ?`).pluck().get(new Date().toISOString()) as number;
      }
      return report;
    } finally {
      await pg.destroy();
    }
  } finally {
    history.close();
    access?.close();
  }
}

function openSource(file: string): Database.Database {
  let db: Database.Database;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
  } catch (error) {
    throw new StoreError("io", `Cannot open ${file} to read: ${(error as Error).message}.`);
  }
  // One snapshot for the whole copy, even if a console still writes to the file.
  db.exec("BEGIN");
  return db;
}

/** The console's own migrations make the target's tables: history's, ours and Better Auth's. */
async function prepareTarget(options: SqliteCopyOptions): Promise<void> {
  const store = openPostgresStore({ url: options.databaseUrl });
  try {
    await store.ready;
  } finally {
    await store.close();
  }
  // No first admin here: an account made now would stand in the way of the one being copied.
  const access = await openAccess({ dataDir: options.dataDir, databaseUrl: options.databaseUrl, access: { ...options.access, firstAdmin: undefined } });
  await access.stop();
}

/**
 * `($1, $2, ...), (...)` for a batch of rows, as SQL text and flat parameters, then run. Built as text
 * rather than with Kysely's sql tag: a template node per value made the copy's own CPU, not
 * PostgreSQL, its limit (1.7 million samples are 15 million values). `casts` types each column,
 * which VALUES needs outside an INSERT, where a bare parameter is text. The names put in `before`
 * and `after` are our own or columns checked against the target's.
 */
function insertValues<R>(pg: Pg, before: string, rows: unknown[][], after: string, casts?: readonly string[]): Promise<QueryResult<R>> {
  const params: unknown[] = [];
  const tuples = rows.map((row) => `(${row.map((value, i) => `$${params.push(value)}${casts ? `::${casts[i]}` : ""}`).join(", ")})`);
  return pg.executeQuery<R>(CompiledQuery.raw(`${before} ${tuples.join(", ")} ${after}`, params));
}

const quoted = (names: readonly string[]) => names.map((n) => `"${n}"`).join(", ");

function batches<T>(rows: Iterable<T>, size = BATCH): Iterable<T[]> {
  return {
    *[Symbol.iterator]() {
      let batch: T[] = [];
      for (const row of rows) {
        batch.push(row);
        if (batch.length === size) {
          yield batch;
          batch = [];
        }
      }
      if (batch.length > 0) yield batch;
    },
  };
}

const count = (db: Database.Database, table: string) => db.prepare(`SELECT count(*) FROM "${table}"`).pluck().get() as number;
const sqliteColumns = (db: Database.Database, table: string) => (db.prepare(`SELECT name FROM pragma_table_info(?)`).pluck().all(table) as string[]);

// --- History ---------------------------------------------------------------------------------------

const ROOM_COLUMNS = [
  "room_id",
  "status",
  "first_sample_at",
  "last_sample_at",
  "ended_at",
  "last_viewed_at",
  "watched_at",
  "announced_at",
  "last_failure_at",
  "last_failure_code",
  "last_failure_upstream_code",
] as const;

/**
 * Rooms by RoomId. A room PostgreSQL already has (a fleet that ran before the copy) is merged: its
 * sample bounds widen to cover both, the status and end are those of whichever saw the later sample,
 * the failure is the later one, and its watchlist entry stays as the fleet left it (the current one).
 * Returns the SQLite key of each room with its PostgreSQL key.
 */
async function copyRooms(src: Database.Database, pg: Pg, report: SqliteCopyReport): Promise<Map<number, number>> {
  // A file from before recording failures were kept (schema step 2), or before the room callbacks
  // (step 3), has no such columns: NULL. Callback deliveries are not copied: Tencent repeats one
  // within minutes, not across a move.
  const present = new Set(sqliteColumns(src, "rooms"));
  const select = ROOM_COLUMNS.map((name) => (present.has(name) ? `"${name}"` : `NULL AS "${name}"`)).join(", ");
  const rows = src.prepare(`SELECT id, ${select} FROM rooms ORDER BY id`).all() as Row[];
  const later = (column: string, by: string) => `CASE WHEN excluded.${by} > coalesce(rooms.${by}, -1) THEN excluded.${column} ELSE rooms.${column} END`;
  const merge = `ON CONFLICT (room_id) DO UPDATE SET
      first_sample_at = least(rooms.first_sample_at, excluded.first_sample_at),
      last_sample_at = greatest(rooms.last_sample_at, excluded.last_sample_at),
      last_viewed_at = greatest(rooms.last_viewed_at, excluded.last_viewed_at),
      announced_at = greatest(rooms.announced_at, excluded.announced_at),
      status = ${later("status", "last_sample_at")},
      ended_at = ${later("ended_at", "last_sample_at")},
      last_failure_code = ${later("last_failure_code", "last_failure_at")},
      last_failure_upstream_code = ${later("last_failure_upstream_code", "last_failure_at")},
      last_failure_at = greatest(rooms.last_failure_at, excluded.last_failure_at)
    RETURNING id, room_id, (xmax = 0) AS inserted`;
  const keys = new Map<number, number>();
  let copied = 0;
  for (const batch of batches(rows)) {
    const { rows: written } = await insertValues<{ id: string; room_id: string; inserted: boolean }>(
      pg,
      `INSERT INTO rooms (${quoted(ROOM_COLUMNS)}) VALUES`,
      batch.map((row) => ROOM_COLUMNS.map((n) => row[n])),
      merge,
    );
    const pgKey = new Map(written.map((w) => [w.room_id, Number(w.id)]));
    for (const row of batch) keys.set(row.id as number, pgKey.get(row.room_id as string)!);
    copied += written.filter((w) => w.inserted).length;
  }
  report.tables.push({ table: "rooms", read: rows.length, copied });
  return keys;
}

const SAMPLE_COLUMNS = ["room", "t", "viewers", "gifts_sent", "gift_coins", "gift_senders", "likes", "messages"] as const;

/** Samples by room and time: one PostgreSQL already has is kept (it is the same reading). */
async function copySamples(
  src: Database.Database,
  pg: Pg,
  roomKeys: Map<number, number>,
  report: SqliteCopyReport,
  progress: NonNullable<SqliteCopyOptions["progress"]>,
): Promise<void> {
  const total = count(src, "samples");
  const rows = src.prepare(`SELECT ${SAMPLE_COLUMNS.join(", ")} FROM samples ORDER BY room, t`).raw().iterate() as Iterable<number[]>;
  let done = 0;
  let copied = 0;
  for (const batch of batches(rows)) {
    const result = await insertValues(
      pg,
      `INSERT INTO samples (${quoted(SAMPLE_COLUMNS)}) VALUES`,
      batch.map(([room, ...rest]) => [roomKeys.get(room!), ...rest]),
      "ON CONFLICT (room, t) DO NOTHING",
    );
    copied += Number(result.numAffectedRows ?? 0);
    const before = done;
    done += batch.length;
    if (Math.floor(done / PROGRESS_EVERY) > Math.floor(before / PROGRESS_EVERY)) progress("samples", done, total);
  }
  report.tables.push({ table: "samples", read: total, copied });
}

// --- Access ----------------------------------------------------------------------------------------

/** The PostgreSQL type of each column of a target table, as a cast. */
async function targetColumns(pg: Pg, table: string): Promise<Map<string, string>> {
  const { rows } = await sql<{ column_name: string; data_type: string }>`
    SELECT column_name, data_type FROM information_schema.columns
    WHERE table_schema = current_schema() AND table_name = ${table}`.execute(pg);
  const cast: Record<string, string> = { "timestamp with time zone": "timestamptz", "timestamp without time zone": "timestamp", "double precision": "float8" };
  return new Map(rows.map((r) => [r.column_name, cast[r.data_type] ?? r.data_type]));
}

/** SQLite keeps Better Auth's booleans as 0/1 and its dates as ISO text; PostgreSQL has the real types. */
function toTarget(value: unknown, type: string): unknown {
  if (value === null || value === undefined) return null;
  if (type === "boolean") return value === 1 || value === true || value === "1" || value === "true";
  if (type.startsWith("timestamp") && typeof value === "number") return new Date(value).toISOString();
  return value;
}

interface TableShape {
  columns: string[];
  types: string[];
}

/** The columns to copy: all of the source's, each of which the target must have. */
async function shape(src: Database.Database, pg: Pg, table: string, skip: readonly string[] = []): Promise<TableShape> {
  const target = await targetColumns(pg, table);
  const columns = sqliteColumns(src, table).filter((c) => !skip.includes(c));
  const missing = columns.filter((c) => !target.has(c));
  if (missing.length > 0) {
    throw new StoreError("invalid", `PostgreSQL's ${table} table has no column ${missing.join(", ")}, which the SQLite file has: the file was written by a newer Roomscope. Copy it with that version.`);
  }
  return { columns, types: columns.map((c) => target.get(c)!) };
}

/** Inserts the rows that do not clash with one already there (by any unique key); returns the ids written. */
async function insertNew(pg: Pg, table: string, { columns, types }: TableShape, rows: Row[]): Promise<Set<string>> {
  const written = new Set<string>();
  for (const batch of batches(rows)) {
    const { rows: ids } = await insertValues<{ id: string }>(
      pg,
      `INSERT INTO "${table}" (${quoted(columns)}) VALUES`,
      batch.map((row) => columns.map((c, i) => toTarget(row[c], types[i]!))),
      "ON CONFLICT DO NOTHING RETURNING id",
    );
    for (const { id } of ids) written.add(id);
  }
  return written;
}

async function existingIds(pg: Pg, table: string, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const { rows } = await sql<{ id: string }>`SELECT id FROM ${sql.table(table)} WHERE id IN (${sql.join(ids)})`.execute(pg);
  return new Set(rows.map((r) => r.id));
}

/**
 * Users by id. One whose email PostgreSQL already holds under another id (say the first admin,
 * made there from CONSOLE_ADMIN_EMAIL) is left out: that account stands. Returns the ids PostgreSQL
 * now has as the file has them, whose sign-in methods may follow.
 */
async function copyUsers(src: Database.Database, pg: Pg, report: SqliteCopyReport): Promise<Set<string>> {
  const rows = src.prepare(`SELECT * FROM "user" ORDER BY "createdAt", id`).all() as Row[];
  const written = await insertNew(pg, "user", await shape(src, pg, "user"), rows);
  const same = await existingIds(pg, "user", rows.map((r) => r.id as string).filter((id) => !written.has(id)));
  report.keptUsers = rows.filter((r) => !written.has(r.id as string) && !same.has(r.id as string)).map((r) => r.email as string);
  report.tables.push({ table: "user", read: rows.length, copied: written.size });
  return new Set([...written, ...same]);
}

/** Sign-in methods (password hashes, linked SSO identities) of the users copied or already the same. */
async function copyAccounts(src: Database.Database, pg: Pg, users: Set<string>, report: SqliteCopyReport): Promise<void> {
  const rows = src.prepare(`SELECT * FROM "account" ORDER BY "createdAt", id`).all() as Row[];
  const written = await insertNew(pg, "account", await shape(src, pg, "account"), rows.filter((r) => users.has(r.userId as string)));
  report.tables.push({ table: "account", read: rows.length, copied: written.size });
}

/** API tokens by id (only their hashes exist to copy). One whose name a live token has already is left out. */
async function copyTokens(src: Database.Database, pg: Pg, report: SqliteCopyReport): Promise<void> {
  const rows = src.prepare(`SELECT * FROM api_token ORDER BY created_at, id`).all() as Row[];
  const written = await insertNew(pg, "api_token", await shape(src, pg, "api_token"), rows);
  const same = await existingIds(pg, "api_token", rows.map((r) => r.id as string).filter((id) => !written.has(id)));
  report.clashingTokens = rows.filter((r) => !written.has(r.id as string) && !same.has(r.id as string)).map((r) => r.name as string);
  report.tables.push({ table: "api_token", read: rows.length, copied: written.size });
}

/**
 * Audit events by content (every column but the number), since numbers are PostgreSQL's to give: an
 * event keeps its number when that is free, so a copy into an empty log reads in the same order,
 * and takes a new one after every number in use otherwise (it then lists after the fleet's own).
 */
async function copyAuditEvents(
  src: Database.Database,
  pg: Pg,
  report: SqliteCopyReport,
  progress: NonNullable<SqliteCopyOptions["progress"]>,
): Promise<void> {
  const { columns: all, types: allTypes } = await shape(src, pg, "audit_event");
  // The number first, then what the event says.
  const content = all.filter((c) => c !== "id");
  const columns = ["id", ...content];
  const types = columns.map((c) => allTypes[all.indexOf(c)]!);
  const total = count(src, "audit_event");
  const sourceMax = src.prepare(`SELECT coalesce(max(id), 0) FROM audit_event`).pluck().get() as number;
  // New numbers start above both logs' highest, so none meets an event still to be copied.
  await sql`SELECT setval(pg_get_serial_sequence('audit_event', 'id'), greatest(${sourceMax}::bigint, (SELECT max(id) FROM audit_event), 1))`.execute(pg);

  // `at` is never NULL and indexed: it narrows the search to a few rows before the other columns do.
  const same = content.map((c) => (c === "at" ? "e.at = v.at" : `e."${c}" IS NOT DISTINCT FROM v."${c}"`)).join(" AND ");
  const rows = src.prepare(`SELECT ${columns.map((c) => `"${c}"`).join(", ")} FROM audit_event ORDER BY id`).raw().iterate() as Iterable<unknown[]>;
  let done = 0;
  let copied = 0;
  for (const batch of batches(rows)) {
    const { rows: ids } = await insertValues<{ id: string }>(
      pg,
      `INSERT INTO audit_event (${quoted(columns)}) OVERRIDING SYSTEM VALUE
       SELECT CASE WHEN EXISTS (SELECT 1 FROM audit_event e WHERE e.id = v.id) THEN nextval(pg_get_serial_sequence('audit_event', 'id')) ELSE v.id END,
              ${content.map((c) => `v."${c}"`).join(", ")}
       FROM (VALUES`,
      batch,
      `) AS v (${quoted(columns)})
       WHERE NOT EXISTS (SELECT 1 FROM audit_event e WHERE ${same})
       RETURNING id`,
      types,
    );
    copied += ids.length;
    report.renumberedEvents += ids.filter(({ id }) => Number(id) > sourceMax).length;
    const before = done;
    done += batch.length;
    if (Math.floor(done / PROGRESS_EVERY) > Math.floor(before / PROGRESS_EVERY)) progress("audit_event", done, total);
  }
  report.tables.push({ table: "audit_event", read: total, copied });
}
