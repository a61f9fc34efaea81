import { describe, expect, it } from "vitest";
import { methodsFor, routePattern } from "./route-access";

describe("the route table's paths", () => {
  it("matches one segment per parameter, still percent-encoded", () => {
    const stats = routePattern("/api/rooms/{roomId}/stats");
    expect(stats.test("/api/rooms/demo-popular/stats")).toBe(true);
    expect(stats.test("/api/rooms/a%2Fb/stats")).toBe(true);
    expect(stats.test("/api/rooms/a/b/stats")).toBe(false);
    expect(routePattern("/api/auth/{...path}").test("/api/auth/callback/oidc")).toBe(true);
  });

  it("tells which methods a known path takes, and null for one no route has", () => {
    expect(methodsFor("/api/watchlist")).toEqual(["GET", "POST", "HEAD"]);
    expect(methodsFor("/api/watchlist/demo-quiet")).toEqual(["DELETE"]);
    expect(methodsFor("/api/rooms/x/history.csv")).toEqual(["GET", "HEAD"]);
    expect(methodsFor("/api/nothing-here")).toBeNull();
    expect(methodsFor("/api/rooms/x/y/stats")).toBeNull();
  });
});
