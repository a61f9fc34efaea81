import "server-only";
import { LRUCache } from "lru-cache";
import type { GuardedStore, Sample, SampleRange } from "./store";

// Keeps recently read rooms' samples in memory, in front of any HistoryStore. The history API
// reads a whole recording on every request (rates and peak-keeping downsampling need consecutive
// raw samples), and decoding 8,640 rows from SQLite costs more than everything else in the request
// together. Writes go to the store first; the cache only ever learns what the store acknowledged.
// With the embedded SQLite store every write goes through this wrapper (one process owns the file).
// A store shared by several instances (PostgreSQL) is also written by the others, so there a read of
// a cached room first reads the store's last SHARED_LOOKBACK_MS again, at most every
// SHARED_REFRESH_MS, and takes that window from it: new samples from any instance, and late ones
// (written after an outage) within the window. The overview reads every watched room at once, so
// without the interval each overview request would be a query per room.

export interface SampleCacheOptions {
  /** Samples kept in memory across all rooms (about 100 bytes each); least recently read go first. */
  maxSamples?: number;
  /** Other processes write to the same store. */
  shared?: boolean;
}

/** How far back a shared store is read again for a cached room. */
export const SHARED_LOOKBACK_MS = 5 * 60_000;
/** How stale a cached room may be, in other instances' samples, before it is read again. */
export const SHARED_REFRESH_MS = 2000;

/** The index of the first sample with t >= time (samples are sorted by t). */
function lowerBound(samples: readonly Sample[], time: number): number {
  let lo = 0;
  let hi = samples.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (samples[mid]!.t < time) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function withSampleCache(store: GuardedStore, { maxSamples = 500_000, shared = false, now = Date.now }: SampleCacheOptions & { now?: () => number } = {}): GuardedStore {
  const rooms = new LRUCache<string, Sample[]>({ maxSize: maxSamples, sizeCalculation: (samples) => Math.max(1, samples.length) });
  /** When each cached room was last read from a shared store. */
  const readAt = new Map<string, number>();

  function remember(roomId: string, sample: Sample) {
    const cached = rooms.peek(roomId);
    if (!cached) return;
    const last = cached.at(-1);
    if (!last || sample.t > last.t) {
      cached.push(sample);
      rooms.set(roomId, cached); // size changed
    } else {
      // An earlier time: inserted out of order, or a duplicate the store ignored. Read it afresh.
      rooms.delete(roomId);
    }
  }

  return {
    addSample: async (roomId, sample) => {
      await store.addSample(roomId, sample);
      remember(roomId, sample);
    },
    addSamples: async (entries) => {
      const added = await store.addSamples(entries);
      for (const { roomId, sample } of entries) remember(roomId, sample);
      return added;
    },
    samples: async (roomId, range: SampleRange = {}) => {
      let all = rooms.get(roomId);
      if (!all) {
        readAt.set(roomId, now());
        all = await store.samples(roomId);
        rooms.set(roomId, all);
      } else if (shared && all.length > 0 && now() - (readAt.get(roomId) ?? 0) >= SHARED_REFRESH_MS) {
        readAt.set(roomId, now());
        const since = all.at(-1)!.t - SHARED_LOOKBACK_MS;
        const recent = await store.samples(roomId, { from: since });
        all = all.slice(0, lowerBound(all, since)).concat(recent);
        rooms.set(roomId, all);
      }
      const from = range.from === undefined ? 0 : lowerBound(all, range.from);
      const to = range.to === undefined ? all.length : lowerBound(all, range.to + 1);
      return all.slice(from, to);
    },
    prune: async (olderThan) => {
      const removed = await store.prune(olderThan);
      rooms.clear();
      readAt.clear();
      return removed;
    },
    latestSamples: (roomIds) => store.latestSamples(roomIds),
    room: (roomId) => store.room(roomId),
    markViewed: (roomId, at) => store.markViewed(roomId, at),
    markEnded: (roomId, endedAt) => store.markEnded(roomId, endedAt),
    markAnnounced: (roomId, createdAt) => store.markAnnounced(roomId, createdAt),
    claimDelivery: (key, at) => store.claimDelivery(key, at),
    releaseDelivery: (key) => store.releaseDelivery(key),
    noteCreated: (roomId, createdAt) => store.noteCreated(roomId, createdAt),
    noteFailure: (roomId, failure) => store.noteFailure(roomId, failure),
    roomsToRecord: (viewedSince) => store.roomsToRecord(viewedSince),
    watchlist: () => store.watchlist(),
    watch: (roomId, at) => store.watch(roomId, at),
    unwatch: (roomId) => store.unwatch(roomId),
    alerts: store.alerts,
    health: () => store.health(),
    close: async () => {
      rooms.clear();
      await store.close();
    },
  };
}
