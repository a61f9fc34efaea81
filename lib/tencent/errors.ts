import "server-only";
import type { ApiErrorCode } from "@/lib/contract/api";
import { errorBrand } from "@/lib/errors/brand";

// What each of Tencent's error codes means for the console: whether a retry can succeed, and which
// of the API's error codes it becomes. The table follows Tencent's documented error codes for the
// REST API; anything not listed is treated as an upstream error that a retry will not fix.

export type UpstreamErrorKind =
  /** Tencent refused the RoomId (100002). */
  | "invalid_request"
  /** The room does not exist or was dismissed (100004). */
  | "not_found"
  /** Tencent's rate limit, or our own budget said no. */
  | "rate_limited"
  /** The credential or app configuration is wrong; a person has to fix it. */
  | "misconfigured"
  /** Tencent failed or answered something unreadable. */
  | "upstream"
  /** No answer in time. */
  | "timeout";

/** The console's API code for each kind: what the operator is told, and what a recording failure records. */
const API_CODE: Record<UpstreamErrorKind, ApiErrorCode> = {
  invalid_request: "invalid_room_id",
  not_found: "room_not_found",
  rate_limited: "rate_limited",
  misconfigured: "misconfigured",
  upstream: "upstream_error",
  timeout: "upstream_timeout",
};

export type RetryPolicy = "never" | "backoff" | "slow_down" | "new_usersig";

export interface CodeRule {
  kind: UpstreamErrorKind;
  retry: RetryPolicy;
}

// 100012: "operation frequency over limit" in Tencent's message table for the live engine.
const RATE_LIMIT_CODES = new Set([60007, 60011, 60018, 60019, 100012]);
const TRANSIENT_CODES = new Set([100001, 70169, 70202, 70500]);
const USERSIG_STALE_CODES = new Set([70001, 70052]);

export function ruleForCode(code: number): CodeRule {
  if (code === 100002) return { kind: "invalid_request", retry: "never" };
  if (code === 100004) return { kind: "not_found", retry: "never" };
  if (RATE_LIMIT_CODES.has(code)) return { kind: "rate_limited", retry: "slow_down" };
  if (TRANSIENT_CODES.has(code)) return { kind: "upstream", retry: "backoff" };
  // Tencent's own timeout (it also means "malformed request", which a retry would repeat) and its
  // failure to read its own answer: reported, not retried.
  if (code === 60008) return { kind: "timeout", retry: "never" };
  if (code === 60013) return { kind: "upstream", retry: "never" };
  if (USERSIG_STALE_CODES.has(code)) return { kind: "misconfigured", retry: "new_usersig" };
  // 60002-60006, 60009-60012, 60016, 60017, 60020, 60021 and the rest of 70xxx: the URL, the app,
  // the account or the key is wrong. Retrying cannot help and hammers a verifier that locks the
  // app out after repeated failures (70050).
  if ((code >= 60002 && code <= 60021 && code !== 60003) || (code >= 70000 && code <= 79999)) {
    return { kind: "misconfigured", retry: "never" };
  }
  // 60003 (our JSON was refused) and unknown codes: an upstream problem, not the operator's.
  return { kind: "upstream", retry: "never" };
}

/**
 * What exactly went wrong, for the kinds that can fail in more than one way. An operator acts
 * differently on each (a gateway page points at whatever sits in front of Tencent, a refused
 * connection at the network or the base URL, a cut-off answer at Tencent itself), so the API says
 * which (lib/contract/api.ts `reason`).
 */
export const UPSTREAM_REASONS = [
  /** A non-200 HTTP answer, usually a gateway's page rather than Tencent's API: see httpStatus. */
  "http_status",
  /** HTTP 200 whose body is not the documented JSON (cut off, or not JSON at all). */
  "bad_body",
  /** A success answer without the figures. */
  "no_figures",
  /** No connection, or one dropped before an answer: refused, reset, DNS. */
  "network",
  /** Tencent answered with an ErrorCode of its own: see errorCode. */
  "tencent_code",
] as const;
export type UpstreamReason = (typeof UPSTREAM_REASONS)[number];

export interface UpstreamErrorDetails {
  kind: UpstreamErrorKind;
  /** How it failed, where the kind alone does not say. */
  reason?: UpstreamReason;
  /** Tencent's ErrorCode, when Tencent answered with one. */
  errorCode?: number;
  /** Tencent's ErrorInfo. For logs only: it can describe the credential. */
  errorInfo?: string;
  /** Tencent's RequestId, when it gave one. */
  requestId?: string;
  /** HTTP status of a non-200 answer. */
  httpStatus?: number;
  /** When a retry may succeed, for Retry-After. */
  retryAfterMs?: number;
  /** True when the refusal came from the console's own budget, before Tencent saw anything. */
  fromBudget?: boolean;
}

export type UpstreamErrorData = UpstreamErrorDetails & { message: string };

const brand = errorBrand("UpstreamError");

/**
 * Every failure of an upstream call. The message is safe to log: it never contains the signed URL,
 * the UserSig or the key.
 */
export class UpstreamError extends Error implements UpstreamErrorDetails {
  readonly kind: UpstreamErrorKind;
  readonly reason?: UpstreamReason;
  readonly errorCode?: number;
  readonly errorInfo?: string;
  readonly requestId?: string;
  readonly httpStatus?: number;
  readonly retryAfterMs?: number;
  readonly fromBudget?: boolean;

  static is(error: unknown): error is UpstreamError {
    return brand.is(error);
  }

  get code(): ApiErrorCode {
    return API_CODE[this.kind];
  }

  /** As plain data, for a cache that may live outside this process. */
  toData(): UpstreamErrorData {
    const { kind, reason, errorCode, errorInfo, requestId, httpStatus, retryAfterMs, fromBudget } = this;
    return { message: this.message, kind, reason, errorCode, errorInfo, requestId, httpStatus, retryAfterMs, fromBudget };
  }

  static fromData({ message, ...details }: UpstreamErrorData): UpstreamError {
    return new UpstreamError(message, details);
  }

  constructor(message: string, details: UpstreamErrorDetails) {
    super(message);
    this.name = "UpstreamError";
    brand.mark(this);
    Object.assign(this, details);
    this.kind = details.kind;
  }
}
