import "server-only";
import type { ZodError } from "zod";
import type { ApiErrorBody, ApiErrorCode } from "@/lib/contract/api";
import { DomainError, type DomainErrorParams } from "@/lib/errors/domain-error";
import type { UiLocale } from "@/lib/i18n/locales";
import { errorMessage } from "@/lib/i18n/messages";
import { isStorageFailure } from "@/lib/store/store";
import { UpstreamError } from "@/lib/tencent/errors";
import { json, toResponse, type ApiAnswer } from "./answer";
import { apiSecurityHeaders } from "./request-guards";

// One error shape for the whole API, and the one place that decides what a caller is told: every
// failure (a domain error, an upstream one, the storage's, a zod issue, a bug) becomes a code, an
// HTTP status from the table below and a sentence from lib/i18n. Internal messages never reach a
// response: only those sentences, Tencent's ErrorCode and its RequestId.

const STATUS: Record<ApiErrorCode, number> = {
  invalid_room_id: 400,
  invalid_query: 400,
  room_not_found: 404,
  not_found: 404,
  rate_limited: 429,
  misconfigured: 500,
  internal_error: 500,
  upstream_error: 502,
  storage_unavailable: 503,
  upstream_timeout: 504,
  invalid_request: 400,
  invalid_body: 400,
  unsupported_media_type: 415,
  payload_too_large: 413,
  method_not_allowed: 405,
  unauthenticated: 401,
  invalid_credentials: 401,
  forbidden: 403,
  cross_origin: 403,
  conflict: 409,
  quota_exceeded: 429,
  sign_in_throttled: 429,
};

/** What a failed request is answered with. */
export interface ApiFailure {
  status: number;
  code: ApiErrorCode;
  message: string;
  upstreamCode?: number;
  requestId?: string;
  /** How an upstream call failed (lib/tencent/errors.ts UPSTREAM_REASONS). */
  reason?: string;
  upstreamStatus?: number;
  retryAfterMs?: number;
}

function failure(locale: UiLocale, code: ApiErrorCode, params: DomainErrorParams = {}, extra: Partial<ApiFailure> = {}): ApiFailure {
  return { status: STATUS[code], code, message: errorMessage(code, params, locale), ...extra };
}

/**
 * The first zod issue as the parameter at fault and the rule it broke (the schema's own error text),
 * for lib/api/parse.ts. A zod failure anywhere else is the server's own bug, so a 500.
 */
export function zodParams(error: ZodError): DomainErrorParams & { reason?: string } {
  const issue = error.issues[0];
  if (!issue) return {};
  const params: DomainErrorParams & { reason?: string } = { param: issue.path.map(String).join(".") || "value", reason: issue.message };
  if ("minimum" in issue) params.minimum = Number(issue.minimum);
  if ("maximum" in issue) params.maximum = Number(issue.maximum);
  return params;
}

/** The failure as the caller is told it, its sentence in `locale` (the request's, lib/i18n/negotiate.ts). */
export function toApiFailure(error: unknown, locale: UiLocale = "en"): ApiFailure {
  if (DomainError.is(error)) {
    const retryAfterMs = error.params.retryAfterMs;
    return failure(locale, error.code, error.params, typeof retryAfterMs === "number" ? { retryAfterMs } : {});
  }
  if (UpstreamError.is(error)) {
    // The reason words the sentence (error.upstream_error.<reason> in the catalog) and travels as a
    // code too, for a script or a page to tell a gateway's page from a refused connection.
    const params = { ...(error.reason && { reason: error.reason }), ...(error.httpStatus !== undefined && { status: error.httpStatus }),
      ...(error.errorCode !== undefined && { upstreamCode: error.errorCode }),
    };
    return failure(locale, error.code, params, {
      upstreamCode: error.errorCode,
      requestId: error.requestId,
      reason: error.reason,
      upstreamStatus: error.httpStatus,
      retryAfterMs: error.kind === "rate_limited" ? (error.retryAfterMs ?? 1000) : undefined,
    });
  }
  if (isStorageFailure(error) && (error.code === "busy" || error.code === "full" || error.code === "read_only" || error.code === "unreachable")) {
    // Locked, full, write-protected or out of reach: the data is there; it passes once someone frees
    // the lock, the disk or the permission, or the server is back, and live figures never depended
    // on it. A damaged
    // or unreadable file does not pass by itself: that is a 500, logged for whoever runs the console.
    return failure(locale, "storage_unavailable", {}, { retryAfterMs: 5000 });
  }
  return failure(locale, "internal_error");
}

/** The one error shape's object: in an error answer, or in a success that reports a failure of part of it (a listing that stopped part way). */
export function errorBody(error: ApiFailure): ApiErrorBody["error"] {
  return {
    code: error.code,
    message: error.message,
    ...(error.upstreamCode !== undefined && { upstreamCode: error.upstreamCode }),
    ...(error.requestId && { requestId: error.requestId }),
    ...(error.reason && { reason: error.reason }),
    ...(error.upstreamStatus !== undefined && { upstreamStatus: error.upstreamStatus }),
  };
}

/** The one error shape, as an answer (withApi and the direct lane) or a Response (proxy.ts). */
export function errorAnswer(error: ApiFailure): ApiAnswer {
  const body: ApiErrorBody = { error: errorBody(error) };
  const headers: Record<string, string> = { "cache-control": "no-store", ...apiSecurityHeaders(false) };
  if (error.retryAfterMs !== undefined) {
    headers["retry-after"] = String(Math.max(1, Math.ceil(error.retryAfterMs / 1000)));
  }
  return json(body, { status: error.status, headers });
}

export function errorResponse(error: ApiFailure): Response {
  return toResponse(errorAnswer(error));
}
