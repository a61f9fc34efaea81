import "server-only";
import { sql, type Compilable, type Expression, type Generated, type Insertable, type Kysely, type QueryResult, type Selectable } from "kysely";
import { API_ERROR_CODES } from "@/lib/contract/api";
import { checkRoomId } from "@/lib/contract/room-id";
import { STAT_KEYS, type RoomStats, type StatKey } from "@/lib/contract/stats";
import { createAlertStore, type AlertStore, type AlertTables } from "@/lib/store/alert-store";
import {
  StoreError,
  type HistoryStore,
  type RecordingFailureCode,
  type RecordingFailureRecord,
  type RoomRecord,
  type RoomStatus,
  type Sample,
  type SampleRange,
} from "@/lib/store/store";

// The history store's queries, written once for both databases behind it: the embedded SQLite file
// (sqlite-store.ts) and a shared PostgreSQL (postgres-store.ts). Those two open their database,
// migrate its schema and name its failures; everything done to rows is here, in the SQL both speak:
// ON CONFLICT upserts, UPDATE ... FROM, and CASE where SQLite's two-argument min()/max() would be
// PostgreSQL's least()/greatest(). A write of any number of samples is a handful of multi-row
// statements in one transaction. Every promise settles after its transaction has committed.

export interface RoomsTable {
  id: Generated<number>;
  room_id: string;
  status: Generated<RoomStatus>;
  first_sample_at: number | null;
  last_sample_at: number | null;
  ended_at: number | null;
  last_viewed_at: number | null;
  announced_at: number | null;
  watched_at: number | null;
  last_failure_at: number | null;
  last_failure_code: string | null;
  last_failure_upstream_code: number | null;
  created_at: number | null;
}

/** One sample: the room's key (rooms.id), its time in epoch ms, and the counters of STAT_KEYS. */
export interface SamplesTable {
  room: number;
  t: number;
  viewers: number;
  gifts_sent: number;
  gift_coins: number;
  gift_senders: number;
  likes: number;
  messages: number;
}

/** A callback delivery seen (its command, RoomId and EventTime): a repeated one is ignored. */
export interface CallbackDeliveriesTable {
  delivery: string;
  received_at: number;
}

export interface HistoryTables extends AlertTables {
  rooms: RoomsTable;
  samples: SamplesTable;
  callback_deliveries: CallbackDeliveriesTable;
}

type Db = Kysely<HistoryTables>;

/** What differs between the databases under the one set of queries. */
export interface HistoryDatabase {
  db: Db;
  /** The driver's failure as the store's: each database names busy, full and read-only its own way. */
  toStoreError(error: unknown): StoreError;
  /** Settles once the schema is in place; every operation waits for it, and fails with its failure. */
  ready: Promise<void>;
  /** Runs once the last operation has finished, before the connection closes. */
  beforeClose?(): void;
}

const COLUMN: Record<StatKey, Exclude<keyof SamplesTable, "room" | "t">> = {
  totalViewers: "viewers",
  totalGiftsSent: "gifts_sent",
  totalGiftCoins: "gift_coins",
  totalUniqueGiftSenders: "gift_senders",
  totalLikesReceived: "likes",
  totalMsgCount: "messages",
};
/** The counters under their API names, from `samples` (alone or joined: the names are its own). */
const STAT_SELECTION = STAT_KEYS.map((key) => sql.ref<number>(COLUMN[key]).as(key));

/** Samples are deleted this many at a time, so that no transaction holds the write lock for long. */
const PRUNE_BATCH = 5000;
/** Rows per multi-row INSERT (9 parameters each) and values per IN list: under both databases' caps. */
const ROWS_PER_STATEMENT = 500;

/** A sample's columns after the room's key, in the order of Entry.values. */
const SAMPLE_COLUMNS = ["t", ...STAT_KEYS.map((key) => COLUMN[key])] as const;

interface Entry {
  roomId: string;
  /** The sample's t and counters, in the order of SAMPLE_COLUMNS. */
  values: number[];
}

function invalid(message: string): StoreError {
  return new StoreError("invalid", message);
}

function checkedRoomId(roomId: string): string {
  const check = checkRoomId(roomId);
  if (!check.ok) throw invalid(`Not a RoomId the store can hold (${check.problem}).`);
  return roomId;
}

