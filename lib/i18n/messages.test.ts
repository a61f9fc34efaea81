import { describe, expect, it } from "vitest";
import { errorMessage, message, problems } from "./messages";

describe("the catalog outside a page", () => {
  it("fills the parameters it is given", () => {
    expect(message("error.invalid_room_id.too_long", { maxBytes: 48, bytes: 51 })).toBe("A RoomId is at most 48 bytes of UTF-8; this one is 51.");
    expect(message("error.invalid_room_id.too_long", { maxBytes: 48, bytes: 51 }, "zh-CN")).toBe("RoomId 最长 48 字节（UTF-8），此 RoomId 为 51 字节。");
    // Braces that are text, quoted in the ICU message, come out as braces.
    expect(message("error.invalid_room_id.body")).toBe('Send a JSON body such as {"roomId": "live-room"}.');
  });

  it("words an API error by its code, narrowed by a reason it knows, in the language asked for", () => {
    expect(errorMessage("rate_limited")).toBe("Too many lookups right now. Try again shortly.");
    expect(errorMessage("rate_limited", {}, "zh-CN")).toBe("当前查询过多，请稍后重试。");
    expect(errorMessage("forbidden", { reason: "watched_only", role: "viewer" })).toMatch(/^Your role \(viewer\) may see only rooms on the watchlist/);
    expect(errorMessage("forbidden", { reason: "no_such_reason", role: "viewer" })).toMatch(/^Your role \(viewer\) may not do this/);
    expect(errorMessage("no_such_code")).toBe(errorMessage("internal_error"));
  });

  it("words a recording failure by its code, with Tencent's ErrorCode when there is one", () => {
    const { recordingFailure } = problems("en");
    expect(recordingFailure({ code: "upstream_timeout", upstreamCode: null })).toBe("Tencent did not answer in time");
    expect(recordingFailure({ code: "misconfigured", upstreamCode: 70001 })).toBe("Tencent refused the console's credentials (ErrorCode 70001)");
    expect(recordingFailure({ code: "internal_error", upstreamCode: null })).toBe("The last recording attempt failed");
    expect(problems("zh-CN").recordingFailure({ code: "misconfigured", upstreamCode: 70001 })).toBe("腾讯云拒绝了控制台的凭证（ErrorCode 70001）");
  });
});
