import { describe, expect, it } from "vitest";
import { compareHref, DEFAULT_COMPARE_VIEW, parseCompareSearchParams } from "./compare-state";

const parse = (href: string) => parseCompareSearchParams(new URLSearchParams(href.split("?")[1]));

describe("the compare page's URL", () => {
  it("leaves the defaults out of a plain link", () => {
    expect(compareHref(["a", "b"])).toBe("/compare?rooms=a,b");
    expect(parse("/compare?rooms=a,b")).toEqual({ rooms: "a,b", ...DEFAULT_COMPARE_VIEW });
  });

  it("round-trips every choice, a zoomed window, the rate window, refresh and pause", () => {
    const custom = { from: Date.parse("2026-12-01T09:00:00Z"), to: Date.parse("2026-12-01T09:45:00Z") };
    const view = { align: "start", series: "rates", scale: "log", rateWindow: "5m", range: "custom", custom, refresh: 60, paused: true } as const;
    const href = compareHref(["直播间-1", "b"], view);
    expect(href).toContain("rooms=%E7%9B%B4%E6%92%AD%E9%97%B4-1,b");
    expect(parse(href)).toEqual({ rooms: "直播间-1,b", ...view });
  });

  it("falls back on junk", () => {
    expect(parseCompareSearchParams({ rooms: ["a,b", "c"], align: "left", series: "pie", scale: "x", rateWindow: "2m", range: "custom", refresh: "1" })).toEqual({ rooms: "a,b", ...DEFAULT_COMPARE_VIEW });
  });
});
