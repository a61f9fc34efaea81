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

  it("refuses control characters anywhere", () => {
    for (const bad of ["a\tb", "room\n", "\u0000", "x\u007fy", "x\u0085", "a\u2028b"]) {
      expect(checkRoomId(bad)).toMatchObject({ ok: false, problem: "control_chars" });
    }
  });

  it("refuses half of a surrogate pair, which is not text", () => {
    expect(checkRoomId("room\ud83d")).toMatchObject({ ok: false, problem: "not_text" });
    expect(checkRoomId("\ude00room")).toMatchObject({ ok: false, problem: "not_text" });
    expect(checkRoomId("room😀").ok).toBe(true);
  });

  it("allows spaces inside an id (Tencent does not forbid them)", () => {
    expect(checkRoomId("my room").ok).toBe(true);
  });
});
