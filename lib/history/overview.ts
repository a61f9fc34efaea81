import "server-only";
import type { OverviewRoom, StatKey } from "@/lib/rooms/types";
import type { HistoryStore } from "@/lib/store/store";
import type { Recorder } from "./recorder";
import { downsample, perMinuteRates } from "./series";
import { STAT_KEYS } from "@/lib/rooms/types";

// The watchlist overview: every watched room's latest totals, current rates, a sparkline and its
// status, from stored samples only. One request for the whole page, no upstream call: the recorder
// already keeps these rooms fresh.

const SPARKLINE_WINDOW_MS = 30 * 60_000;
const SPARKLINE_POINTS = 30;


export async function watchlistOverview(store: HistoryStore, recorder: Recorder, now = Date.now()): Promise<OverviewRoom[]> {
  const rooms = await store.watchlist();
  const latest = await store.latestSamples(rooms.map((r) => r.roomId));
  return Promise.all(
    rooms.map(async (room): Promise<OverviewRoom> => {
      const recent = await store.samples(room.roomId, { from: now - SPARKLINE_WINDOW_MS });
      const cadence = recorder.status().cadenceMs;
      const rates = perMinuteRates(recent, { maxGapMs: 3 * cadence });
      const last = latest.get(room.roomId) ?? null;
      const failure = recorder.failureOf(room.roomId);
      const failing = failure !== null && failure.at > (last?.t ?? 0);
      const lastRate = rates.at(-1);
      return {
        roomId: room.roomId,
        status: room.status === "ended" ? "ended" : failing ? "error" : room.status,
        error: failing ? failure.message : null,
        lastSampleAt: last ? new Date(last.t).toISOString() : null,
        totals: last?.stats ?? null,
        ratesPerMinute: lastRate ? Object.fromEntries(STAT_KEYS.map((k) => [k, lastRate[k]])) as Record<StatKey, number | null> : null,
        sparkline: downsample(rates, SPARKLINE_POINTS, ["totalMsgCount"]).map((p) => ({ t: new Date(p.t).toISOString(), v: p.totalMsgCount })),
      };
    }),
  );
}
