import { describe, expect, it } from "vitest";
import { parseWatchlistSearchParams, watchlistHref } from "./search-params";

describe("watchlist search params", () => {
  it("reads the sort, direction and refresh", () => {
    expect(parseWatchlistSearchParams(new URLSearchParams("sort=messagesPerMin&dir=desc"))).toEqual({ sort: "messagesPerMin", dir: "desc", refresh: 10 });
    expect(parseWatchlistSearchParams(new URLSearchParams("sort=giftSenders&refresh=60"))).toEqual({ sort: "giftSenders", dir: "asc", refresh: 60 });
    expect(parseWatchlistSearchParams(new URLSearchParams("refresh=0")).refresh).toBe(0);
  });

  it("falls back on junk", () => {
    expect(parseWatchlistSearchParams({ sort: "nope", dir: "sideways", refresh: "2" })).toEqual({ sort: "roomId", dir: "asc", refresh: 10 });
    expect(parseWatchlistSearchParams({ sort: ["likes", "coins"], refresh: "soon" })).toEqual({ sort: "likes", dir: "asc", refresh: 10 });
  });

  it("leaves the defaults out of links", () => {
    expect(watchlistHref({ sort: "roomId", dir: "asc", refresh: 10 })).toBe("/watchlist");
    expect(watchlistHref({ sort: "messagesPerMin", dir: "desc", refresh: 10 })).toBe("/watchlist?sort=messagesPerMin&dir=desc");
    expect(watchlistHref({ sort: "roomId", dir: "asc", refresh: 0 })).toBe("/watchlist?refresh=0");
  });
});
