import "server-only";
import { closeSync, mkdirSync, openSync, readSync, statSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { Kysely } from "kysely";
import { createHistoryStore, type HistoryTables } from "@/lib/store/history-store";
import { WriteTransactionsDialect, preparedOnce } from "@/lib/store/sqlite-kysely";
import { checkCompatible, migrate } from "@/lib/store/sqlite-migrations";
import { StoreError, type HistoryStore, type StoreErrorCode } from "@/lib/store/store";

// The embedded history store: one SQLite file under DATA_DIR, in WAL mode so that the pages reading
// history never wait for the recorder writing it. This module opens, checks and migrates the file
// and names SQLite's failures; the queries are history-store.ts's, shared with PostgreSQL. A resolved
// write has committed (synchronous=NORMAL in WAL loses nothing committed when the process dies; only
// a power cut can take the last transactions).

export interface SqliteStoreOptions {
  dataDir: string;
  /** Default "roomscope.db". */
  fileName?: string;
  /**
   * How long a write waits for another connection's lock before rejecting with "busy". Default 250:
   * better-sqlite3 waits synchronously, so the whole server (live lookups included) waits with it.
   * Opening the file waits up to 5 s, since nothing else runs yet.
   */
  busyTimeoutMs?: number;
  /** Cap on the database's size; writes beyond it reject with "full", as on a full disk. */
  maxBytes?: number;
}

export const DEFAULT_FILE_NAME = "roomscope.db";

const OPEN_TIMEOUT_MS = 5000;
const SQLITE_MAGIC = Buffer.from("SQLite format 3\0", "latin1");

export function openSqliteStore(options: SqliteStoreOptions): HistoryStore {
  // DATA_DIR is chosen at run time; the ignore comment keeps Turbopack from tracing the whole project
  // into the build output on account of it.
  const file = join(/*turbopackIgnore: true*/ options.dataDir, options.fileName ?? DEFAULT_FILE_NAME);
  const busyTimeoutMs = options.busyTimeoutMs ?? 250;
  const openTimeoutMs = Math.max(busyTimeoutMs, OPEN_TIMEOUT_MS);
  try {
    mkdirSync(options.dataDir, { recursive: true });
  } catch (error) {
    throw openError(file, error, openTimeoutMs);
  }
  refuseForeignFile(file);

  let db: Database.Database;
  try {
    db = new Database(file, { timeout: openTimeoutMs });
  } catch (error) {
    throw openError(file, error, openTimeoutMs);
  }
  try {
    // Before anything writes to the file (switching to WAL rewrites its header): a newer schema or
    // another program's database is refused untouched.
    checkCompatible(db, file);
    const mode = db.pragma("journal_mode = WAL", { simple: true });
    if (mode !== "wal") {
      throw new StoreError("io", `The history database ${file} cannot use WAL mode (the file system gave "${String(mode)}").`);
    }
    db.pragma("synchronous = NORMAL");
    // A long prune can grow the WAL; once checkpointed it is cut back to this size.
    db.pragma("journal_size_limit = 67108864");
    migrate(db, file);
    if (options.maxBytes !== undefined) {
      const pageSize = db.pragma("page_size", { simple: true }) as number;
      db.pragma(`max_page_count = ${Math.max(1, Math.floor(options.maxBytes / pageSize))}`);
    }
    db.pragma(`busy_timeout = ${busyTimeoutMs}`);
    return createHistoryStore({
      // A full chunk of a batch write is a statement of some 30,000 characters, prepared once too.
      db: new Kysely<HistoryTables>({ dialect: new WriteTransactionsDialect({ database: preparedOnce(db, { maxCachedSql: 64_000 }) }) }),
      toStoreError: (error) => toStoreError(error, busyTimeoutMs),
      ready: Promise.resolve(),
      beforeClose() {
        try {
          // Cheap at close, and keeps the query planner's statistics current (SQLite's recommendation).
          db.pragma("optimize");
        } catch {
          // Statistics are a nicety; closing must not fail over them.
        }
      },
    });
  } catch (error) {
    db.close();
    throw openError(file, error, openTimeoutMs);
  }
}

/**
 * SQLite reads a one-byte file as an empty database and would then overwrite it; anything non-empty
 * without SQLite's header is someone's data, so it is refused here before SQLite sees it.
 */
function refuseForeignFile(file: string) {
  let size: number;
  try {
    const stat = statSync(file);
    if (!stat.isFile()) throw new StoreError("io", `The history database ${file} is not a regular file.`);
    size = stat.size;
  } catch (error) {
    if (StoreError.is(error)) throw error;
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return;
    throw openError(file, error, 0);
  }
  if (size === 0) return;
  const head = Buffer.alloc(SQLITE_MAGIC.length);
  try {
    const fd = openSync(file, "r");
    try {
      readSync(fd, head, 0, head.length, 0);
    } finally {
      closeSync(fd);
    }
  } catch (error) {
    throw openError(file, error, 0);
  }
  if (!head.equals(SQLITE_MAGIC)) {
    throw new StoreError(
      "corrupt",
      `${file} is not a SQLite database, so it cannot be Roomscope's history. It was left untouched: move it aside or point DATA_DIR elsewhere.`,
    );
  }
}

function openError(file: string, error: unknown, busyTimeoutMs: number): StoreError {
  if (StoreError.is(error)) return error;
  const cause = toStoreError(error, busyTimeoutMs);
  const message =
    cause.code === "corrupt"
      ? `The history database ${file} is not a readable SQLite database or is damaged (${errorCode(error)}). ` +
        "It was left untouched: restore a backup or move it aside."
      : `Cannot open the history database ${file}: ${cause.message}`;
  return new StoreError(cause.code, message, { cause: error });
}

function errorCode(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" ? code : "unknown error";
}

/** Maps better-sqlite3's and Node's errors onto the store's codes. */
export function toStoreError(error: unknown, busyTimeoutMs: number): StoreError {
  if (StoreError.is(error)) return error;
  const code = errorCode(error);
  const detail = error instanceof Error ? error.message : String(error);
  let mapped: [StoreErrorCode, string];
  if (/^SQLITE_(BUSY|LOCKED)/.test(code)) {
    mapped = ["busy", `the history database is locked by another connection (waited ${busyTimeoutMs} ms); nothing was written`];
  } else if (code === "SQLITE_FULL" || code === "ENOSPC" || code === "EDQUOT") {
    mapped = ["full", "the disk holding the history database is full; nothing was written"];
  } else if (/^SQLITE_(CORRUPT|NOTADB)/.test(code)) {
    mapped = ["corrupt", `the history database is damaged (${code})`];
  } else if (/^SQLITE_READONLY/.test(code) || code === "EROFS") {
    mapped = ["read_only", `the history database is write-protected (${code}); nothing was written`];
  } else if (/^SQLITE_(IOERR|CANTOPEN|PERM)/.test(code) || /^E[A-Z]+$/.test(code)) {
    mapped = ["io", `the history database could not be read or written (${code}: ${detail})`];
  } else {
    mapped = ["internal", `the history database failed (${code}: ${detail})`];
  }
  return new StoreError(mapped[0], mapped[1].charAt(0).toUpperCase() + mapped[1].slice(1) + ".", { cause: error });
}
