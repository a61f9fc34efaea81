import { describe, expect, it } from "vitest";
import { parseWatchlistSearchParams, watchlistHref } from "./search-params";

describe("watchlist search params", () => {
  it("reads the sort and direction", () => {
    expect(parseWatchlistSearchParams(new URLSearchParams("sort=messagesPerMin&dir=desc"))).toEqual({ sort: "messagesPerMin", dir: "desc" });
  });

  it("falls back on junk", () => {
    expect(parseWatchlistSearchParams({ sort: "nope", dir: "sideways" })).toEqual({ sort: "roomId", dir: "asc" });
    expect(parseWatchlistSearchParams({ sort: ["likes", "coins"] })).toEqual({ sort: "likes", dir: "asc" });
  });

  it("leaves the default out of links", () => {
    expect(watchlistHref({ sort: "roomId", dir: "asc" })).toBe("/watchlist");
    expect(watchlistHref({ sort: "messagesPerMin", dir: "desc" })).toBe("/watchlist?sort=messagesPerMin&dir=desc");
  });
});
