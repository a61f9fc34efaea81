import { describe, expect, it } from "vitest";
import { decodeRoomParam, DEFAULT_REPORT_VIEW, DEFAULT_ROOM_VIEW, parseReportSearchParams, parseRoomSearchParams, reportHref, roomHref, roomSearchString } from "./room-view-state";

describe("parseRoomSearchParams", () => {
  it("defaults when empty", () => {
    expect(parseRoomSearchParams({})).toEqual(DEFAULT_ROOM_VIEW);
    expect(parseRoomSearchParams(new URLSearchParams())).toEqual(DEFAULT_ROOM_VIEW);
  });

  it("reads valid values", () => {
    expect(parseRoomSearchParams(new URLSearchParams("interval=30&paused=1&metric=totalLikesReceived"))).toEqual({
      interval: 30,
      paused: true,
      metric: "totalLikesReceived",
      range: "1h",
      custom: null,
      chart: "totals",
      rateWindow: "1m",
      kiosk: false,
    });
    expect(parseRoomSearchParams({ kiosk: "1" }).kiosk).toBe(true);
    expect(parseRoomSearchParams({ kiosk: "nope" }).kiosk).toBe(false);
    expect(parseRoomSearchParams({ interval: ["10", "60"], paused: "true" })).toMatchObject({ interval: 10, paused: true });
  });

  it("falls back on junk", () => {
    expect(parseRoomSearchParams({ interval: "1", paused: "yes", metric: "revenue" })).toEqual(DEFAULT_ROOM_VIEW);
    expect(parseRoomSearchParams({ interval: "abc" }).interval).toBe(DEFAULT_ROOM_VIEW.interval);
    expect(parseRoomSearchParams({ interval: "0.5" }).interval).toBe(DEFAULT_ROOM_VIEW.interval);
    expect(parseRoomSearchParams({ interval: "" }).interval).toBe(DEFAULT_ROOM_VIEW.interval);
  });
});

describe("roomSearchString", () => {
  it("leaves defaults out", () => {
    expect(roomSearchString(DEFAULT_ROOM_VIEW)).toBe("");
    expect(roomSearchString({ ...DEFAULT_ROOM_VIEW, interval: 10 })).toBe("?interval=10");
    expect(roomSearchString({ ...DEFAULT_ROOM_VIEW, interval: 2, paused: true, metric: "totalMsgCount" })).toBe("?interval=2&paused=1&metric=totalMsgCount");
  });

  it("round-trips", () => {
    const state = { interval: 60, paused: true, metric: "totalGiftCoins", range: "24h", custom: null, chart: "rates", rateWindow: "15m", kiosk: true } as const;
    expect(parseRoomSearchParams(new URLSearchParams(roomSearchString(state)))).toEqual(state);
  });

  it("carries a custom range's window as ISO times, and only for range=custom", () => {
    const custom = { from: Date.parse("2026-11-25T18:00:00.000Z"), to: Date.parse("2026-11-25T19:30:00.000Z") };
    const search = roomSearchString({ ...DEFAULT_ROOM_VIEW, range: "custom", custom });
    expect(search).toBe("?range=custom&from=2026-11-25T18%3A00%3A00.000Z&to=2026-11-25T19%3A30%3A00.000Z");
    expect(parseRoomSearchParams(new URLSearchParams(search))).toMatchObject({ range: "custom", custom });
    expect(roomSearchString({ ...DEFAULT_ROOM_VIEW, range: "6h", custom })).toBe("?range=6h");
  });
});

describe("a custom range in a link", () => {
  it("accepts times with an offset", () => {
    const view = parseRoomSearchParams({ range: "custom", from: "2026-11-25T18:00:00+08:00", to: "2026-11-25T20:00:00+08:00" });
    expect(view.custom).toEqual({ from: Date.parse("2026-11-25T10:00:00Z"), to: Date.parse("2026-11-25T12:00:00Z") });
  });

  it("falls back to the default range when the window is missing, junk or backwards", () => {
    for (const params of [
      { range: "custom" },
      { range: "custom", from: "2026-11-25T18:00:00Z" },
      { range: "custom", from: "yesterday", to: "2026-11-25T18:00:00Z" },
      { range: "custom", from: "2026-11-25T19:00:00Z", to: "2026-11-25T18:00:00Z" },
      { range: "custom", from: "2026-11-25T18:00:00Z", to: "2026-11-25T18:00:00Z" },
    ]) {
      expect(parseRoomSearchParams(params)).toMatchObject({ range: DEFAULT_ROOM_VIEW.range, custom: null });
    }
  });

  it("ignores a window without range=custom", () => {
    expect(parseRoomSearchParams({ range: "6h", from: "2026-11-25T18:00:00Z", to: "2026-11-25T19:00:00Z" })).toMatchObject({ range: "6h", custom: null });
  });
});

