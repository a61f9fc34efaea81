import { describe, expect, it } from "vitest";
import { parseWatchlistSearchParams, watchlistHref } from "./search-params";

describe("watchlist search params", () => {
  it("reads the sort and direction", () => {
    expect(parseWatchlistSearchParams(new URLSearchParams("sort=messagesPerMin&dir=desc"))).toEqual({ sort: "messagesPerMin", dir: "desc", kiosk: false });
    expect(parseWatchlistSearchParams(new URLSearchParams("kiosk=1"))).toEqual({ sort: "roomId", dir: "asc", kiosk: true });
  });

  it("falls back on junk", () => {
    expect(parseWatchlistSearchParams({ sort: "nope", dir: "sideways" })).toEqual({ sort: "roomId", dir: "asc", kiosk: false });
    expect(parseWatchlistSearchParams({ sort: ["likes", "coins"] })).toEqual({ sort: "likes", dir: "asc", kiosk: false });
  });

  it("leaves the default out of links", () => {
    expect(watchlistHref({ sort: "roomId", dir: "asc", kiosk: false })).toBe("/watchlist");
    expect(watchlistHref({ sort: "messagesPerMin", dir: "desc", kiosk: false })).toBe("/watchlist?sort=messagesPerMin&dir=desc");
    expect(watchlistHref({ sort: "roomId", dir: "asc", kiosk: true })).toBe("/watchlist?kiosk=1");
  });
});
