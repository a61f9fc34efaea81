import { describe, expect, it } from "vitest";
import { isMessageKey, message, recordingFailure } from "./messages";

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

  it("words a recording failure by its code, with Tencent's ErrorCode when there is one", () => {
    expect(recordingFailure({ code: "upstream_timeout", upstreamCode: null })).toBe("Tencent did not answer in time");
    expect(recordingFailure({ code: "misconfigured", upstreamCode: 70001 })).toBe("Tencent refused the console's credentials (ErrorCode 70001)");
    expect(recordingFailure({ code: "internal_error", upstreamCode: null })).toBe("The last recording attempt failed");
  });
});
