import { describe, expect, it } from "vitest";
import { isMessageKey, message } from "./messages";

describe("message", () => {
  it("fills the parameters it is given and leaves other braces alone", () => {
    expect(message("error.invalid_room_id.too_long", { maxBytes: 48, bytes: 51 })).toBe("A RoomId is at most 48 bytes of UTF-8; this one is 51.");
    expect(message("error.invalid_room_id.body")).toBe('Send a JSON body such as {"roomId": "live-room"}.');
    expect(message("error.invalid_query.too_big", { param: "points" })).toBe("`points` must be at most {maximum}.");
  });

  it("knows its own keys only", () => {
    expect(isMessageKey("error.rate_limited")).toBe(true);
    expect(isMessageKey("error.nonsense")).toBe(false);
    expect(isMessageKey("toString")).toBe(false);
  });
});
