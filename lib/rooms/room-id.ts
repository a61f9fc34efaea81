// RoomId rules from Tencent's contract: a non-empty string of at most 48 UTF-8 bytes. Control
// characters are refused as well: they cannot be typed into a ticket and only ever come from bad
// copy-paste or a probing script. Shared by the search box (live feedback) and the API (authority).

export const ROOM_ID_MAX_BYTES = 48;

export type RoomIdProblem = "empty" | "too_long" | "control_chars" | "not_text";

export type RoomIdCheck =
  | { ok: true; roomId: string; bytes: number }
  | { ok: false; problem: RoomIdProblem; bytes: number; message: string };

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
  if (roomId.length === 0) {
    return { ok: false, problem: "empty", bytes, message: "Enter a RoomId." };
  }
  if (LONE_SURROGATE.test(roomId)) {
    return { ok: false, problem: "not_text", bytes, message: "A RoomId must be valid Unicode text (it holds half of an emoji or similar character)." };
  }
  if (CONTROL_CHARS.test(roomId)) {
    return {
      ok: false,
      problem: "control_chars",
      bytes,
      message: "A RoomId cannot contain control characters (tabs, line breaks and the like).",
    };
  }
  if (bytes > ROOM_ID_MAX_BYTES) {
    return {
      ok: false,
      problem: "too_long",
      bytes,
      message: `A RoomId is at most ${ROOM_ID_MAX_BYTES} bytes of UTF-8; this one is ${bytes}.`,
    };
  }
  return { ok: true, roomId, bytes };
}