function checkedDeliveryKey(key: string): string {
  if (typeof key !== "string" || key.length === 0 || key.length > 512) throw invalid("A callback delivery's key must be 1 to 512 characters.");
  return key;
}

function checkedTime(value: number, name: string): number {
  if (!Number.isSafeInteger(value)) throw invalid(`${name} must be an integer number of epoch milliseconds.`);
  return value;
}

/** The counters are cumulative, so whole and never negative; both databases hold them exactly. */
function checkedEntry(roomId: string, sample: Sample): Entry {
  checkedRoomId(roomId);
  const values = [checkedTime(sample.t, "A sample's t")];
  for (const key of STAT_KEYS) {
    const value = sample.stats?.[key];
    if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 0) {
      throw invalid(`A sample's ${key} must be a whole number of at least 0.`);
    }
    values.push(value);
  }
  return { roomId, values };
}

function toSample(row: { t: number } & RoomStats): Sample {
  const stats = {} as RoomStats;
  for (const key of STAT_KEYS) stats[key] = row[key];
  return { t: row.t, stats };
}

/** A code a newer or older build wrote and this one does not know reads as a plain failure. */
function knownFailureCode(code: string | null): RecordingFailureCode {
  return (API_ERROR_CODES as readonly (string | null)[]).includes(code) ? (code as RecordingFailureCode) : "internal_error";
}

function toRecord(row: Selectable<RoomsTable>): RoomRecord {
  return {
    roomId: row.room_id,
    status: row.status,
    firstSampleAt: row.first_sample_at,
    lastSampleAt: row.last_sample_at,
    endedAt: row.ended_at,
    lastViewedAt: row.last_viewed_at,
    announcedAt: row.announced_at,
    watched: row.watched_at !== null,
    watchedAt: row.watched_at,
    lastFailure:
      row.last_failure_at === null
        ? null
        : { at: row.last_failure_at, code: knownFailureCode(row.last_failure_code), upstreamCode: row.last_failure_upstream_code },
    createdAt: row.created_at ?? null,
  };
}

function chunked<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}

/** The earlier of a held time (null when none is) and a new one. */
function earlier(held: Expression<number | null>, t: Expression<number | null>) {
  return sql<number>`case when ${held} <= ${t} then ${held} else ${t} end`;
}

/** The later of a held time (null when none is) and a new one. */
function later(held: Expression<number | null>, t: Expression<number | null>) {
  return sql<number>`case when ${held} >= ${t} then ${held} else ${t} end`;
}

/** Stands for an argument while a query is compiled: a name, or a position in a list of values. */
class Param {
  constructor(readonly key: string | number) {}
}

type Runner<R> = (executor: Db, args: object) => Promise<QueryResult<R>>;

/**
 * A query compiled once and run with new arguments, as prepared statements are: building a Kysely
 * query costs more than running most of these on SQLite. The placeholders it was built with are
 * found again among the compiled parameters by identity, whatever order the SQL puts them in.
 */
function compiledOnce<R>(query: Compilable<R>): Runner<R> {
  const compiled = query.compile();
  const keys = compiled.parameters.map((value) => (value instanceof Param ? value.key : null));
  return (executor, args) => {
    const values = args as Record<string | number, unknown>;
    return executor.executeQuery<R>({ ...compiled, parameters: keys.map((key, i) => (key === null ? compiled.parameters[i] : values[key])) });
  };
}

/** A query of named arguments, compiled once: `build` receives a placeholder for each. */
function prepare<A extends object, R>(build: (args: A) => Compilable<R>): (executor: Db, args: A) => Promise<QueryResult<R>> {
  return compiledOnce(build(new Proxy({}, { get: (_target, name) => new Param(String(name)) }) as A));
}

/**
 * A statement carrying a list of values, `width` to a row, compiled once for the row counts that
 * recur (one row, as the recorder writes; a full chunk of a batch) and built afresh for others.
 */
