// The console's public API contract: every answer of /api/** as a zod schema, and its type inferred
// from it. Route handlers type their answers with these; the browser's API client validates what it
// receives with the same schemas, so the two sides cannot drift. Browser-safe.

import { z } from "zod";
import { auditQuerySchema } from "./access";
import { byStatKey, roomStatsSchema, STAT_KEYS, statRatesSchema } from "./stats";

const isoTime = z.string();

/** 200 from GET /api/rooms/{roomId}/stats */
export const roomStatsResponseSchema = z.object({
  roomId: z.string(),
  stats: roomStatsSchema,
  /** Tencent's RequestId for the answer these figures came from. */
  requestId: z.string(),
  /** ISO 8601 time Tencent answered. */
  fetchedAt: isoTime,
});
export type RoomStatsResponse = z.infer<typeof roomStatsResponseSchema>;

export const API_ERROR_CODES = [
  "invalid_room_id",
  "invalid_query",
  "room_not_found",
  "rate_limited",
  "upstream_error",
  "upstream_timeout",
  "misconfigured",
  "not_found",
  "storage_unavailable",
  "internal_error",
  "invalid_request",
  "invalid_body",
  "unsupported_media_type",
  "payload_too_large",
  "method_not_allowed",
  "unauthenticated",
  "invalid_credentials",
  "forbidden",
  "cross_origin",
  "conflict",
  "quota_exceeded",
  "sign_in_throttled",
] as const;
export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

/** Every non-2xx answer of the console's API. */
export const apiErrorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    /** Tencent's ErrorCode, when Tencent answered. */
    upstreamCode: z.number().optional(),
    /** Tencent's RequestId, when it gave one. */
    requestId: z.string().optional(),
    /**
     * How an upstream call failed, where the code alone does not say (upstream_error):
     * `http_status` (a non-200 answer, see upstreamStatus), `bad_body` (unreadable or cut off),
     * `no_figures`, `network` (no connection, or dropped), `tencent_code` (see upstreamCode).
     */
    reason: z.string().optional(),
    /** The HTTP status of the upstream's answer, with reason `http_status`. */
    upstreamStatus: z.number().optional(),
  }),
});
export type ApiErrorBody = { error: z.infer<typeof apiErrorBodySchema>["error"] & { code: ApiErrorCode } };

export const CREDENTIAL_MODES = ["secret_key", "usersig"] as const;
export type CredentialMode = (typeof CREDENTIAL_MODES)[number];
export const CREDENTIAL_STATUSES = ["unknown", "ok", "expiring", "expired", "rejected"] as const;
export type CredentialStatus = (typeof CREDENTIAL_STATUSES)[number];

/** Failures of the storage itself, as /api/health reports them (see lib/store). */
export const STORAGE_FAILURE_CODES = ["busy", "full", "read_only", "unreachable", "io", "corrupt"] as const;

/** 200 from GET /api/health */
/** What makes /api/health say "degraded" (still a 200: the console is alive and answering). */
export const HEALTH_PROBLEMS = ["credential_rejected", "credential_expired", "storage_failing", "redis_unreachable", "alerts_failing", "notifications_delayed"] as const;

