// The sentences a person reads, keyed by code, in English: the API's error messages and the
// problems the pages word from codes that lib/ returns. lib/ logic never builds a sentence; it
// returns a code and its parameters, and whoever shows it looks the code up here. `{name}` is filled
// from the parameters, as ICU messages (next-intl) are, so a second language is a second table.

import { roomIdProblemParams, type RoomIdCheck } from "@/lib/contract/room-id";

const en = {
  // The API's error codes (lib/contract/api.ts), narrowed by a reason where one is given;
  // lib/api/errors.ts picks the status.
  "error.invalid_room_id": "Tencent refused this RoomId as invalid.",
  // The RoomId rules (lib/contract/room-id.ts), for the search box and the API alike.
  "error.invalid_room_id.empty": "Enter a RoomId.",
  "error.invalid_room_id.not_text": "A RoomId must be valid Unicode text (it holds half of an emoji or similar character).",
  "error.invalid_room_id.control_chars": "A RoomId cannot contain control characters (tabs, line breaks and the like): {codePoint} at character {position}.",
  "error.invalid_room_id.format_chars":
    "A RoomId cannot contain invisible formatting characters (zero-width, direction marks, BOM): {codePoint} at character {position}.",
  "error.invalid_room_id.separator_chars": "A RoomId cannot contain spaces or line separators: {codePoint} at character {position}.",
  "error.invalid_room_id.too_long": "A RoomId is at most {maxBytes} bytes of UTF-8; this one is {bytes}.",
  "error.invalid_room_id.dot_segment": "A RoomId cannot be “.” or “..”: no address can name such a room.",
  "error.invalid_room_id.body": 'Send a JSON body such as {"roomId": "live-room"}.',
  "error.invalid_room_id.segment": "The RoomId in the URL is not valid percent-encoding.",
  "error.invalid_query": "`{param}` is not valid here.",
  "error.invalid_query.iso_time": "`{param}` must be an ISO 8601 time, such as 2026-11-25T18:00:00Z.",
  "error.invalid_query.number": "`{param}` must be a number.",
  "error.invalid_query.repeated": "`{param}` is given more than once; give it once.",
  "error.invalid_query.whole_number": "`{param}` must be a whole number.",
  "error.invalid_query.too_small": "`{param}` must be at least {minimum}.",
  "error.invalid_query.too_big": "`{param}` must be at most {maximum}.",
  "error.invalid_query.from_after_to": "`from` must not be after `to`.",
  "error.invalid_query.watchlist_only": "Ask for the watchlist overview with ?watchlist=1.",
  "error.room_not_found": "This room does not exist or has been dismissed.",
  "error.rate_limited": "Too many lookups right now. Try again shortly.",
  "error.upstream_error": "Tencent's service did not answer properly. Try again shortly.",
  "error.upstream_timeout": "Tencent's service did not answer in time. Try again shortly.",
  "error.misconfigured": "The console's Tencent credentials or app settings were refused. Contact whoever runs this console.",
  "error.not_found": "There is nothing at this address.",
  "error.storage_unavailable":
    "Recorded history is unavailable right now (the database is locked, full or write-protected). Live figures still work; try again shortly.",
  "error.internal_error": "Something went wrong in the console. Try again; if it persists, contact whoever runs it.",
  "error.invalid_request": "This request is malformed.",
  "error.invalid_request.host": "The request's Host header is not a valid host name.",
  "error.invalid_request.dot_segment": "The address holds a “.” or “..” step, which no route takes.",
  "error.invalid_body": "The request body is not valid here.",
  "error.invalid_body.not_json": "Send the body as JSON.",
  "error.invalid_body.not_utf8": "The request body is not valid UTF-8 text.",
  "error.invalid_body.shape": "`{param}` is missing or not valid here.",
  "error.invalid_body.token_name": "A token name is 1 to 64 letters, digits, dots, dashes or underscores, starting with a letter or digit.",
  "error.invalid_body.token_expiry": "A token's expiry must be in the future.",
  "error.invalid_body.password_length": "A password is {minimum} to {maximum} characters long.",
  "error.unsupported_media_type": "Send the body with Content-Type: application/json.",
  "error.payload_too_large": "The request body is larger than this console accepts ({maxBytes} bytes).",
  "error.method_not_allowed": "This address does not accept {method} requests.",
  "error.unauthenticated": "Sign in, or send an API token as Authorization: Bearer <token>.",
  "error.unauthenticated.token_unknown": "This API token is not valid. Check it, or ask an admin for a new one.",
  "error.unauthenticated.token_revoked": "This API token has been revoked. Ask an admin for a new one.",
  "error.unauthenticated.token_expired": "This API token has expired. Ask an admin for a new one.",
  "error.unauthenticated.session_expired": "Your session has ended. Sign in again.",
  "error.invalid_credentials": "The email or password is not right. Check both and try again.",
  "error.forbidden": "Your role ({role}) may not do this. Ask an admin if you need to.",
  "error.forbidden.watched_only": "Your role ({role}) may see only rooms on the watchlist. Ask an ops member to add this room.",
  "error.cross_origin": "This change must come from the console's own pages.",
  "error.conflict": "This conflicts with the current state. Reload and try again.",
  "error.conflict.last_admin": "This is the last admin: make someone else an admin first.",
  "error.conflict.email_taken": "An account with this email already exists.",
  "error.conflict.token_name_taken": "A live token named {name} already exists. Pick another name or revoke it first.",
  "error.not_found.user": "There is no such user.",
  "error.not_found.token": "There is no live token of that name.",
  "error.quota_exceeded": "You have made too many requests in the last minute. Try again in {retryAfterS} s.",
  "error.sign_in_throttled": "Too many failed sign-ins. Wait {retryAfterS} s, then try again, or ask an admin to reset your password.",

  // Signing in (app/sign-in).
  "auth.sso_failed": "Single sign-on did not complete. Try again, or sign in with your email and password.",

  // Failures the browser meets before any API answer (lib/queries/api-client.ts).
  "client.network_error": "Could not reach the Roomscope server. Check your connection.",
  "client.bad_status": "The console's server answered {status} without an explanation.",
  "client.bad_body": "The console's server sent an answer this page does not understand.",

  // The storage failure behind /api/health's storeError (lib/store).
  "storage.busy": "The history database is locked by another program; samples are not being saved.",
  "storage.full": "The disk holding the history database is full; samples are not being saved.",
  "storage.read_only": "The history database is write-protected (permissions or a read-only disk); samples are not being saved.",
  "storage.unreachable": "The history database server cannot be reached; samples are held and written when it is back.",
  "storage.io": "The history database cannot be read or written (permissions, an I/O error, or a refused login).",
  "storage.corrupt": "The history database is damaged.",

  // Why the recorder's latest attempt at a room failed, by API code: labels in the watchlist's status
  // column, so without a full stop.
  "recording.failed": "The last recording attempt failed",
  "recording.room_not_found": "Tencent no longer knows this room",
  "recording.rate_limited": "Held back by the rate limit",
  "recording.upstream_error": "Tencent did not answer properly",
  "recording.upstream_timeout": "Tencent did not answer in time",
  "recording.misconfigured": "Tencent refused the console's credentials",
  "recording.storage_unavailable": "The sample could not be saved",
  "recording.with_code": "{reason} (ErrorCode {upstreamCode})",

  // A custom time window typed by an operator (lib/history/range.ts).
  "window.start_missing": "Enter the start as a date and time.",
  "window.end_missing": "Enter the end as a date and time.",
  "window.start_after_end": "The start must be before the end.",

  // Rooms to compare (lib/history/compare.ts).
  "compare.too_few": "Choose at least {min} rooms to compare.",
  "compare.too_many": "Compare at most {max} rooms at a time.",
  "compare.bad_room": "“{roomId}”: {problem}",
} as const;