function sized<T, R>(width: number, build: (values: readonly T[]) => Compilable<R>) {
  const compiled = new Map<number, Runner<R>>();
  return (executor: Db, values: readonly T[]): Promise<QueryResult<R>> => {
    const count = values.length;
    if (count !== width && count !== width * ROWS_PER_STATEMENT) return executor.executeQuery(build(values));
    let run = compiled.get(count);
    if (!run) {
      run = compiledOnce(build(Array.from({ length: count }, (_, i) => new Param(i) as T)));
      compiled.set(count, run);
    }
    return run(executor, values);
  };
}

function prepareQueries(db: Db) {
  const rooms = () => db.insertInto("rooms");
  return {
    samples: prepare((p: { roomId: string; from: number; to: number }) =>
      db
        .selectFrom("samples")
        .select(["t", ...STAT_SELECTION])
        .where("room", "=", (eb) => eb.selectFrom("rooms").select("id").where("room_id", "=", p.roomId))
        .where("t", ">=", p.from)
        .where("t", "<=", p.to)
        .orderBy("t"),
    ),
    room: prepare((p: { roomId: string }) => db.selectFrom("rooms").selectAll().where("room_id", "=", p.roomId)),
    markViewed: prepare((p: { roomId: string; at: number }) =>
      rooms()
        .values({ room_id: p.roomId, last_viewed_at: p.at })
        .onConflict((oc) =>
          oc.column("room_id").doUpdateSet((eb) => ({
            last_viewed_at: later(eb.ref("rooms.last_viewed_at"), eb.ref("excluded.last_viewed_at")),
            // Looked up again: an ended room is tried again.
            status: eb.case().when("rooms.status", "=", "ended").then(eb.val<RoomStatus>("unknown")).else(eb.ref("rooms.status")).end(),
          })),
        ),
    ),
    markEnded: prepare((p: { roomId: string; endedAt: number }) =>
      rooms()
        .values({ room_id: p.roomId, status: "ended", ended_at: p.endedAt })
        .onConflict((oc) => oc.column("room_id").doUpdateSet((eb) => ({ status: "ended", ended_at: eb.ref("excluded.ended_at") }))),
    ),
    markAnnounced: prepare((p: { roomId: string; at: number }) =>
      rooms()
        .values({ room_id: p.roomId, announced_at: p.at })
        .onConflict((oc) =>
          oc
            .column("room_id")
            .doUpdateSet((eb) => ({
              announced_at: later(eb.ref("rooms.announced_at"), eb.ref("excluded.announced_at")),
              // A room that ended before this creation is a new stream: recorded again.
              status: eb.case().when("rooms.status", "=", "ended").then(eb.val<RoomStatus>("unknown")).else(eb.ref("rooms.status")).end(),
            }))
            // A room that ended at or after this creation stays ended: its destroy callback came first.
            .where((eb) => eb.or([eb("rooms.ended_at", "is", null), eb("rooms.ended_at", "<", eb.ref("excluded.announced_at"))])),
        ),
    ),
    claimDelivery: prepare((p: { key: string; at: number }) =>
      db
        .insertInto("callback_deliveries")
        .values({ delivery: p.key, received_at: p.at })
        .onConflict((oc) => oc.column("delivery").doNothing())
        .returning("delivery"),
    ),
    releaseDelivery: prepare((p: { key: string }) => db.deleteFrom("callback_deliveries").where("delivery", "=", p.key)),
    forgetDeliveries: prepare((p: { before: number }) => db.deleteFrom("callback_deliveries").where("received_at", "<", p.before)),
    noteCreated: prepare((p: { roomId: string; createdAt: number }) =>
      rooms()
        .values({ room_id: p.roomId, created_at: p.createdAt })
        .onConflict((oc) => oc.column("room_id").doUpdateSet((eb) => ({ created_at: eb.ref("excluded.created_at") }))),
    ),
    // Only a newer failure replaces the one held: attempts can finish out of order.
    noteFailure: prepare((p: { roomId: string; at: number; code: string; upstreamCode: number | null }) =>
      rooms()
        .values({ room_id: p.roomId, last_failure_at: p.at, last_failure_code: p.code, last_failure_upstream_code: p.upstreamCode })
        .onConflict((oc) =>
          oc
            .column("room_id")
            .doUpdateSet((eb) => ({
              last_failure_at: eb.ref("excluded.last_failure_at"),
              last_failure_code: eb.ref("excluded.last_failure_code"),
              last_failure_upstream_code: eb.ref("excluded.last_failure_upstream_code"),
            }))
            .where((eb) => eb.or([eb("rooms.last_failure_at", "is", null), eb("excluded.last_failure_at", ">=", eb.ref("rooms.last_failure_at"))])),
        ),
    ),
    roomsToRecord: prepare((p: { since: number }) =>
      db
        .selectFrom("rooms")
        .select("room_id")
        .where("status", "<>", "ended")
        .where((eb) => eb.or([eb("watched_at", "is not", null), eb("announced_at", "is not", null), eb("last_viewed_at", ">=", p.since)]))
        .orderBy("room_id"),
    ),
    watchlist: prepare(() => db.selectFrom("rooms").selectAll().where("watched_at", "is not", null).orderBy("watched_at").orderBy("room_id")),
    watch: prepare((p: { roomId: string; at: number }) =>
      rooms()
        .values({ room_id: p.roomId, watched_at: p.at })
        .onConflict((oc) => oc.column("room_id").doUpdateSet((eb) => ({ watched_at: eb.fn.coalesce("rooms.watched_at", "excluded.watched_at") }))),
    ),
    unwatch: prepare((p: { roomId: string }) => db.updateTable("rooms").set({ watched_at: null }).where("room_id", "=", p.roomId)),
    pruneCandidates: prepare((p: { before: number }) => db.selectFrom("rooms").select("id").where("first_sample_at", "<", p.before)),
    pruneBatch: prepare((p: { room: number; before: number; limit: number }) =>
      db
        .deleteFrom("samples")
        .where("room", "=", p.room)
        .where("t", "in", (eb) => eb.selectFrom("samples").select("t").where("room", "=", p.room).where("t", "<", p.before).orderBy("t").limit(p.limit)),
    ),
    refreshBounds: prepare((p: { room: number }) =>
      db
        .updateTable("rooms")
        .set((eb) => ({
          first_sample_at: eb.selectFrom("samples").select((s) => s.fn.min("t").as("t")).whereRef("samples.room", "=", "rooms.id"),
          last_sample_at: eb.selectFrom("samples").select((s) => s.fn.max("t").as("t")).whereRef("samples.room", "=", "rooms.id"),
        }))
        .where("id", "=", p.room),
    ),
    // Rooms someone looked up once, long ago, that hold nothing: RoomIds from typos and probes.
    forgetRooms: prepare((p: { before: number }) =>
      db
        .deleteFrom("rooms")
        .where("watched_at", "is", null)
        .where((eb) =>
          eb.and([
            eb(eb.fn.coalesce("last_viewed_at", eb.lit(0)), "<", p.before),
            eb(eb.fn.coalesce("ended_at", eb.lit(0)), "<", p.before),
            eb(eb.fn.coalesce("announced_at", eb.lit(0)), "<", p.before),
            eb.not(eb.exists(eb.selectFrom("samples").select(eb.lit(1).as("one")).whereRef("samples.room", "=", "rooms.id"))),
          ]),
        ),
    ),
  };
}

