import "server-only";
import { errorBrand } from "@/lib/errors/brand";
import type { ApiErrorBody, ApiErrorCode } from "@/lib/rooms/types";
import { isStorageFailure } from "@/lib/store/store";
import { UpstreamError, type UpstreamErrorKind } from "@/lib/tencent/errors";

// One error shape for the whole API, and the one place that decides what a caller is told. Internal
// messages never reach a response: only these sentences, Tencent's ErrorCode and its RequestId.

const brand = errorBrand("ApiError");

export class ApiError extends Error {
  static is(error: unknown): error is ApiError {
    return brand.is(error);
  }

  constructor(
    readonly status: number,
    readonly code: ApiErrorCode,
    message: string,
    readonly extra: { upstreamCode?: number; requestId?: string; retryAfterMs?: number } = {},
  ) {
    super(message);
    this.name = "ApiError";
    brand.mark(this);
  }
}

const BY_KIND: Record<UpstreamErrorKind, { status: number; code: ApiErrorCode; message: string }> = {
  invalid_request: { status: 400, code: "invalid_room_id", message: "Tencent refused this RoomId as invalid." },
  not_found: { status: 404, code: "room_not_found", message: "This room does not exist or has been dismissed." },
  rate_limited: { status: 429, code: "rate_limited", message: "Too many lookups right now. Try again shortly." },
  upstream: { status: 502, code: "upstream_error", message: "Tencent's service did not answer properly. Try again shortly." },
  timeout: { status: 504, code: "upstream_timeout", message: "Tencent's service did not answer in time. Try again shortly." },
  misconfigured: {
    status: 500,
    code: "misconfigured",
    message: "The console's Tencent credentials or app settings were refused. Contact whoever runs this console.",
  },
};

export function toApiError(error: unknown): ApiError {
  if (ApiError.is(error)) return error;
  if (UpstreamError.is(error)) {
    const mapped = BY_KIND[error.kind];
    return new ApiError(mapped.status, mapped.code, mapped.message, {
      upstreamCode: error.errorCode,
      requestId: error.requestId,
      retryAfterMs: error.kind === "rate_limited" ? (error.retryAfterMs ?? 1000) : undefined,
    });
  }
  if (isStorageFailure(error) && (error.code === "busy" || error.code === "full")) {
    // Locked or full: it passes, and live figures never depended on it. A damaged or unreadable
    // file does not pass by itself: that is a 500, logged for whoever runs the console.
    return new ApiError(503, "storage_unavailable", "Recorded history is unavailable right now (the database is locked or full). Live figures still work; try again shortly.", {
      retryAfterMs: 5000,
    });
  }
  return new ApiError(500, "internal_error", "Something went wrong in the console. Try again; if it persists, contact whoever runs it.");
}

export function errorResponse(error: ApiError): Response {
  const body: ApiErrorBody = {
    error: {
      code: error.code,
      message: error.message,
      ...(error.extra.upstreamCode !== undefined && { upstreamCode: error.extra.upstreamCode }),
      ...(error.extra.requestId && { requestId: error.extra.requestId }),
    },
  };
  const headers: Record<string, string> = { "cache-control": "no-store" };
  if (error.extra.retryAfterMs !== undefined) {
    headers["retry-after"] = String(Math.max(1, Math.ceil(error.extra.retryAfterMs / 1000)));
  }
  return Response.json(body, { status: error.status, headers });
}
