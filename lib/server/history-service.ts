import "server-only";
import type { HistoryQuery, HistoryRate, HistorySample, RoomHistoryResponse } from "@/lib/contract/api";
import { STAT_KEYS, type Sample } from "@/lib/contract/stats";
import { requireRoomId } from "@/lib/errors/domain-error";
import { downsample, perMinuteRates } from "@/lib/history/series";
import type { HistoryStore, SampleRange } from "@/lib/store/store";

// Reading recorded history: the downsampling that keeps peaks, and the CSV export. The route
// handlers parse the query (lib/contract's schema) and answer; the range rules live here.

/** The typical spacing of samples: the median gap, which ignores the odd lookup between two. */
export function achievedCadenceMs(samples: readonly Sample[]): number | null {
  if (samples.length < 2) return null;
  const gaps = samples.slice(1).map((s, i) => s.t - samples[i]!.t).sort((a, b) => a - b);
  return gaps[Math.floor(gaps.length / 2)]!;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** The query's ISO times as the store's epoch-ms range. */
export function sampleRange(query: Pick<HistoryQuery, "from" | "to">): SampleRange {
  return { from: query.from ? Date.parse(query.from) : undefined, to: query.to ? Date.parse(query.to) : undefined };
}

const CSV_HEADER = ["time", ...STAT_KEYS].join(",");

export function createHistoryService({ store }: { store: HistoryStore }) {
  return {
    /** GET /api/rooms/{roomId}/history: totals and per-minute rates, each thinned to `points`. */
    async history(roomId: string, query: HistoryQuery): Promise<RoomHistoryResponse> {
      requireRoomId(roomId);
      const range = sampleRange(query);
      const [room, samples] = await Promise.all([store.room(roomId), store.samples(roomId, range)]);
      const cadence = achievedCadenceMs(samples);
      // A gap is a gap once three samples in a row are missing.
      const rates = perMinuteRates(samples, { maxGapMs: 3 * (cadence ?? 10_000) });
      const flatSamples = samples.map((s) => ({ t: s.t, ...s.stats }));
      return {
        roomId,
        status: room ? room.status : "unknown",
        firstSampleAt: iso(room?.firstSampleAt ?? null),
        lastSampleAt: iso(room?.lastSampleAt ?? null),
        endedAt: iso(room?.endedAt ?? null),
        cadenceSeconds: cadence === null ? null : Math.round(cadence / 100) / 10,
        sampleCount: samples.length,
        samples: downsample(flatSamples, query.points, STAT_KEYS).map(({ t, ...stats }): HistorySample => ({ t: new Date(t).toISOString(), ...stats })),
        rates: downsample(rates, query.points, STAT_KEYS).map(({ t, ...values }): HistoryRate => ({ t: new Date(t).toISOString(), ...values })),
      };
    },

    /**
     * Every raw sample in the range. UTF-8 with a byte-order mark, so Excel in any locale reads it
     * as UTF-8; ISO times; a header row; no quoting needed since every field is a time or an integer.
     */
    async csv(roomId: string, query: Pick<HistoryQuery, "from" | "to">): Promise<string> {
      requireRoomId(roomId);
      const samples = await store.samples(roomId, sampleRange(query));
      const lines = samples.map((s) => [new Date(s.t).toISOString(), ...STAT_KEYS.map((k) => s.stats[k])].join(","));
      return `\uFEFF${CSV_HEADER}\r\n${lines.map((l) => `${l}\r\n`).join("")}`;
    },
  };
}

export type HistoryService = ReturnType<typeof createHistoryService>;
