import { describe, expect, it } from "vitest";
import { parseWatchlistSearchParams, watchlistHref } from "./search-params";

describe("watchlist search params", () => {
  it("reads wall mode, and leaves it out of links unless on", () => {
    expect(parseWatchlistSearchParams(new URLSearchParams("kiosk=1"))).toEqual({ sort: "roomId", dir: "asc", kiosk: true, refresh: 10 });
    expect(watchlistHref({ sort: "roomId", dir: "asc", kiosk: true, refresh: 10 })).toBe("/watchlist?kiosk=1");
  });

  it("reads the sort, direction and refresh", () => {
    expect(parseWatchlistSearchParams(new URLSearchParams("sort=messagesPerMin&dir=desc"))).toEqual({ sort: "messagesPerMin", dir: "desc", kiosk: false, refresh: 10 });
    expect(parseWatchlistSearchParams(new URLSearchParams("sort=giftSenders&refresh=60"))).toEqual({ sort: "giftSenders", dir: "asc", kiosk: false, refresh: 60 });
    expect(parseWatchlistSearchParams(new URLSearchParams("refresh=0")).refresh).toBe(0);
  });

  it("falls back on junk", () => {
    expect(parseWatchlistSearchParams({ sort: "nope", dir: "sideways", refresh: "2" })).toEqual({ sort: "roomId", dir: "asc", kiosk: false, refresh: 10 });
    expect(parseWatchlistSearchParams({ sort: ["likes", "coins"], refresh: "soon" })).toEqual({ sort: "likes", dir: "asc", kiosk: false, refresh: 10 });
  });

  it("leaves the defaults out of links", () => {
    expect(watchlistHref({ sort: "roomId", dir: "asc", kiosk: false, refresh: 10 })).toBe("/watchlist");
    expect(watchlistHref({ sort: "messagesPerMin", dir: "desc", kiosk: false, refresh: 10 })).toBe("/watchlist?sort=messagesPerMin&dir=desc");
    expect(watchlistHref({ sort: "roomId", dir: "asc", kiosk: false, refresh: 0 })).toBe("/watchlist?refresh=0");
  });
});
