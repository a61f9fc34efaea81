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
  | "room_not_found"
  | "rate_limited"
  | "upstream_error"
  | "upstream_timeout"
  | "misconfigured"
  | "not_found"
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