/**
 * The statements of a sample write, for any number of rows, each taking a flat list of values.
 * Moving the rooms' bounds is one statement for all of them: a sample newer than the recorded end
 * means the room came back; a late write of an older one changes nothing about its status. VALUES
 * names its columns column1, column2, ... in both databases.
 */
function writeStatements(db: Db) {
  const bigint = (value: number) => sql<number>`cast(${value} as bigint)`;
  const rowsOf = <T>(values: readonly T[], width: number) => Array.from({ length: values.length / width }, (_, r) => values.slice(r * width, (r + 1) * width));
  return {
    roomKeys: sized(1, (roomIds: readonly string[]) => db.selectFrom("rooms").select(["id", "room_id"]).where("room_id", "in", roomIds)),
    addRooms: sized(1, (roomIds: readonly string[]) =>
      db
        .insertInto("rooms")
        .values(roomIds.map((room_id) => ({ room_id })))
        .onConflict((oc) => oc.column("room_id").doNothing()),
    ),
    // RETURNING lists only the rows inserted: a sample already held (the same room and t) is ignored.
    addSamples: sized(1 + SAMPLE_COLUMNS.length, (values: readonly number[]) =>
      db
        .insertInto("samples")
        .values(
          rowsOf(values, 1 + SAMPLE_COLUMNS.length).map(([room, ...sample]) => {
            const row = { room } as Insertable<SamplesTable>;
            SAMPLE_COLUMNS.forEach((column, i) => (row[column] = sample[i]!));
            return row;
          }),
        )
        .onConflict((oc) => oc.columns(["room", "t"]).doNothing())
        .returning(["room", "t"]),
    ),
    // [room, first, last] for each room.
    noteSamples: sized(3, (values: readonly number[]) => {
      const bounds = rowsOf(values, 3).map(([room, first, last]) => sql`(${bigint(room!)}, ${bigint(first!)}, ${bigint(last!)})`);
      return db
        .updateTable("rooms")
        .from(sql<{ column1: number; column2: number; column3: number }>`(values ${sql.join(bounds)})`.as("v"))
        .set((eb) => ({
          first_sample_at: earlier(eb.ref("rooms.first_sample_at"), eb.ref("v.column2")),
          last_sample_at: later(eb.ref("rooms.last_sample_at"), eb.ref("v.column3")),
          status: eb
            .case()
            .when(eb.or([eb("rooms.ended_at", "is", null), eb("v.column3", ">", eb.ref("rooms.ended_at"))]))
            .then(eb.val<RoomStatus>("live"))
            .else(eb.ref("rooms.status"))
            .end(),
          ended_at: eb.case().when("v.column3", ">", eb.ref("rooms.ended_at")).then(eb.lit(null)).else(eb.ref("rooms.ended_at")).end(),
        }))
        .whereRef("rooms.id", "=", "v.column1");
    }),
  };
}

