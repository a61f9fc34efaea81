import { describe, expect, it } from "vitest";
import { parsePaused, parseRefresh, parseTimeRange, refreshMs, setRefresh, setTimeRange } from "./time-state";

const custom = { from: Date.parse("2026-12-01T10:00:00.000Z"), to: Date.parse("2026-12-01T11:00:00.000Z") };

describe("the time controls in a URL", () => {
  it("reads a preset, a custom window, and falls back to the page's default on junk", () => {
    expect(parseTimeRange({ range: "6h" }, "1h")).toEqual({ range: "6h", custom: null });
    expect(parseTimeRange({ range: "custom", from: "2026-12-01T10:00:00Z", to: "2026-12-01T11:00:00Z" }, "1h")).toEqual({ range: "custom", custom });
    expect(parseTimeRange({ range: "custom", from: "2026-12-01T10:00:00Z" }, "all")).toEqual({ range: "all", custom: null });
    expect(parseTimeRange({ range: "week" }, "all")).toEqual({ range: "all", custom: null });
    expect(parseTimeRange({ range: ["15m", "6h"] }, "all")).toEqual({ range: "15m", custom: null });
  });

  it("writes what it reads, leaving the page's default out", () => {
    const params = new URLSearchParams();
    setTimeRange(params, { range: "1h", custom: null }, "1h");
    expect(params.toString()).toBe("");
    setTimeRange(params, { range: "custom", custom }, "1h");
    expect(parseTimeRange(params, "1h")).toEqual({ range: "custom", custom });
  });

  it("reads and writes the refresh and pause; refresh=0 from older links is a pause", () => {
    expect(parseRefresh({})).toEqual({ refresh: 30, paused: false });
    expect(parseRefresh({ refresh: "60", paused: "1" })).toEqual({ refresh: 60, paused: true });
    expect(parseRefresh({ refresh: "0" }, 10)).toEqual({ refresh: 10, paused: true });
    expect(parseRefresh({ refresh: "7" })).toEqual({ refresh: 30, paused: false });
    expect(parsePaused({ paused: "yes" })).toBe(false);
    const params = new URLSearchParams();
    setRefresh(params, { refresh: 30, paused: true });
    expect(params.toString()).toBe("paused=1");
  });

  it("gives react-query no interval while paused", () => {
    expect(refreshMs({ refresh: 10, paused: false })).toBe(10_000);
    expect(refreshMs({ refresh: 10, paused: true })).toBe(false);
  });
});
