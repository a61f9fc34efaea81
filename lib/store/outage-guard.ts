import "server-only";
import { log } from "@/lib/log";
import { isStorageFailureCode, StoreError, type GuardedStore, type HistoryStore, type StoreHealth } from "./store";

// What the console does while its storage fails, for any HistoryStore: health that tells the truth
// (ok from a storage failure until the next successful write), one log line when an outage starts
// and one when it ends, and a pause of writes while the database is locked. The store below only
// maps its database's errors onto StoreError codes.

/** After a write found the database locked, writes fail at once for this long, doubling to the max. */
const LOCKED_PAUSE_MS = 1000;
const LOCKED_PAUSE_MAX_MS = 10_000;

export function withOutageGuard(store: HistoryStore, now: () => number = Date.now): GuardedStore {
  let health: StoreHealth = { ok: true, lastError: null, lastErrorAt: null };
  /** The storage outage under way: when it began and how many operations failed since. */
  let outage: { since: number; failures: number } | null = null;
  /**
   * While another connection holds the lock, writes fail at once instead of each waiting the busy
   * timeout: with hundreds of rooms recording, those waits would add up to a server that never
   * answers (better-sqlite3 waits synchronously). One write tries again after each pause.
   */
  let locked: { until: number; pauseMs: number } | null = null;

  function failed(error: unknown): never {
    if (StoreError.is(error) && isStorageFailureCode(error.code)) {
      const at = now();
      if (error.code === "busy" && (!locked || at >= locked.until)) {
        const pauseMs = locked ? Math.min(locked.pauseMs * 2, LOCKED_PAUSE_MAX_MS) : LOCKED_PAUSE_MS;
        locked = { until: at + pauseMs, pauseMs };
      }
      health = { ok: false, lastError: { code: error.code, message: error.message }, lastErrorAt: at };
      // One line when an outage starts and one when it ends, not one per write in between: the
      // recorder alone would otherwise log every room at every cadence.
      if (!outage) log.error("history storage failing; samples are not being saved", { code: error.code, error: error.message });
      outage ??= { since: at, failures: 0 };
      outage.failures += 1;
    }
    throw error;
  }

  function succeeded() {
    locked = null;
    health = { ...health, ok: true };
    if (outage) {
      log.info("history storage recovered", { failures: outage.failures, since: new Date(outage.since).toISOString() });
      outage = null;
    }
  }

  async function write<T>(work: () => Promise<T>): Promise<T> {
    if (locked && now() < locked.until) {
      failed(new StoreError("busy", `The history database is locked by another connection; writes are paused until ${new Date(locked.until).toISOString()}. Nothing was written.`));
    }
    try {
      const result = await work();
      succeeded();
      return result;
    } catch (error) {
      failed(error);
    }
  }

  async function read<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      failed(error);
    }
  }

  return {
    addSample: (roomId, sample) => write(() => store.addSample(roomId, sample)),
    addSamples: (entries) => write(() => store.addSamples(entries)),
    markViewed: (roomId, at) => write(() => store.markViewed(roomId, at)),
    markEnded: (roomId, endedAt) => write(() => store.markEnded(roomId, endedAt)),
    noteFailure: (roomId, failure) => write(() => store.noteFailure(roomId, failure)),
    watch: (roomId, at) => write(() => store.watch(roomId, at)),
    unwatch: (roomId) => write(() => store.unwatch(roomId)),
    prune: (olderThan) => write(() => store.prune(olderThan)),
    samples: (roomId, range) => read(() => store.samples(roomId, range)),
    latestSamples: (roomIds) => read(() => store.latestSamples(roomIds)),
    room: (roomId) => read(() => store.room(roomId)),
    roomsToRecord: (viewedSince) => read(() => store.roomsToRecord(viewedSince)),
    watchlist: () => read(() => store.watchlist()),
    health: () => ({ ...health, lastError: health.lastError && { ...health.lastError } }),
    close: () => store.close(),
  };
}