type WriteStatements = ReturnType<typeof writeStatements>;

/** The rooms' integer keys, adding the rooms not seen before. */
async function roomKeys(db: Db, statements: WriteStatements, roomIds: readonly string[]): Promise<Map<string, number>> {
  const keys = new Map<string, number>();
  const read = async (ids: readonly string[]) => {
    for (const chunk of chunked(ids, ROWS_PER_STATEMENT)) for (const row of (await statements.roomKeys(db, chunk)).rows) keys.set(row.room_id, row.id);
  };
  await read(roomIds);
  const missing = roomIds.filter((roomId) => !keys.has(roomId));
  if (missing.length === 0) return keys;
  for (const chunk of chunked(missing, ROWS_PER_STATEMENT)) await statements.addRooms(db, chunk);
  // Read back rather than RETURNING: a room another instance added meanwhile returns nothing there.
  await read(missing);
  return keys;
}

/** Writes samples in one transaction, a few statements whatever their number; resolves with how many were new. */
async function insertSamples(db: Db, statements: WriteStatements, entries: readonly Entry[]): Promise<number> {
  // Sorted, so that two instances writing the same rooms take their locks in the same order.
  const keys = await roomKeys(db, statements, [...new Set(entries.map((entry) => entry.roomId))].sort());
  const bounds = new Map<number, [room: number, first: number, last: number]>();
  let inserted = 0;
  for (const chunk of chunked(entries, ROWS_PER_STATEMENT)) {
    const values: number[] = [];
    for (const entry of chunk) values.push(keys.get(entry.roomId)!, ...entry.values);
    const { rows } = await statements.addSamples(db, values);
    inserted += rows.length;
    for (const { room, t } of rows) {
      const held = bounds.get(room);
      if (!held) bounds.set(room, [room, t, t]);
      else {
        held[1] = Math.min(held[1], t);
        held[2] = Math.max(held[2], t);
      }
    }
  }
  for (const chunk of chunked([...bounds.values()], ROWS_PER_STATEMENT)) await statements.noteSamples(db, chunk.flat());
  return inserted;
}

export function createHistoryStore(database: HistoryDatabase): HistoryStore {
  return new KyselyHistoryStore(database);
}

