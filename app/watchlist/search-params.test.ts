import { describe, expect, it } from "vitest";
import { DEFAULT_WATCHLIST_VIEW, parseWatchlistSearchParams, watchlistHref } from "./search-params";

const view = (patch: Partial<typeof DEFAULT_WATCHLIST_VIEW>) => ({ ...DEFAULT_WATCHLIST_VIEW, ...patch });

describe("watchlist search params", () => {
  it("reads wall mode, and leaves it out of links unless on", () => {
    expect(parseWatchlistSearchParams(new URLSearchParams("kiosk=1"))).toEqual(view({ kiosk: true }));
    expect(watchlistHref(view({ kiosk: true }))).toBe("/watchlist?kiosk=1");
  });

  it("reads the sort, direction, refresh and pause", () => {
    expect(parseWatchlistSearchParams(new URLSearchParams("sort=messagesPerMin&dir=desc"))).toEqual(view({ sort: "messagesPerMin", dir: "desc" }));
    expect(parseWatchlistSearchParams(new URLSearchParams("sort=giftSenders&refresh=60&paused=1"))).toEqual(view({ sort: "giftSenders", refresh: 60, paused: true }));
    // A link from before the pause button, when "Off" was a refresh interval.
    expect(parseWatchlistSearchParams(new URLSearchParams("refresh=0"))).toMatchObject({ refresh: 10, paused: true });
  });

  it("keeps the time range, a custom window included", () => {
    const custom = { from: Date.parse("2026-12-01T08:00:00Z"), to: Date.parse("2026-12-01T09:30:00Z") };
    const href = watchlistHref(view({ range: "custom", custom }));
    expect(href).toBe("/watchlist?range=custom&from=2026-12-01T08%3A00%3A00.000Z&to=2026-12-01T09%3A30%3A00.000Z");
    expect(parseWatchlistSearchParams(new URLSearchParams(href.split("?")[1]))).toEqual(view({ range: "custom", custom }));
    expect(watchlistHref(view({ range: "6h" }))).toBe("/watchlist?range=6h");
  });

  it("falls back on junk", () => {
    expect(parseWatchlistSearchParams({ sort: "nope", dir: "sideways", refresh: "2", range: "1y" })).toEqual(DEFAULT_WATCHLIST_VIEW);
    expect(parseWatchlistSearchParams({ sort: ["likes", "coins"], refresh: "soon" })).toEqual(view({ sort: "likes" }));
  });

  it("leaves the defaults out of links", () => {
    expect(watchlistHref(DEFAULT_WATCHLIST_VIEW)).toBe("/watchlist");
    expect(watchlistHref(view({ sort: "messagesPerMin", dir: "desc" }))).toBe("/watchlist?sort=messagesPerMin&dir=desc");
    expect(watchlistHref(view({ refresh: 30, paused: true }))).toBe("/watchlist?refresh=30&paused=1");
  });
});
