// Browser-side calls to the console's own API (/api/**). Every non-2xx answer becomes an
// ApiRequestError carrying what support staff need: the status, the console's error code, and
// Tencent's ErrorCode and RequestId when Tencent answered. The sentence is the server's (in the
// reader's language) when it sent one; a failure with no answer to read has a code and parameters
// only, which the page words (./error-text.ts).

import type { z } from "zod";
import { apiErrorBodySchema, type ApiErrorCode } from "@/lib/contract/api";

/** Codes for failures that never reached a proper API answer. */
export type ClientErrorCode = "network_error" | "bad_response";

export class ApiRequestError extends Error {
  override readonly name = "ApiRequestError";

  constructor(
    /** HTTP status, or 0 when the console's server could not be reached at all. */
    readonly status: number,
    readonly code: ApiErrorCode | ClientErrorCode,
    /** The API's own sentence for the failure, or null when there was no answer to read one from. */
    readonly serverMessage: string | null,
    readonly upstreamCode?: number,
    readonly requestId?: string,
    /** From a 429's Retry-After header, in ms. */
    readonly retryAfterMs: number | null = null,
    /** For a client code: what the page needs to word it (the HTTP status of an unreadable answer). */
    readonly params: Record<string, string | number> = {},
    /** How an upstream call failed (`http_status`, `bad_body`, `network`...) and the upstream's HTTP status. */
    readonly upstream: { reason?: string; status?: number } = {},
  ) {
    super(serverMessage ?? code);
  }
}

/**
 * Retry-After is either delta-seconds or an HTTP date (RFC 9110 §10.2.3). Returns milliseconds
 * from `now`, or null if absent or unreadable.
 */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | null {
  if (value === null) return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  // An HTTP date always names the day and month; without letters, Date.parse would read "-5" as a year.
  if (!/[a-z]/i.test(trimmed)) return null;
  const at = Date.parse(trimmed);
  if (!Number.isFinite(at)) return null;
  return Math.max(0, at - now);
}

/** Turns a failed response into an ApiRequestError, whatever its body holds. */
export async function toApiRequestError(response: Response, now: number = Date.now()): Promise<ApiRequestError> {
  const retryAfterMs = parseRetryAfter(response.headers.get("retry-after"), now);
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    body = undefined;
  }
  const parsed = apiErrorBodySchema.safeParse(body);
  if (!parsed.success) {
    // Not the console's error shape: a proxy page, a crashed server. Say what we know.
    return new ApiRequestError(response.status, "bad_response", null, undefined, undefined, retryAfterMs, {
      status: `${response.status}${response.statusText ? ` ${response.statusText}` : ""}`,
    });
  }
  const { code, message, upstreamCode, requestId, reason, upstreamStatus } = parsed.data.error;
  return new ApiRequestError(response.status, code as ApiErrorCode, message, upstreamCode, requestId, retryAfterMs, {}, { reason, status: upstreamStatus });
}

/** The console's server could not be reached at all. */
export function networkError(): ApiRequestError {
  return new ApiRequestError(0, "network_error", null);
}

/** GETs a console API path and validates the answer against `schema`. */
export async function getJson<T>(path: string, schema: z.ZodType<T>, init: { signal?: AbortSignal } = {}): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, { signal: init.signal, headers: { accept: "application/json" }, cache: "no-store" });
  } catch (error) {
    // A cancelled query is react-query's business, not a failure to show.
    if (init.signal?.aborted) throw error;
    throw networkError();
  }
  if (!response.ok) throw await toApiRequestError(response);
  const parsed = schema.safeParse(await response.json().catch(() => undefined));
  if (!parsed.success) {
    throw new ApiRequestError(response.status, "bad_response", null);
  }
  return parsed.data;
}

/**
 * Sends a change to a console API path (a JSON body when given) and returns the answer validated
 * against `schema`, or nothing for an answer without a body.
 */
export async function sendJson<T = void>(path: string, init: { method: "POST" | "PATCH" | "DELETE"; body?: unknown; schema?: z.ZodType<T> }): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method: init.method,
      headers: { accept: "application/json", ...(init.body !== undefined && { "content-type": "application/json" }) },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      cache: "no-store",
    });
  } catch {
    throw networkError();
  }
  if (!response.ok) throw await toApiRequestError(response);
  if (!init.schema) return undefined as T;
  const parsed = init.schema.safeParse(await response.json().catch(() => undefined));
  if (!parsed.success) throw new ApiRequestError(response.status, "bad_response", null);
  return parsed.data;
}

/**
 * react-query's retry predicate. A 4xx will answer the same way again (and retrying a 429 is
 * exactly what the limit asks us not to do), so only server-side and network failures are retried.
 */
export function shouldRetry(failureCount: number, error: unknown, maxRetries = 2): boolean {
  if (error instanceof ApiRequestError && error.status >= 400 && error.status < 500) return false;
  return failureCount < maxRetries;
}