class KyselyHistoryStore implements HistoryStore {
  #database: HistoryDatabase | null;
  #closed: Promise<void> | null = null;
  readonly #sql: ReturnType<typeof prepareQueries>;
  readonly #writes: WriteStatements;
  /** Operations under way, which close() lets finish. */
  readonly #running = new Set<Promise<unknown>>();
  /** addSample calls that came while a sample write was in flight: they go in the next transaction. */
  #waiting: { entries: Entry[]; written: Promise<number> } | null = null;
  #lastWrite: Promise<unknown> = Promise.resolve();
  /** An own property, not a getter, so that a test's `{ ...store }` keeps it. */
  readonly alerts: AlertStore;

  constructor(database: HistoryDatabase) {
    this.#database = database;
    this.#sql = prepareQueries(database.db);
    this.#writes = writeStatements(database.db);
    this.alerts = createAlertStore((work) => this.#run((db) => work(db as unknown as Kysely<AlertTables>)));
  }

  /**
   * Runs work against the open database, mapping its failures onto the store's codes. What the
   * console does about them (health, the outage log, pausing writes) is ./outage-guard.ts's.
   */
  #run<T>(work: (db: Db) => Promise<T>): Promise<T> {
    const database = this.#database;
    if (!database) return Promise.reject(new StoreError("closed", "The history store is closed."));
    const operation = database.ready
      .then(() => work(database.db))
      .catch((error: unknown) => {
        throw database.toStoreError(error);
      });
    this.#running.add(operation);
    const settled = () => this.#running.delete(operation);
    operation.then(settled, settled);
    return operation;
  }