export const healthResponseSchema = z.object({
  status: z.enum(["ok", "degraded"]),
  problems: z.array(z.enum(HEALTH_PROBLEMS)),
  simulated: z.boolean(),
  /** STATS_FRESHNESS_MS: polling faster than this only returns the same answer again. */
  freshnessMs: z.number().int().nonnegative(),
  history: z.object({
    /** False after a storage failure (locked database, full disk) until a write succeeds again. */
    storeOk: z.boolean(),
    /** The last storage failure's code and when (ISO); kept after recovery, for whoever investigates. */
    storeError: z.enum(STORAGE_FAILURE_CODES).nullable(),
    storeErrorAt: isoTime.nullable(),
    /** Samples not yet written because the database failed: written once it takes writes again. */
    heldSamples: z.number().int().nonnegative(),
    /** Samples dropped because more were held than the bound (a long outage). */
    droppedSamples: z.number().int().nonnegative(),
    recorder: z.object({ running: z.boolean(), rooms: z.number(), cadenceSeconds: z.number() }),
  }),
  /**
   * With REDIS_URL: "shared" while the fleet shares one budget, cache and set of recorder leases in
   * Redis; "local" while Redis is unreachable and this instance spends its own share only. Null for
   * a single console without Redis.
   */
  cluster: z.object({ redis: z.enum(["shared", "local"]), instances: z.number().int().positive() }).nullable(),
  /**
   * Whether alerts work: this instance's evaluator (its last cycle over the rules it holds; failing
   * when that cycle threw, or none finished in three intervals while running) and the fleet's
   * notification outbox (read every 10 s; a notification waiting over 5 minutes is a delayed one).
   */
  alerts: z.object({
    evaluator: z.object({
      running: z.boolean(),
      failing: z.boolean(),
      lastCycleAt: isoTime.nullable(),
      lastCycleMs: z.number().nonnegative().nullable(),
      /** Rules this instance evaluated in its last cycle (the others' are leased elsewhere), and their rule-room pairs. */
      rules: z.number().int().nonnegative(),
      pairs: z.number().int().nonnegative(),
    }),
    outbox: z
      .object({
        pending: z.number().int().nonnegative(),
        oldestPendingAt: isoTime.nullable(),
        /** Notifications given up in the last 24 hours. */
        givenUp: z.number().int().nonnegative(),
        checkedAt: isoTime,
      })
      .nullable(),
    /** This instance's last failed send: its code (never the URL) and when. */
    lastFailure: z.object({ error: z.string(), at: isoTime }).nullable(),
  }),
  credential: z.object({
    mode: z.enum(CREDENTIAL_MODES),
    status: z.enum(CREDENTIAL_STATUSES),
    /** When the UserSig in use expires (ISO), if known. */
    expiresAt: isoTime.nullable(),
    /** Last upstream answer seen, from real traffic. */
    lastCheckedAt: isoTime.nullable(),
    /** Tencent's ErrorCode behind a "rejected" status. */
    lastErrorCode: z.number().nullable(),
  }),
});
export type HealthResponse = z.infer<typeof healthResponseSchema>;

/**
 * GET /api/ready, for a load balancer: 200 when this instance can serve (its databases answer, Redis
 * is shared when configured, Tencent has not refused the credential), else 503 with what is not.
 */
export const READY_CHECKS = ["database", "redis", "credential"] as const;
export const readyResponseSchema = z.object({
  ready: z.boolean(),
  /** The checks that failed; Redis only when REDIS_URL is set. */
  failing: z.array(z.enum(READY_CHECKS)),
});
export type ReadyResponse = z.infer<typeof readyResponseSchema>;

/** One recorded sample in the history API. */
export const historySampleSchema = z.object({ t: isoTime }).extend(roomStatsSchema.shape);
export type HistorySample = z.infer<typeof historySampleSchema>;
/**
 * How far back a rate looks (`?rateWindow=`): the increase over the last 1, 5 or 15 minutes, per
 * minute, as Tencent's own console offers granularity. Longer windows are smoother and resolve
 * finer (integer counts over W minutes step by 1/W a minute).
 */
export const RATE_WINDOWS = ["1m", "5m", "15m"] as const;
export type RateWindow = (typeof RATE_WINDOWS)[number];
export const DEFAULT_RATE_WINDOW: RateWindow = "1m";
export const RATE_WINDOW_MINUTES: Record<RateWindow, number> = { "1m": 1, "5m": 5, "15m": 15 };
export const rateWindowMs = (window: RateWindow) => RATE_WINDOW_MINUTES[window] * 60_000;

/** Per-minute rates over the answer's rate window, ending at `t`; null where the window is not fully observed (a gap, the first window of a recording) or a counter reset inside it. */
export const historyRateSchema = z.object({ t: isoTime }).extend(statRatesSchema.shape);
export type HistoryRate = z.infer<typeof historyRateSchema>;

export const ROOM_STATUSES = ["live", "ended", "unknown"] as const;

/** Where the recorder was not watching: consecutive raw samples further apart than 3 cadences. */
export const historyGapSchema = z.object({ from: isoTime, to: isoTime });