describe("roomHref", () => {
  it("encodes the RoomId as one segment", () => {
    expect(roomHref("abc")).toBe("/rooms/abc");
    expect(roomHref("a/b?c#%")).toBe("/rooms/a%2Fb%3Fc%23%25");
    expect(roomHref("直播", { interval: 10 })).toBe("/rooms/%E7%9B%B4%E6%92%AD?interval=10");
  });

  it("puts the report under the same encoded segment", () => {
    expect(reportHref("a/b?c#%")).toBe("/rooms/a%2Fb%3Fc%23%25/report");
    expect(reportHref("a/b", { rateWindow: "5m" })).toBe("/rooms/a%2Fb/report?rateWindow=5m");
    expect(reportHref("a", { rateWindow: "1m" })).toBe("/rooms/a/report");
  });
});

describe("decodeRoomParam", () => {
  it("undoes roomHref's encoding exactly once", () => {
    for (const id of ["abc", "a/b?c#%", "50%25off", "直播间-1", "a b"]) {
      expect(decodeRoomParam(roomHref(id).slice("/rooms/".length))).toBe(id);
    }
  });

  it("takes malformed encoding literally", () => {
    expect(decodeRoomParam("100%")).toBe("100%");
    expect(decodeRoomParam("%E0%A4%A")).toBe("%E0%A4%A");
  });
});

describe("the rate window in the URL", () => {
  it("keeps 1m, 5m or 15m on the room page and the report, and falls back to 1m on junk", () => {
    expect(parseRoomSearchParams({ chart: "rates", rateWindow: "5m" })).toMatchObject({ chart: "rates", rateWindow: "5m" });
    expect(roomSearchString({ ...DEFAULT_ROOM_VIEW, chart: "rates", rateWindow: "15m" })).toBe("?chart=rates&rateWindow=15m");
    expect(roomSearchString({ ...DEFAULT_ROOM_VIEW, rateWindow: "1m" })).toBe("");
    expect(parseRoomSearchParams({ rateWindow: "2m" }).rateWindow).toBe("1m");
    expect(parseReportSearchParams(new URLSearchParams("rateWindow=15m"))).toMatchObject({ rateWindow: "15m" });
    expect(parseReportSearchParams({ rateWindow: ["5m", "15m"] })).toMatchObject({ rateWindow: "5m" });
    expect(parseReportSearchParams({ rateWindow: "5M" })).toMatchObject({ rateWindow: "1m" });
    expect(parseReportSearchParams({})).toEqual(DEFAULT_REPORT_VIEW);
  });
});

describe("the report's time controls in the URL", () => {
  const from = Date.parse("2026-12-01T10:00:00.000Z");
  const to = Date.parse("2026-12-01T10:20:00.000Z");

  it("covers the whole recording by default and keeps a zoomed window, the refresh and pause", () => {
    expect(reportHref("r 1")).toBe("/rooms/r%201/report");
    const href = reportHref("r", { range: "custom", custom: { from, to }, refresh: 60, paused: true, rateWindow: "5m" });
    expect(href).toBe("/rooms/r/report?rateWindow=5m&range=custom&from=2026-12-01T10%3A00%3A00.000Z&to=2026-12-01T10%3A20%3A00.000Z&refresh=60&paused=1");
    expect(parseReportSearchParams(new URLSearchParams(href.split("?")[1]))).toEqual({ rateWindow: "5m", range: "custom", custom: { from, to }, refresh: 60, paused: true });
  });

  it("falls back to the whole recording for a custom range without a window, and to the default refresh on junk", () => {
    expect(parseReportSearchParams({ range: "custom", from: "2026-12-01T10:00:00Z" })).toMatchObject({ range: "all", custom: null });
    expect(parseReportSearchParams({ range: "custom", from: "2026-12-01T10:20:00Z", to: "2026-12-01T10:00:00Z" })).toMatchObject({ range: "all" });
    expect(parseReportSearchParams({ refresh: "5" })).toMatchObject({ refresh: 30, paused: false });
    expect(parseReportSearchParams({ range: "24h" })).toMatchObject({ range: "24h", custom: null });
  });
});

describe("history view in the URL", () => {
  it("keeps the range and chart kind, falling back on junk", () => {
    expect(parseRoomSearchParams({ range: "6h", chart: "rates" })).toMatchObject({ range: "6h", chart: "rates" });
    expect(parseRoomSearchParams({ range: "7y", chart: "pie" })).toMatchObject({ range: "1h", chart: "totals" });
    expect(roomSearchString({ ...DEFAULT_ROOM_VIEW, range: "all", chart: "ratios" })).toBe("?range=all&chart=ratios");
  });
});
