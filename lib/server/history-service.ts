import "server-only";
import {
  MAX_HISTORY_POINTS,
  rateWindowMs,
  type CsvHeaderStyle,
  type HistoryQuery,
  type HistoryRate,
  type HistorySample,
  type RateWindow,
  type ReportQuery,
  type RoomHistoryResponse,
  type RoomReportBody,
} from "@/lib/contract/api";
import { STAT_KEYS, type Sample } from "@/lib/contract/stats";
import { requireRoomId } from "@/lib/errors/domain-error";
import { buildReport, GAP_CADENCES, type StreamReport } from "@/lib/history/report";
import { downsample, gapsOf, windowedRates } from "@/lib/history/series";
import type { UiLocale } from "@/lib/i18n/locales";
import { message } from "@/lib/i18n/messages";
import type { HistoryStore, RoomRecord, SampleRange } from "@/lib/store/store";
import { csvCell } from "@/lib/csv/cell";

// Reading recorded history: the downsampling that keeps peaks, the post-stream report computed from
// every raw sample beside them, and the CSV export. The route handlers parse the query (lib/contract's
// schema) and answer.

/** The typical spacing of samples: the median gap, which ignores the odd lookup between two. */
function achievedCadenceMs(samples: readonly Sample[]): number | null {
  if (samples.length < 2) return null;
  const gaps = samples.slice(1).map((s, i) => s.t - samples[i]!.t).sort((a, b) => a - b);
  return gaps[Math.floor(gaps.length / 2)]!;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** The query's ISO times as the store's epoch-ms range. */
function sampleRange(query: Pick<HistoryQuery, "from" | "to">): SampleRange {
  return { from: query.from ? Date.parse(query.from) : undefined, to: query.to ? Date.parse(query.to) : undefined };
}

/** The CSV's columns by their stable machine names, which `?header=names` asks for. */
const CSV_COLUMNS = ["time", ...STAT_KEYS] as const;

/** The header row: the machine names, or each column's readable name in `locale` (csv.history.*). */
function csvHeader(header: CsvHeaderStyle, locale: UiLocale): string {
  return CSV_COLUMNS.map((column) => (header === "names" ? column : csvCell(message(`csv.history.${column}`, {}, locale)))).join(",");
}

/** Used when the recording cannot tell a cadence (fewer than two samples): the recorder's default. */
const FALLBACK_CADENCE_MS = 10_000;
/** A gap is a gap once three samples in a row are missing. */
const gapRuleOf = (cadence: number | null) => ({ maxGapMs: GAP_CADENCES * (cadence ?? FALLBACK_CADENCE_MS) });

interface HistoryOfOptions {
  rateWindow: RateWindow;
  /** Samples just before the range, so the first rates in it have a full window behind them. */
  lead?: readonly Sample[];
  cadence?: number | null;
}

/** The history answer for samples already read: what both the history and the report routes send. */
function historyOf(roomId: string, room: RoomRecord | null, samples: readonly Sample[], points: number, { rateWindow, lead = [], cadence = achievedCadenceMs(samples) }: HistoryOfOptions): RoomHistoryResponse {
  const gapRule = gapRuleOf(cadence);
  const rangeStart = samples[0]?.t ?? Number.POSITIVE_INFINITY;
  const rates = windowedRates(lead.length > 0 ? [...lead, ...samples] : samples, { ...gapRule, windowMs: rateWindowMs(rateWindow) }).filter((p) => p.t >= rangeStart);
  const flatSamples = samples.map((s) => ({ t: s.t, ...s.stats }));
  return {
    roomId,
    status: room ? room.status : "unknown",
    firstSampleAt: iso(room?.firstSampleAt ?? null),
    lastSampleAt: iso(room?.lastSampleAt ?? null),
    endedAt: iso(room?.endedAt ?? null),
    createdAt: iso(room?.createdAt ?? null),
    cadenceSeconds: cadence === null ? null : Math.round(cadence / 100) / 10,
    sampleCount: samples.length,
    samples: downsample(flatSamples, points, STAT_KEYS).map(({ t, ...stats }): HistorySample => ({ t: new Date(t).toISOString(), ...stats })),
    rateWindow,
    rates: downsample(rates, points, STAT_KEYS).map(({ t, ...values }): HistoryRate => ({ t: new Date(t).toISOString(), ...values })),
    gaps: gapsOf(samples, gapRule).map((gap) => ({ from: new Date(gap.from).toISOString(), to: new Date(gap.to).toISOString() })),
  };
}

/** The report as the API sends it: its epoch-ms times as ISO text. */
function reportBody(report: StreamReport): NonNullable<RoomReportBody["report"]> {
  const at = (ms: number) => new Date(ms).toISOString();
  const peaks = Object.fromEntries(STAT_KEYS.map((key) => [key, report.peaks[key] && { perMinute: report.peaks[key].perMinute, t: at(report.peaks[key].t) }]));
  return {
    ...report,
    startedAt: at(report.startedAt),
    endedAt: at(report.endedAt),
    peaks: peaks as NonNullable<RoomReportBody["report"]>["peaks"],
    resets: { count: report.resets.count, events: report.resets.events.map((event) => ({ t: at(event.t), key: event.key })) },
  };
}

export function createHistoryService({ store }: { store: HistoryStore }) {
  return {
    /**
     * GET /api/rooms/{roomId}/history: totals and per-minute rates over `rateWindow`, each thinned
     * to `points`. A range that starts mid-recording reads the window before it too (and the gap
     * rule's slack, the furthest back the window's first sample may be), so its first rates are
     * over a full window like every other, not missing for the range's first minutes.
     */
    async history(roomId: string, query: HistoryQuery): Promise<RoomHistoryResponse> {
      requireRoomId(roomId);
      const range = sampleRange(query);
      const [room, samples] = await Promise.all([store.room(roomId), store.samples(roomId, range)]);
      const cadence = achievedCadenceMs(samples);
      const leadMs = rateWindowMs(query.rateWindow) + gapRuleOf(cadence).maxGapMs;
      const lead = range.from !== undefined && samples.length > 0 ? await store.samples(roomId, { from: range.from - leadMs, to: range.from - 1 }) : [];
      return historyOf(roomId, room, samples, query.points, { rateWindow: query.rateWindow, lead, cadence });
    },

    /**
     * GET /api/rooms/{roomId}/report: the figures of the recording, or of the part of it in the
     * range, from every raw sample (exact peaks over `rateWindow`, totals and gaps however long the
     * stream), with the series thinned for its charts.
     */
    async report(roomId: string, query: ReportQuery): Promise<RoomReportBody> {
      requireRoomId(roomId);
      const { rateWindow } = query;
      const range = sampleRange(query);
      const [room, samples] = await Promise.all([store.room(roomId), store.samples(roomId, range)]);
      // The stream's end belongs to a range that reaches it; a window that closes before does not end the stream.
      const endedAt = room?.status === "ended" && room.endedAt !== null && (range.to === undefined || room.endedAt <= range.to) ? room.endedAt : null;
      // The report thins its charts' series as far as the API allows (a report wants every peak).
      const cadence = achievedCadenceMs(samples);
      const report = buildReport(samples, { endedAt, cadenceMs: cadence ?? FALLBACK_CADENCE_MS, rateWindowMs: rateWindowMs(rateWindow) });
      return { ...historyOf(roomId, room, samples, MAX_HISTORY_POINTS, { rateWindow, cadence }), report: report && reportBody(report) };
    },

    /**
     * Every raw sample in the range. UTF-8 with a byte-order mark, so Excel in any locale reads it
     * as UTF-8 (Chinese headers included); UTC ISO times whatever the language; a header row, of
     * readable names in `locale` or of machine names (`header`); no quoting needed in the rows
     * since every field is a time or an integer.
     */
    async csv(roomId: string, query: Pick<HistoryQuery, "from" | "to">, header: CsvHeaderStyle, locale: UiLocale): Promise<string> {
      requireRoomId(roomId);
      const samples = await store.samples(roomId, sampleRange(query));
      const lines = samples.map((s) => [new Date(s.t).toISOString(), ...STAT_KEYS.map((k) => s.stats[k])].join(","));
      return `\uFEFF${csvHeader(header, locale)}\r\n${lines.map((l) => `${l}\r\n`).join("")}`;
    },
  };
}

export type HistoryService = ReturnType<typeof createHistoryService>;
