// RoomId rules from Tencent's contract: a non-empty string of at most 48 UTF-8 bytes. Control
// characters are refused as well: they cannot be typed into a ticket and only ever come from bad
// copy-paste or a probing script. Shared by the search box (live feedback) and the API (authority);
// both word a problem from its code (lib/i18n), so the rule itself holds no sentence.

export const ROOM_ID_MAX_BYTES = 48;

export type RoomIdProblem = "empty" | "too_long" | "control_chars" | "not_text";

export type RoomIdCheck =
  | { ok: true; roomId: string; bytes: number }
  | { ok: false; problem: RoomIdProblem; bytes: number; maxBytes: number };

const encoder = new TextEncoder();
// C0, DEL and C1 controls, plus the Unicode line/paragraph separators.
const CONTROL_CHARS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
// Half of a surrogate pair: not text at all. UTF-8 cannot encode it (it would silently become U+FFFD,
// another RoomId) and encodeURIComponent throws on it.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export function utf8Bytes(text: string): number {
  return encoder.encode(text).length;
}

/** Checks a RoomId exactly as given. Callers that accept typed input trim it first. */
export function checkRoomId(roomId: string): RoomIdCheck {
  const bytes = utf8Bytes(roomId);
  const problem: RoomIdProblem | null =
    roomId.length === 0
      ? "empty"
      : LONE_SURROGATE.test(roomId)
        ? "not_text"
        : CONTROL_CHARS.test(roomId)
          ? "control_chars"
          : bytes > ROOM_ID_MAX_BYTES
            ? "too_long"
            : null;
  return problem ? { ok: false, problem, bytes, maxBytes: ROOM_ID_MAX_BYTES } : { ok: true, roomId, bytes };
}
