import "server-only";
import { closeSync, mkdirSync, openSync, readSync, statSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { API_ERROR_CODES } from "@/lib/contract/api";
import { checkRoomId } from "@/lib/contract/room-id";
import { STAT_KEYS, type RoomStats, type StatKey } from "@/lib/contract/stats";
import { checkCompatible, migrate } from "@/lib/store/migrations";
import {
  StoreError,
  type HistoryStore,
  type RecordingFailureCode,
  type RecordingFailureRecord,
  type RoomRecord,
  type RoomStatus,
  type Sample,
  type SampleRange,
  type StoreErrorCode,
} from "@/lib/store/store";

// The embedded history store: one SQLite file under DATA_DIR, in WAL mode so that the pages reading
// history never wait for the recorder writing it. better-sqlite3 is synchronous, so every method does
// its work before its promise settles: a resolved write has committed (synchronous=NORMAL in WAL
// loses nothing committed when the process dies; only a power cut can take the last transactions).

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

const COLUMN: Record<StatKey, string> = {
  totalViewers: "viewers",
  totalGiftsSent: "gifts_sent",
  totalGiftCoins: "gift_coins",
  totalUniqueGiftSenders: "gift_senders",
  totalLikesReceived: "likes",
  totalMsgCount: "messages",
};
const STAT_COLUMNS = STAT_KEYS.map((key) => COLUMN[key]).join(", ");
const STAT_COLUMNS_OF_S = STAT_KEYS.map((key) => `s.${COLUMN[key]}`).join(", ");

const OPEN_TIMEOUT_MS = 5000;
/** Samples are deleted this many at a time, so the write lock is never held for long. */
const PRUNE_BATCH = 5000;
const SQLITE_MAGIC = Buffer.from("SQLite format 3\0", "latin1");

interface RoomRow {
  room_id: string;
  last_failure_at: number | null;
  last_failure_code: string | null;
  last_failure_upstream_code: number | null;
  status: RoomStatus;
  first_sample_at: number | null;
  last_sample_at: number | null;
  ended_at: number | null;
  last_viewed_at: number | null;
  watched_at: number | null;
}

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
    return new SqliteHistoryStore(db, busyTimeoutMs);
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

function invalid(message: string): StoreError {
  return new StoreError("invalid", message);
}

function checkedRoomId(roomId: string): string {
  const check = checkRoomId(roomId);
  if (!check.ok) throw invalid(`Not a RoomId the store can hold (${check.problem}).`);
  return roomId;
}

function invalidCode(): never {
  throw invalid("A failure's upstreamCode must be an integer (Tencent's ErrorCode) or null.");
}

function checkedTime(value: number, name: string): number {
  if (!Number.isSafeInteger(value)) throw invalid(`${name} must be an integer number of epoch milliseconds.`);
  return value;
}

/** [t, ...counters in STAT_KEYS order]: the counters are cumulative, so whole and never negative. */
function sampleParams(sample: Sample): number[] {
  const params = [checkedTime(sample.t, "A sample's t")];
  for (const key of STAT_KEYS) {
    const value = sample.stats?.[key];
    if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 0) {
      throw invalid(`A sample's ${key} must be a whole number of at least 0.`);
    }
    params.push(value);
  }
  return params;
}

function toSample(row: unknown[]): Sample {
  const stats = {} as RoomStats;
  STAT_KEYS.forEach((key, i) => {
    stats[key] = row[i + 1] as number;
  });
  return { t: row[0] as number, stats };
}

/** A code a newer or older build wrote and this one does not know reads as a plain failure. */
function knownFailureCode(code: string | null): RecordingFailureCode {
  return (API_ERROR_CODES as readonly (string | null)[]).includes(code) ? (code as RecordingFailureCode) : "internal_error";
}

function toRecord(row: RoomRow): RoomRecord {
  return {
    roomId: row.room_id,
    status: row.status,
    firstSampleAt: row.first_sample_at,
    lastSampleAt: row.last_sample_at,
    endedAt: row.ended_at,
    lastViewedAt: row.last_viewed_at,
    watched: row.watched_at !== null,
    watchedAt: row.watched_at,
    lastFailure:
      row.last_failure_at === null
        ? null
        : { at: row.last_failure_at, code: knownFailureCode(row.last_failure_code), upstreamCode: row.last_failure_upstream_code },
  };
}