export type MessageKey = keyof typeof en;
export type MessageParams = Record<string, string | number>;

export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(en, key);
}

/** The sentence for an API error code, narrowed by `params.reason` where the table has one. */
export function errorMessage(code: string, params: MessageParams & { reason?: string } = {}): string {
  const specific = `error.${code}.${params.reason}`;
  if (params.reason !== undefined && isMessageKey(specific)) return message(specific, params);
  const general = `error.${code}`;
  return message(isMessageKey(general) ? general : "error.internal_error", params);
}

/** Why a RoomId was refused (lib/contract/room-id.ts), as the API and the search box say it. */
export function roomIdProblem(check: Extract<RoomIdCheck, { ok: false }>): string {
  return errorMessage("invalid_room_id", roomIdProblemParams(check));
}

/** Why recording a room failed, short enough for a table cell, with Tencent's ErrorCode when it gave one. */
export function recordingFailure(failure: { code: string; upstreamCode: number | null }): string {
  const key = `recording.${failure.code}`;
  const reason = message(isMessageKey(key) ? key : "recording.failed");
  return failure.upstreamCode === null ? reason : message("recording.with_code", { reason, upstreamCode: failure.upstreamCode });
}

/** Why a typed time window was refused (lib/history/range.ts). */
export function windowProblem(problem: "start_missing" | "end_missing" | "start_after_end"): string {
  return message(`window.${problem}`);
}

/** Why a list of rooms cannot be compared (lib/history/compare.ts). */
export function comparedRoomsProblem(
  p: { problem: "bad_room"; roomId: string; check: Extract<RoomIdCheck, { ok: false }> } | { problem: "too_few"; min: number } | { problem: "too_many"; max: number },
): string {
  switch (p.problem) {
    case "bad_room":
      return message("compare.bad_room", { roomId: p.roomId, problem: roomIdProblem(p.check) });
    case "too_few":
      return message("compare.too_few", { min: p.min });
    case "too_many":
      return message("compare.too_many", { max: p.max });
  }
}

/** The sentence for `key`, with each `{name}` that `params` has filled in. */
export function message(key: MessageKey, params: MessageParams = {}): string {
  return en[key].replace(/\{(\w+)\}/g, (whole, name: string) => (Object.hasOwn(params, name) ? String(params[name]) : whole));
}