  #write(db: Db, entries: readonly Entry[]): Promise<number> {
    return db.transaction().execute((trx) => insertSamples(trx, this.#writes, entries));
  }

  /**
   * The recorder and lookups write one sample at a time, often several at once; those that arrive
   * while a write is in flight wait for it and then go together, in one transaction. On PostgreSQL
   * every transaction is several round trips, which would otherwise queue for the pool one by one.
   */
  #queue(db: Db, entry: Entry): Promise<number> {
    let batch = this.#waiting;
    if (!batch) {
      const entries: Entry[] = [];
      const written = this.#lastWrite.then(() => {
        this.#waiting = null;
        return this.#write(db, entries);
      });
      batch = this.#waiting = { entries, written };
      this.#lastWrite = written.catch(() => undefined);
    }
    batch.entries.push(entry);
    return batch.written;
  }

  async addSample(roomId: string, sample: Sample): Promise<void> {
    const entry = checkedEntry(roomId, sample);
    await this.#run((db) => this.#queue(db, entry));
  }

  async addSamples(entries: ReadonlyArray<{ roomId: string; sample: Sample }>): Promise<number> {
    const checked = entries.map(({ roomId, sample }) => checkedEntry(roomId, sample));
    if (checked.length === 0) return 0;
    return this.#run((db) => this.#write(db, checked));
  }

  async samples(roomId: string, range: SampleRange = {}): Promise<Sample[]> {
    const from = checkedTime(range.from ?? Number.MIN_SAFE_INTEGER, "range.from");
    const to = checkedTime(range.to ?? Number.MAX_SAFE_INTEGER, "range.to");
    const { rows } = await this.#run((db) => this.#sql.samples(db, { roomId, from, to }));
    return rows.map(toSample);
  }

  async latestSamples(roomIds: readonly string[]): Promise<Map<string, Sample>> {
    const result = new Map<string, Sample>();
    if (roomIds.length === 0) return result;
    await this.#run(async (db) => {
      for (const chunk of chunked([...new Set(roomIds)], ROWS_PER_STATEMENT)) {
        const rows = await db
          .selectFrom("samples")
          .innerJoin("rooms", "rooms.id", "samples.room")
          .select(["room_id", "t", ...STAT_SELECTION])
          .where("room_id", "in", chunk)
          .where("samples.t", "=", (eb) => eb.selectFrom("samples as latest").select((s) => s.fn.max("latest.t").as("t")).whereRef("latest.room", "=", "rooms.id"))
          .execute();
        for (const row of rows) result.set(row.room_id, toSample(row));
      }
    });
    return result;
  }

  async room(roomId: string): Promise<RoomRecord | null> {
    const { rows } = await this.#run((db) => this.#sql.room(db, { roomId }));
    return rows[0] ? toRecord(rows[0]) : null;
  }

  async markViewed(roomId: string, at: number): Promise<void> {
    const args = { roomId: checkedRoomId(roomId), at: checkedTime(at, "at") };
    await this.#run((db) => this.#sql.markViewed(db, args));
  }

  async markEnded(roomId: string, endedAt: number): Promise<void> {
    const args = { roomId: checkedRoomId(roomId), endedAt: checkedTime(endedAt, "endedAt") };
    await this.#run((db) => this.#sql.markEnded(db, args));
  }

  async markAnnounced(roomId: string, createdAt: number): Promise<void> {
    const args = { roomId: checkedRoomId(roomId), at: checkedTime(createdAt, "createdAt") };
    await this.#run((db) => this.#sql.markAnnounced(db, args));
  }

  async claimDelivery(key: string, at: number): Promise<boolean> {
    const args = { key: checkedDeliveryKey(key), at: checkedTime(at, "at") };
    const { rows } = await this.#run((db) => this.#sql.claimDelivery(db, args));
    return rows.length > 0;
  }

  async releaseDelivery(key: string): Promise<void> {
    await this.#run((db) => this.#sql.releaseDelivery(db, { key }));
  }

  async noteCreated(roomId: string, createdAt: number): Promise<void> {
    const args = { roomId: checkedRoomId(roomId), createdAt: checkedTime(createdAt, "createdAt") };
    await this.#run((db) => this.#sql.noteCreated(db, args));
  }

  async noteFailure(roomId: string, failure: RecordingFailureRecord): Promise<void> {
    if (failure.upstreamCode !== null && !Number.isSafeInteger(failure.upstreamCode)) {
      throw invalid("A failure's upstreamCode must be an integer (Tencent's ErrorCode) or null.");
    }
    const args = { roomId: checkedRoomId(roomId), at: checkedTime(failure.at, "failure.at"), code: failure.code, upstreamCode: failure.upstreamCode };
    await this.#run((db) => this.#sql.noteFailure(db, args));
  }

  async roomsToRecord(viewedSince: number): Promise<string[]> {
    const since = checkedTime(viewedSince, "viewedSince");
    const { rows } = await this.#run((db) => this.#sql.roomsToRecord(db, { since }));
    return rows.map((row) => row.room_id);
  }

  async watchlist(): Promise<RoomRecord[]> {
    const { rows } = await this.#run((db) => this.#sql.watchlist(db, {}));
    return rows.map(toRecord);
  }

  async watch(roomId: string, at: number): Promise<void> {
    const args = { roomId: checkedRoomId(roomId), at: checkedTime(at, "at") };
    await this.#run((db) => this.#sql.watch(db, args));
  }

  async unwatch(roomId: string): Promise<void> {
    await this.#run((db) => this.#sql.unwatch(db, { roomId }));
  }

  async prune(olderThan: number): Promise<number> {
    const before = checkedTime(olderThan, "olderThan");
    const q = this.#sql;
    return this.#run(async (db) => {
      let deleted = 0;
      for (const { id } of (await q.pruneCandidates(db, { before })).rows) {
        for (;;) {
          // Each batch is its own short transaction; between batches the event loop (and any other
          // connection waiting for the lock) gets a turn, and a close() stops the prune.
          const changes = Number((await q.pruneBatch(db, { room: id, before, limit: PRUNE_BATCH })).numAffectedRows ?? 0);
          deleted += changes;
          await new Promise<void>((resolve) => setImmediate(resolve));
          if (!this.#database) throw new StoreError("closed", "The history store was closed during a prune.");
          if (changes < PRUNE_BATCH) break;
        }
        await q.refreshBounds(db, { room: id });
      }
      await q.forgetRooms(db, { before });
      // Tencent does not deliver a callback again after days: older keys only take room.
      await q.forgetDeliveries(db, { before });
      return deleted;
    });
  }

  close(): Promise<void> {
    const database = this.#database;
    if (database) {
      this.#database = null;
      this.#closed = (async () => {
        await Promise.allSettled(this.#running);
        try {
          database.beforeClose?.();
        } finally {
          await database.db.destroy();
        }
      })();
    }
    return this.#closed ?? Promise.resolve();
  }
}
