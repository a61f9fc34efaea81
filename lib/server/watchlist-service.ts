import "server-only";
import { rateWindowMs, type OverviewQuery, type OverviewRoom, type WatchlistResponse } from "@/lib/contract/api";
import { STAT_KEYS, type StatRates } from "@/lib/contract/stats";
import { requireRoomId } from "@/lib/errors/domain-error";
import type { Recorder } from "@/lib/history/recorder";
import { GAP_CADENCES } from "@/lib/history/report";
import { downsample, windowedRates } from "@/lib/history/series";
import type { HistoryStore } from "@/lib/store/store";

// The team's shared watchlist: which rooms are recorded continuously, and the overview page's one
// request: every watched room's latest totals, current rates, a sparkline and its status, from
// stored samples only (no upstream call: the recorder already keeps these rooms fresh).

const SPARKLINE_WINDOW_MS = 30 * 60_000;
const SPARKLINE_POINTS = 30;
/** The current rates are over the last minute (the column headers say so), as is the sparkline. */
const CURRENT_RATE_WINDOW_MS = rateWindowMs("1m");

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export interface WatchlistDeps {
  store: HistoryStore;
  recorder: Pick<Recorder, "track" | "status" | "unsavedSince">;
  now?: () => number;
}

export function createWatchlistService({ store, recorder, now = Date.now }: WatchlistDeps) {
  return {
    async list(): Promise<WatchlistResponse> {
      const rooms = await store.watchlist();
      return { rooms: rooms.map((r) => ({ roomId: r.roomId, status: r.status, lastSampleAt: iso(r.lastSampleAt), endedAt: iso(r.endedAt) })) };
    },

    /** Whether the room is on the watchlist (roles that may read watched rooms only ask this). */
    async isWatched(roomId: string): Promise<boolean> {
      return (await store.room(roomId))?.watched === true;
    },

    /** Recorded from now on; idempotent. */
    async add(roomId: string): Promise<{ roomId: string }> {
      requireRoomId(roomId);
      await store.watch(roomId, now());
      recorder.track(roomId);
      return { roomId };
    },

    /** Off the watchlist; its history stays. */
    async remove(roomId: string): Promise<void> {
      await store.unwatch(requireRoomId(roomId));
    },

    /**
     * Every watched room's figures at the end of the range (now, unless a window that closed
     * earlier), with a sparkline over the range; the last 30 minutes when none is given.
     */
    async overview(query: Pick<OverviewQuery, "from" | "to"> = {}): Promise<OverviewRoom[]> {
      const at = now();
      const end = query.to ? Math.min(Date.parse(query.to), at) : at;
      const start = query.from ? Date.parse(query.from) : end - SPARKLINE_WINDOW_MS;
      const rooms = await store.watchlist();
      // Up to now the latest sample is the store's; a window that ended earlier has its own last one.
      const latest = query.to ? null : await store.latestSamples(rooms.map((r) => r.roomId));
      const cadence = recorder.status().cadenceMs;
      return Promise.all(
        rooms.map(async (room): Promise<OverviewRoom> => {
          // A rate window more than the sparkline shows, so its first point has a full window behind it.
          const recent = await store.samples(room.roomId, { from: start - CURRENT_RATE_WINDOW_MS, to: end });
          const rates = windowedRates(recent, { maxGapMs: GAP_CADENCES * cadence, windowMs: CURRENT_RATE_WINDOW_MS }).filter((p) => p.t >= start);
          const last = latest ? (latest.get(room.roomId) ?? null) : (recent.at(-1) ?? null);
          // A failure counts until a newer sample shows the room answering again. Samples the store
          // could not save are known to the recorder only (the store is what failed).
          const unsavedAt = recorder.unsavedSince(room.roomId);
          const failure =
            unsavedAt !== null
              ? { at: unsavedAt, code: "storage_unavailable" as const, upstreamCode: null }
              : room.lastFailure && room.lastFailure.at > (last?.t ?? 0)
                ? room.lastFailure
                : null;
          const lastRate = rates.at(-1);
          return {
            roomId: room.roomId,
            status: room.status === "ended" ? "ended" : failure ? "error" : room.status,
            error: failure && { code: failure.code, upstreamCode: failure.upstreamCode, at: new Date(failure.at).toISOString() },
            lastSampleAt: iso(last?.t ?? null),
            totals: last?.stats ?? null,
            ratesPerMinute: lastRate ? (Object.fromEntries(STAT_KEYS.map((k) => [k, lastRate[k]])) as StatRates) : null,
            sparkline: downsample(rates, SPARKLINE_POINTS, ["totalMsgCount"]).map((p) => ({ t: new Date(p.t).toISOString(), v: p.totalMsgCount })),
          };
        }),
      );
    },
  };
}

export type WatchlistService = ReturnType<typeof createWatchlistService>;