/** 200 from GET /api/rooms/{roomId}/history */
export const roomHistoryResponseSchema = z.object({
  roomId: z.string(),
  /** "unknown": never recorded. */
  status: z.enum(ROOM_STATUSES),
  firstSampleAt: isoTime.nullable(),
  lastSampleAt: isoTime.nullable(),
  endedAt: isoTime.nullable(),
  /** When Tencent says the room was created, where its details were ever fetched (get_room_info). */
  createdAt: isoTime.nullable(),
  /** The cadence actually achieved between samples, in seconds (null with fewer than two). */
  cadenceSeconds: z.number().nullable(),
  /** Raw samples recorded in the range; `samples` holds at most `points` of them. */
  sampleCount: z.number().int().nonnegative(),
  samples: z.array(historySampleSchema),
  /** The window `rates` (and the report's peaks) are computed over. */
  rateWindow: z.enum(RATE_WINDOWS),
  rates: z.array(historyRateSchema),
  /** Every gap in the range, from the raw samples: thinned ones cannot show where they were. */
  gaps: z.array(historyGapSchema),
});
export type RoomHistoryResponse = z.infer<typeof roomHistoryResponseSchema>;

// The report's times travel as ISO text and arrive as epoch ms: the figures the page formats.
const reportTime = z.iso.datetime({ offset: true }).transform((iso) => Date.parse(iso));

/** The post-stream report's figures (lib/history/report.ts computes them from every raw sample). */
export const streamReportSchema = z.object({
  /** First sample. */
  startedAt: reportTime,
  /** The stream's end when known, else the last sample. */
  endedAt: reportTime,
  durationMs: z.number().nonnegative(),
  sampleCount: z.number().int().nonnegative(),
  /** The last sample's counters; after a reset they count only since the reset. */
  finalTotals: roomStatsSchema,
  /** Each counter's highest per-minute rate over the rate window, and when (the window's end). */
  peaks: byStatKey(z.object({ perMinute: z.number(), t: reportTime }).nullable()),
  /** Mean per-minute rate over the time actually observed. */
  averages: statRatesSchema,
  ratios: z.object({
    coinsPerGift: z.number().nullable(),
    giftsPerSender: z.number().nullable(),
    giftSendersPer100Viewers: z.number().nullable(),
    likesPerViewer: z.number().nullable(),
    messagesPerViewer: z.number().nullable(),
  }),
  resets: z.object({ count: z.number().int().nonnegative(), events: z.array(z.object({ t: reportTime, key: z.enum(STAT_KEYS) })) }),
  gaps: z.object({ count: z.number().int().nonnegative(), totalMs: z.number().nonnegative() }),
});

/** 200 from GET /api/rooms/{roomId}/report: the figures, and the recording thinned for its charts. */
export const roomReportResponseSchema = roomHistoryResponseSchema.extend({
  /** Null when nothing was recorded. */
  report: streamReportSchema.nullable(),
});
/** As the route handler sends it (ISO times); the page reads the schema's output (epoch ms). */
export type RoomReportBody = z.input<typeof roomReportResponseSchema>;

/** Why the latest recording attempt of a room failed: an API error code, and Tencent's ErrorCode. */
export const recordingFailureSchema = z.object({
  code: z.enum(API_ERROR_CODES),
  upstreamCode: z.number().nullable(),
  at: isoTime,
});
export type RecordingFailure = z.infer<typeof recordingFailureSchema>;

/** One row of GET /api/rooms?watchlist=1. */
export const overviewRoomSchema = z.object({
  roomId: z.string(),
  status: z.enum(["live", "ended", "error", "unknown"]),
  /** Why the latest recording attempt failed, when status is "error". */
  error: recordingFailureSchema.nullable(),
  lastSampleAt: isoTime.nullable(),
  totals: roomStatsSchema.nullable(),
  /** Per-minute rates over the last minute up to the latest sample; null where that minute was not fully observed. */
  ratesPerMinute: statRatesSchema.nullable(),
  /** Messages per minute (over a 1-minute window) through the last half hour, oldest first; null marks a gap. */
  sparkline: z.array(z.object({ t: isoTime, v: z.number().nullable() })),
});
export type OverviewRoom = z.infer<typeof overviewRoomSchema>;

/** 200 from GET /api/rooms?watchlist=1 */
export const overviewResponseSchema = z.object({ rooms: z.array(overviewRoomSchema) });
export type OverviewResponse = z.infer<typeof overviewResponseSchema>;