function prepareStatements(db: Database.Database) {
  return {
    roomKey: db.prepare<[string], number>("SELECT id FROM rooms WHERE room_id = ?").pluck(),
    insertRoom: db.prepare<[string]>("INSERT INTO rooms (room_id) VALUES (?)"),
    insertSample: db.prepare<number[]>(
      `INSERT INTO samples (room, t, ${STAT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
    ),
    // A sample newer than the recorded end means the room came back; an older one (a late write)
    // changes nothing about its status.
    noteSample: db.prepare<{ id: number; t: number }>(`
      UPDATE rooms SET
        first_sample_at = min(coalesce(first_sample_at, @t), @t),
        last_sample_at = max(coalesce(last_sample_at, @t), @t),
        status = CASE WHEN ended_at IS NULL OR @t > ended_at THEN 'live' ELSE status END,
        ended_at = CASE WHEN @t > ended_at THEN NULL ELSE ended_at END
      WHERE id = @id`),
    samples: db
      .prepare<[string, number, number], unknown[]>(
        `SELECT t, ${STAT_COLUMNS} FROM samples
         WHERE room = (SELECT id FROM rooms WHERE room_id = ?) AND t >= ? AND t <= ?
         ORDER BY t`,
      )
      .raw(),
    latestSamples: db
      .prepare<[string], unknown[]>(
        `SELECT r.room_id, s.t, ${STAT_COLUMNS_OF_S}
         FROM rooms r JOIN samples s ON s.room = r.id
         WHERE r.room_id IN (SELECT value FROM json_each(?))
           AND s.t = (SELECT max(t) FROM samples WHERE room = r.id)`,
      )
      .raw(),
    room: db.prepare<[string], RoomRow>("SELECT * FROM rooms WHERE room_id = ?"),
    markViewed: db.prepare<[string, number]>(`
      INSERT INTO rooms (room_id, last_viewed_at) VALUES (?, ?)
      ON CONFLICT (room_id) DO UPDATE SET
        last_viewed_at = max(coalesce(last_viewed_at, excluded.last_viewed_at), excluded.last_viewed_at),
        status = CASE status WHEN 'ended' THEN 'unknown' ELSE status END`),
    markEnded: db.prepare<[string, number]>(`
      INSERT INTO rooms (room_id, status, ended_at) VALUES (?, 'ended', ?)
      ON CONFLICT (room_id) DO UPDATE SET status = 'ended', ended_at = excluded.ended_at`),
    roomsToRecord: db
      .prepare<[number], string>(
        `SELECT room_id FROM rooms
         WHERE status <> 'ended' AND (watched_at IS NOT NULL OR last_viewed_at >= ?)
         ORDER BY room_id`,
      )
      .pluck(),
    watchlist: db.prepare<[], RoomRow>("SELECT * FROM rooms WHERE watched_at IS NOT NULL ORDER BY watched_at, room_id"),
    watch: db.prepare<[string, number]>(`
      INSERT INTO rooms (room_id, watched_at) VALUES (?, ?)
      ON CONFLICT (room_id) DO UPDATE SET watched_at = coalesce(watched_at, excluded.watched_at)`),
    unwatch: db.prepare<[string]>("UPDATE rooms SET watched_at = NULL WHERE room_id = ?"),
    // Only a newer failure replaces the one held: attempts can finish out of order.
    noteFailure: db.prepare<{ roomId: string; at: number; code: string; upstreamCode: number | null }>(`
      INSERT INTO rooms (room_id, last_failure_at, last_failure_code, last_failure_upstream_code) VALUES (@roomId, @at, @code, @upstreamCode)
      ON CONFLICT (room_id) DO UPDATE SET
        last_failure_at = excluded.last_failure_at,
        last_failure_code = excluded.last_failure_code,
        last_failure_upstream_code = excluded.last_failure_upstream_code
      WHERE last_failure_at IS NULL OR excluded.last_failure_at >= last_failure_at`),
    pruneCandidates: db.prepare<[number], number>("SELECT id FROM rooms WHERE first_sample_at < ?").pluck(),
    pruneBatch: db.prepare<[number, number, number, number]>(
      "DELETE FROM samples WHERE room = ? AND t IN (SELECT t FROM samples WHERE room = ? AND t < ? ORDER BY t LIMIT ?)",
    ),
    refreshBounds: db.prepare<[number]>(`
      UPDATE rooms SET
        first_sample_at = (SELECT min(t) FROM samples WHERE room = rooms.id),
        last_sample_at = (SELECT max(t) FROM samples WHERE room = rooms.id)
      WHERE id = ?`),
    // Rooms someone looked up once, long ago, that hold nothing: RoomIds from typos and probes.
    forgetRooms: db.prepare<[number]>(`
      DELETE FROM rooms
      WHERE watched_at IS NULL
        AND max(coalesce(last_viewed_at, 0), coalesce(ended_at, 0)) < ?
        AND NOT EXISTS (SELECT 1 FROM samples WHERE room = rooms.id)`),
  };
}

class SqliteHistoryStore implements HistoryStore {
  #db: Database.Database | null;
  readonly #busyTimeoutMs: number;
  readonly #sql: ReturnType<typeof prepareStatements>;
  readonly #insertSamples: Database.Transaction<(entries: ReadonlyArray<{ roomId: string; params: number[] }>) => number>;
  constructor(db: Database.Database, busyTimeoutMs: number) {
    this.#db = db;
    this.#busyTimeoutMs = busyTimeoutMs;
    const sql = prepareStatements(db);
    this.#sql = sql;
    this.#insertSamples = db.transaction((entries) => {
      let inserted = 0;
      for (const { roomId, params } of entries) {
        const id = sql.roomKey.get(roomId) ?? Number(sql.insertRoom.run(roomId).lastInsertRowid);
        if (sql.insertSample.run(id, ...params).changes === 0) continue;
        sql.noteSample.run({ id, t: params[0]! });
        inserted += 1;
      }
      return inserted;
    });
  }

  /**
   * Runs synchronous work against the open database, mapping failures onto the store's codes. What
   * the console does about them (health, the outage log, pausing writes) is ./outage-guard.ts's.
   */
  #run<T>(work: () => T): T {
    if (!this.#db) throw new StoreError("closed", "The history store is closed.");
    try {
      return work();
    } catch (error) {
      throw toStoreError(error, this.#busyTimeoutMs);
    }
  }

  async addSample(roomId: string, sample: Sample): Promise<void> {
    await this.addSamples([{ roomId, sample }]);
  }

  async addSamples(entries: ReadonlyArray<{ roomId: string; sample: Sample }>): Promise<number> {
    const checked = entries.map(({ roomId, sample }) => ({ roomId: checkedRoomId(roomId), params: sampleParams(sample) }));
    if (checked.length === 0) return 0;
    return this.#run(() => this.#insertSamples.immediate(checked));
  }

  async samples(roomId: string, range: SampleRange = {}): Promise<Sample[]> {
    const from = checkedTime(range.from ?? Number.MIN_SAFE_INTEGER, "range.from");
    const to = checkedTime(range.to ?? Number.MAX_SAFE_INTEGER, "range.to");
    return this.#run(() => this.#sql.samples.all(roomId, from, to).map(toSample));
  }

  async latestSamples(roomIds: readonly string[]): Promise<Map<string, Sample>> {
    const result = new Map<string, Sample>();
    if (roomIds.length === 0) return result;
    const rows = this.#run(() => this.#sql.latestSamples.all(JSON.stringify([...new Set(roomIds)])));
    for (const row of rows) result.set(row[0] as string, toSample(row.slice(1)));
    return result;
  }

  async room(roomId: string): Promise<RoomRecord | null> {
    const row = this.#run(() => this.#sql.room.get(roomId));
    return row ? toRecord(row) : null;
  }

  async markViewed(roomId: string, at: number): Promise<void> {
    const params = [checkedRoomId(roomId), checkedTime(at, "at")] as const;
    this.#run(() => this.#sql.markViewed.run(...params));
  }

  async markEnded(roomId: string, endedAt: number): Promise<void> {
    const params = [checkedRoomId(roomId), checkedTime(endedAt, "endedAt")] as const;
    this.#run(() => this.#sql.markEnded.run(...params));
  }

  async noteFailure(roomId: string, failure: RecordingFailureRecord): Promise<void> {
    const params = {
      roomId: checkedRoomId(roomId),
      at: checkedTime(failure.at, "failure.at"),
      code: failure.code,
      upstreamCode: failure.upstreamCode === null || Number.isSafeInteger(failure.upstreamCode) ? failure.upstreamCode : invalidCode(),
    };
    this.#run(() => this.#sql.noteFailure.run(params));
  }

  async roomsToRecord(viewedSince: number): Promise<string[]> {
    const since = checkedTime(viewedSince, "viewedSince");
    return this.#run(() => this.#sql.roomsToRecord.all(since));
  }

  async watchlist(): Promise<RoomRecord[]> {
    return this.#run(() => this.#sql.watchlist.all().map(toRecord));
  }

  async watch(roomId: string, at: number): Promise<void> {
    const params = [checkedRoomId(roomId), checkedTime(at, "at")] as const;
    this.#run(() => this.#sql.watch.run(...params));
  }

  async unwatch(roomId: string): Promise<void> {
    this.#run(() => this.#sql.unwatch.run(roomId));
  }

  async prune(olderThan: number): Promise<number> {
    const before = checkedTime(olderThan, "olderThan");
    const sql = this.#sql;
    let deleted = 0;
    const rooms = this.#run(() => sql.pruneCandidates.all(before));
    for (const id of rooms) {
      for (;;) {
        // Each batch is its own short transaction; between batches the event loop (and any other
        // connection waiting for the lock) gets a turn.
        const changes = this.#run(() => sql.pruneBatch.run(id, id, before, PRUNE_BATCH).changes);
        deleted += changes;
        await new Promise<void>((resolve) => setImmediate(resolve));
        if (changes < PRUNE_BATCH) break;
      }
      this.#run(() => sql.refreshBounds.run(id));
    }
    this.#run(() => sql.forgetRooms.run(before));
    return deleted;
  }

  async close(): Promise<void> {
    const db = this.#db;
    if (!db) return;
    this.#db = null;
    try {
      // Cheap at close, and keeps the query planner's statistics current (SQLite's recommendation).
      db.pragma("optimize");
    } catch {
      // Statistics are a nicety; closing must not fail over them.
    }
    db.close();
  }
}
