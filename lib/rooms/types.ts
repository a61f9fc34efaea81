// The console's public API contract, shared by route handlers, the pages and operators' scripts.

export const STAT_KEYS = [
  "totalViewers",
  "totalGiftsSent",
  "totalGiftCoins",
  "totalUniqueGiftSenders",
  "totalLikesReceived",
  "totalMsgCount",
] as const;

export type StatKey = (typeof STAT_KEYS)[number];
export type RoomStats = Record<StatKey, number>;

/** 200 from GET /api/rooms/{roomId}/stats */
export interface RoomStatsResponse {
  roomId: string;
  stats: RoomStats;
  /** Tencent's RequestId for the answer these figures came from. */
  requestId: string;
  /** ISO 8601 time Tencent answered. */
  fetchedAt: string;
}

export type ApiErrorCode =
  | "invalid_room_id"
  | "invalid_query"
  | "room_not_found"
  | "rate_limited"
  | "upstream_error"
  | "upstream_timeout"
  | "misconfigured"
  | "not_found"
  | "storage_unavailable"
  | "internal_error";

/** Every non-2xx answer of the console's API. */
export interface ApiErrorBody {
  error: {
    code: ApiErrorCode;
    message: string;
    /** Tencent's ErrorCode, when Tencent answered. */
    upstreamCode?: number;
    /** Tencent's RequestId, when it gave one. */
    requestId?: string;
  };
}

export type CredentialMode = "secret_key" | "usersig";

export type CredentialStatus = "unknown" | "ok" | "expiring" | "expired" | "rejected";

/** 200 from GET /api/health */
export interface HealthResponse {
  status: "ok";
  simulated: boolean;
  /** STATS_FRESHNESS_MS: polling faster than this only returns the same answer again. */
  freshnessMs: number;
  history: {
    /** False after a storage failure (locked database, full disk) until a write succeeds again. */
    storeOk: boolean;
    /** The last storage failure and when (ISO); kept after recovery, for whoever investigates. */
    storeError: string | null;
    storeErrorAt: string | null;
    recorder: { running: boolean; rooms: number; cadenceSeconds: number };
  };
  credential: {
    mode: CredentialMode;
    status: CredentialStatus;
    /** When the UserSig in use expires (ISO), if known. */
    expiresAt: string | null;
    /** Last upstream answer seen, from real traffic. */
    lastCheckedAt: string | null;
    /** Tencent's ErrorCode behind a "rejected" status. */
    lastErrorCode: number | null;
  };
}

/** One recorded sample in the history API. `t` is ISO 8601. */
export type HistorySample = { t: string } & RoomStats;
/** Per-minute rates between samples; null where there is a gap or a counter reset. */
export type HistoryRate = { t: string } & Record<StatKey, number | null>;

/** 200 from GET /api/rooms/{roomId}/history */
export interface RoomHistoryResponse {
  roomId: string;
  /** "unknown": never recorded. */
  status: "live" | "ended" | "unknown";
  firstSampleAt: string | null;
  lastSampleAt: string | null;
  endedAt: string | null;
  /** The cadence actually achieved between samples, in seconds (null with fewer than two). */
  cadenceSeconds: number | null;
  /** Raw samples recorded in the range; `samples` holds at most `points` of them. */
  sampleCount: number;
  samples: HistorySample[];
  rates: HistoryRate[];
}

/** One row of GET /api/rooms?watchlist=1. */
export interface OverviewRoom {
  roomId: string;
  status: "live" | "ended" | "error" | "unknown";
  /** Why the latest recording attempt failed, when status is "error". */
  error: string | null;
  lastSampleAt: string | null;
  totals: RoomStats | null;
  ratesPerMinute: Record<StatKey, number | null> | null;
  /** Messages per minute over the last half hour, oldest first; null marks a gap. */
  sparkline: { t: string; v: number | null }[];
}

export interface OverviewResponse {
  rooms: OverviewRoom[];
}
