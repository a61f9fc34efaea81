import "server-only";
import { log } from "@/lib/log";
import { isStorageFailure, isStorageFailureCode, StoreError, type GuardedStore, type HistoryStore, type Sample, type StoreHealth } from "./store";

// What the console does while its storage fails, for any HistoryStore: health that tells the truth
// (ok from a storage failure until the next successful write), one log line when an outage starts
// and one when it ends, a pause of writes while the database is locked, and the samples that could
// not be written held in memory and written once the database takes writes again (at most
// MAX_HELD_SAMPLES; beyond that they are dropped, counted in health and logged). A failed write still
// rejects: its caller learns the sample is not saved yet. The store below only maps its database's
// errors onto StoreError codes.

/** After a write found the database locked, writes fail at once for this long, doubling to the max. */
const LOCKED_PAUSE_MS = 1000;
const LOCKED_PAUSE_MAX_MS = 10_000;
/** About 10 MB: 200 rooms at a 10 s cadence for more than an hour and a half. */
export const MAX_HELD_SAMPLES = 100_000;
/** While samples are held, how often a write of them is tried when nothing else writes. */
const HELD_RETRY_MS = 2000;
const HELD_BATCH = 5000;

export function withOutageGuard(store: HistoryStore, now: () => number = Date.now): GuardedStore {
  let health: Omit<StoreHealth, "heldSamples" | "droppedSamples"> = { ok: true, lastError: null, lastErrorAt: null };
  /** The storage outage under way: when it began and how many operations failed since. */
  let outage: { since: number; failures: number } | null = null;
  /**
   * While another connection holds the lock, writes fail at once instead of each waiting the busy
   * timeout: with hundreds of rooms recording, those waits would add up to a server that never
   * answers (better-sqlite3 waits synchronously). One write tries again after each pause.
   */
  let locked: { until: number; pauseMs: number } | null = null;
  let held: { roomId: string; sample: Sample }[] = [];
  let dropped = 0;
  let flushing = false;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;

  function hold(error: unknown, entries: readonly { roomId: string; sample: Sample }[]) {
    if (!isStorageFailure(error)) return;
    for (const entry of entries) {
      if (held.length < MAX_HELD_SAMPLES) held.push(entry);
      else if (dropped++ % 10_000 === 0) log.error("history storage failing for long: samples are being dropped", { held: held.length, dropped });
    }
    retryTimer ??= setTimeout(() => {
      retryTimer = null;
      void flushHeld();
    }, HELD_RETRY_MS);
    retryTimer.unref?.();
  }

  /** Writes the held samples, a batch at a time, for as long as the database takes them. */
  async function flushHeld() {
    if (flushing) return;
    flushing = true;
    try {
      while (held.length > 0) {
        const batch = held.slice(0, HELD_BATCH);
        try {
          await write(() => store.addSamples(batch));
        } catch {
          retryTimer ??= setTimeout(() => {
            retryTimer = null;
            void flushHeld();
          }, HELD_RETRY_MS);
          retryTimer.unref?.();
          return;
        }
        held = held.slice(batch.length);
      }
    } finally {
      flushing = false;
    }
  }

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
    if (held.length > 0) queueMicrotask(() => void flushHeld());
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
    addSample: (roomId, sample) =>
      write(() => store.addSample(roomId, sample)).catch((error: unknown) => {
        hold(error, [{ roomId, sample }]);
        throw error;
      }),
    addSamples: (entries) =>
      write(() => store.addSamples(entries)).catch((error: unknown) => {
        hold(error, entries);
        throw error;
      }),
    markViewed: (roomId, at) => write(() => store.markViewed(roomId, at)),
    markEnded: (roomId, endedAt) => write(() => store.markEnded(roomId, endedAt)),
    markAnnounced: (roomId, createdAt) => write(() => store.markAnnounced(roomId, createdAt)),
    claimDelivery: (key, at) => write(() => store.claimDelivery(key, at)),
    releaseDelivery: (key) => write(() => store.releaseDelivery(key)),
    noteCreated: (roomId, createdAt) => write(() => store.noteCreated(roomId, createdAt)),
    noteFailure: (roomId, failure) => write(() => store.noteFailure(roomId, failure)),
    watch: (roomId, at) => write(() => store.watch(roomId, at)),
    unwatch: (roomId) => write(() => store.unwatch(roomId)),
    prune: (olderThan) => write(() => store.prune(olderThan)),
    samples: (roomId, range) => read(() => store.samples(roomId, range)),
    latestSamples: (roomIds) => read(() => store.latestSamples(roomIds)),
    room: (roomId) => read(() => store.room(roomId)),
    roomsToRecord: (viewedSince) => read(() => store.roomsToRecord(viewedSince)),
    watchlist: () => read(() => store.watchlist()),
    alerts: store.alerts,
    health: () => ({ ...health, lastError: health.lastError && { ...health.lastError }, heldSamples: held.length, droppedSamples: dropped }),
    close: async () => {
      if (retryTimer) clearTimeout(retryTimer);
      retryTimer = null;
      // A last try, so a clean stop after the database came back loses nothing.
      await flushHeld();
      await store.close();
    },
  };
}
