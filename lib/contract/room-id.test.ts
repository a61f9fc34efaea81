import { describe, expect, it } from "vitest";
import { checkRoomId, utf8Bytes } from "./room-id";

describe("checkRoomId", () => {
  it("accepts an ordinary id and reports its size", () => {
    expect(checkRoomId("live-room")).toEqual({ ok: true, roomId: "live-room", bytes: 9 });
  });

  it("refuses the empty string", () => {
    expect(checkRoomId("")).toMatchObject({ ok: false, problem: "empty" });
  });

  it("counts UTF-8 bytes, not characters", () => {
    // 16 CJK characters are 48 bytes: allowed; 17 are 51: refused.
    const ok = "直".repeat(16);
    const tooLong = "直".repeat(17);
    expect(utf8Bytes(ok)).toBe(48);
    expect(checkRoomId(ok).ok).toBe(true);
    expect(checkRoomId(tooLong)).toMatchObject({ ok: false, problem: "too_long", bytes: 51 });
    expect(checkRoomId("a".repeat(48)).ok).toBe(true);
    expect(checkRoomId("a".repeat(49)).ok).toBe(false);
    // An emoji is 4 bytes though it is 2 UTF-16 code units.
    expect(checkRoomId("😀".repeat(12)).ok).toBe(true);
    expect(checkRoomId("😀".repeat(13)).ok).toBe(false);
  });

  it("refuses control characters anywhere, saying which and where", () => {
    for (const bad of ["a\tb", "room\n", "\u0000", "x\u007fy", "x\u0085"]) {
      expect(checkRoomId(bad)).toMatchObject({ ok: false, problem: "control_chars" });
    }
    expect(checkRoomId("ab\tc")).toMatchObject({ codePoint: "U+0009", position: 3 });
  });

  it("refuses invisible format characters that make one room look like another", () => {
    // Zero-width space, joiner and non-joiner, right-to-left override and mark, BOM, soft hyphen.
    for (const hidden of ["\u200b", "\u200d", "\u200c", "\u202e", "\u200f", "\ufeff", "\u00ad"]) {
      expect(checkRoomId(`demo${hidden}quiet`)).toMatchObject({ ok: false, problem: "format_chars", position: 5 });
    }
    // Counted in characters, not UTF-16 units: an emoji before it is one character.
    expect(checkRoomId("😀\u200bx")).toMatchObject({ problem: "format_chars", codePoint: "U+200B", position: 2 });
  });

  it("refuses spaces and separators of every kind", () => {
    for (const space of [" ", "\u00a0", "\u3000", "\u2009", "\u2028", "\u2029"]) {
      expect(checkRoomId(`my${space}room`)).toMatchObject({ ok: false, problem: "separator_chars", position: 3 });
    }
  });

  it("refuses half of a surrogate pair, which is not text", () => {
    expect(checkRoomId("room\ud83d")).toMatchObject({ ok: false, problem: "not_text" });
    expect(checkRoomId("\ude00room")).toMatchObject({ ok: false, problem: "not_text" });
    expect(checkRoomId("room😀").ok).toBe(true);
  });

  it("takes visible Unicode as it is", () => {
    for (const ok of ["直播间-1", "ルーム_01", "room.🎉", "Ünïcödé"]) expect(checkRoomId(ok).ok).toBe(true);
  });
});