/** 200 from GET /api/watchlist */
export const watchlistResponseSchema = z.object({
  rooms: z.array(
    z.object({
      roomId: z.string(),
      status: z.enum(ROOM_STATUSES),
      lastSampleAt: isoTime.nullable(),
      endedAt: isoTime.nullable(),
    }),
  ),
});
export type WatchlistResponse = z.infer<typeof watchlistResponseSchema>;
export type WatchlistEntry = WatchlistResponse["rooms"][number];

/** The body of POST /api/watchlist. */
export const watchlistAddBodySchema = z.object({ roomId: z.string() });

/** The most points a history answer thins a series to (the report asks for this many). */
export const MAX_HISTORY_POINTS = 2000;

const rateWindowParam = z.enum(RATE_WINDOWS, { error: "rate_window" }).default(DEFAULT_RATE_WINDOW);

/** A time range in a query: ISO 8601 ends, either left out (from the start of the recording, up to now). */
const timeRangeParams = {
  from: z.iso.datetime({ offset: true, error: "iso_time" }).optional(),
  to: z.iso.datetime({ offset: true, error: "iso_time" }).optional(),
};
const startBeforeEnd: [(q: { from?: string; to?: string }) => boolean, { message: string; path: string[] }] = [
  (q) => !q.from || !q.to || Date.parse(q.from) <= Date.parse(q.to),
  { message: "from_after_to", path: ["from"] },
];

/** The query of GET /api/rooms/{roomId}/report: the time range it covers (the whole recording by default) and the window its peaks and rate charts use. */
export const reportQuerySchema = z.object({ ...timeRangeParams, rateWindow: rateWindowParam }).refine(...startBeforeEnd);
export type ReportQuery = z.infer<typeof reportQuerySchema>;

/**
 * The query of GET /api/rooms/{roomId}/history (and of history.csv, which ignores `points` and `rateWindow`). Each
 * rule's error text is a reason code; lib/api words it, naming the parameter.
 */
export const historyQuerySchema = z
  .object({
    ...timeRangeParams,
    // Digits only: Number() would also take "0x10", "1e2" or " 5", none of which anyone meant.
    points: z
      .string()
      .regex(/^\d{1,6}$/, "whole_number")
      .transform(Number)
      .pipe(z.number().min(2, "too_small").max(MAX_HISTORY_POINTS, "too_big"))
      .default(500),
    rateWindow: rateWindowParam,
  })
  .refine(...startBeforeEnd);
export type HistoryQuery = z.infer<typeof historyQuerySchema>;

/**
 * How a CSV export names its columns (`?header=`): `labels`, the default, are readable headers in
 * the reader's language ("Time (UTC)", "观众"), for people opening the file in a spreadsheet;
 * `names` are the stable machine names ("time", "totalViewers"), for scripts that read columns by
 * name whatever language the request came in.
 */
export const CSV_HEADER_STYLES = ["labels", "names"] as const;
export type CsvHeaderStyle = (typeof CSV_HEADER_STYLES)[number];
const csvHeaderParam = { header: z.enum(CSV_HEADER_STYLES, { error: "csv_header" }).default("labels") };

/** The query of GET /api/rooms/{roomId}/history.csv: the history's, plus `header`. */
export const historyCsvQuerySchema = historyQuerySchema.safeExtend(csvHeaderParam);
export type HistoryCsvQuery = z.infer<typeof historyCsvQuerySchema>;

/** The query of GET /api/audit.csv: the audit log's filters, plus `header`. */
export const auditCsvQuerySchema = auditQuerySchema.safeExtend(csvHeaderParam);
export type AuditCsvQuery = z.infer<typeof auditCsvQuerySchema>;

/**
 * The query of GET /api/rooms: only the watchlist overview exists so far. Its sparklines cover the
 * time range (the last 30 minutes by default) and its figures are the latest at the range's end.
 */
export const overviewQuerySchema = z.object({ watchlist: z.literal("1", { error: "watchlist_only" }), ...timeRangeParams }).refine(...startBeforeEnd);
export type OverviewQuery = z.infer<typeof overviewQuerySchema>;
