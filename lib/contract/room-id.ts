// RoomId rules from Tencent's contract: a non-empty string of at most 48 UTF-8 bytes. Control,
// format (zero-width, direction-changing, BOM) and separator characters (spaces) are refused as
// well: they cannot be read off a ticket, they make one room look like another in the shared
// watchlist, and they only ever come from bad copy-paste or a probing script. The problem says where
// the hidden character is, since nobody can see it. Shared by the search box (live feedback) and the API (authority);
// both word a problem from its code (lib/i18n), so the rule itself holds no sentence.

export const ROOM_ID_MAX_BYTES = 48;

export type RoomIdProblem = "empty" | "too_long" | "control_chars" | "format_chars" | "separator_chars" | "not_text" | "dot_segment";

export type RoomIdCheck =
  | { ok: true; roomId: string; bytes: number }
  | {
      ok: false;
      problem: RoomIdProblem;
      bytes: number;
      maxBytes: number;
      /** For a hidden character: which one (`U+200B`) and where (1-based, in characters). */
      codePoint?: string;
      position?: number;
    };

const encoder = new TextEncoder();
const HIDDEN: { problem: RoomIdProblem; pattern: RegExp }[] = [
  // C0, DEL and C1 controls.
  { problem: "control_chars", pattern: /\p{Cc}/u },
  // Zero-width spaces and joiners, bidirectional marks and overrides, the BOM, soft hyphens.
  { problem: "format_chars", pattern: /\p{Cf}/u },
  // Spaces of every width, and the line and paragraph separators.
  { problem: "separator_chars", pattern: /\p{Z}/u },
];
// Half of a surrogate pair: not text at all. UTF-8 cannot encode it (it would silently become U+FFFD,
// another RoomId) and encodeURIComponent throws on it.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export function utf8Bytes(text: string): number {
  return encoder.encode(text).length;
}

/** Any of them at all: one test decides the common case before the loop that finds which and where. */
const ANY_HIDDEN = /[\p{Cc}\p{Cf}\p{Z}]/u;

/** The first hidden character of `text`, by kind, with its code point and 1-based position. */
function hiddenCharacter(text: string): { problem: RoomIdProblem; codePoint: string; position: number } | null {
  if (!ANY_HIDDEN.test(text)) return null;
  let position = 0;
  for (const char of text) {
    position += 1;
    const hidden = HIDDEN.find((h) => h.pattern.test(char));
    if (hidden) return { problem: hidden.problem, codePoint: `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`, position };
  }
  return null;
}

/**
 * Checks a RoomId exactly as given: nothing is trimmed or normalised anywhere a RoomId enters, so
 * the room asked for is the room looked up, watched and recorded. The search box trims what is
 * typed before it checks.
 */
export function checkRoomId(roomId: string): RoomIdCheck {
  const bytes = utf8Bytes(roomId);
  const failed = (problem: RoomIdProblem, extra: { codePoint?: string; position?: number } = {}): RoomIdCheck => ({
    ok: false,
    problem,
    bytes,
    maxBytes: ROOM_ID_MAX_BYTES,
    ...extra,
  });
  if (roomId.length === 0) return failed("empty");
  // "." and ".." cannot be addressed in a URL: browsers and servers resolve them as path steps.
  if (roomId === "." || roomId === "..") return failed("dot_segment");
  if (LONE_SURROGATE.test(roomId)) return failed("not_text");
  const hidden = hiddenCharacter(roomId);
  if (hidden) return failed(hidden.problem, { codePoint: hidden.codePoint, position: hidden.position });
  if (bytes > ROOM_ID_MAX_BYTES) return failed("too_long");
  return { ok: true, roomId, bytes };
}

/** A refused RoomId as the parameters of its message (`reason` names the rule). */
export function roomIdProblemParams(check: Extract<RoomIdCheck, { ok: false }>): Record<string, string | number> & { reason: RoomIdProblem } {
  return {
    reason: check.problem,
    bytes: check.bytes,
    maxBytes: check.maxBytes,
    ...(check.codePoint !== undefined && { codePoint: check.codePoint }),
    ...(check.position !== undefined && { position: check.position }),
  };
}
