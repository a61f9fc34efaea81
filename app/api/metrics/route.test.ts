// GET /api/metrics and GET /api/ready, through the real handlers, against the real stand-in.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, configureConsole, disposeConsole, startStandIn } from "@/lib/testing/console-harness";
import type { Simulator } from "@/simulator/server";
import { GET as ready } from "../ready/route";
import { GET as stats } from "../rooms/[roomId]/stats/route";
import { GET as metrics } from "./route";

let sim: Simulator;
beforeAll(async () => {
  sim = await startStandIn();
});
afterAll(async () => {
  await disposeConsole();
  await sim.close();
});

/** The value of one sample line of Prometheus's text format, or undefined. */
function sample(text: string, series: string): number | undefined {
  const line = text.split("\n").find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe("GET /api/metrics", () => {
  it("counts upstream calls by ErrorCode, cache hits and misses and requests by route, in Prometheus's format", async () => {
    await configureConsole(sim);
    for (let i = 0; i < 3; i++) expect((await call(stats, "/api/rooms/demo-popular/stats", { roomId: "demo-popular" })).status).toBe(200);
    expect((await call(stats, "/api/rooms/no-such-room/stats", { roomId: "no-such-room" })).status).toBe(404);

    const res = await call(metrics, "/api/metrics", {});
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    // One call answered the three lookups of the hot room (freshness window); the unknown room got 100004.
    expect(sample(res.text, 'roomscope_upstream_calls_total{error_code="0"}')).toBe(1);
    expect(sample(res.text, 'roomscope_upstream_calls_total{error_code="100004"}')).toBe(1);
    expect(sample(res.text, 'roomscope_cache_requests_total{result="hit"}')).toBe(2);
    expect(sample(res.text, 'roomscope_cache_requests_total{result="miss"}')).toBe(2);
    expect(sample(res.text, 'roomscope_http_requests_total{route="room-stats",status="200"}')).toBe(3);
    expect(sample(res.text, 'roomscope_http_requests_total{route="room-stats",status="404"}')).toBe(1);
    expect(sample(res.text, "roomscope_upstream_call_duration_seconds_count")).toBe(2);
    expect(sample(res.text, "roomscope_recorder_rooms")).toBeGreaterThanOrEqual(0);
    expect(res.text).toContain("process_cpu_seconds_total");
    // No Redis configured: no mode to report.
    expect(res.text).not.toContain("roomscope_redis_shared");
  });

  it("is refused without a token, as every API route is", async () => {
    await configureConsole(sim);
    expect((await call(metrics, "/api/metrics", {}, { token: null })).status).toBe(401);
  });
});

describe("GET /api/ready", () => {
  it("is ready when the databases answer and the credential has not been refused", async () => {
    await configureConsole(sim);
    const res = await call(ready, "/api/ready", {}, { token: null });
    expect(res).toMatchObject({ status: 200, body: { ready: true, failing: [] } });
  });

  it("is not ready, with 503, once Tencent refused the credential", async () => {
    await configureConsole(sim, { TENCENT_SECRET_KEY: "0".repeat(64) });
    expect((await call(stats, "/api/rooms/demo-popular/stats", { roomId: "demo-popular" })).status).toBe(500);
    const res = await call(ready, "/api/ready", {}, { token: null });
    expect(res).toMatchObject({ status: 503, body: { ready: false, failing: ["credential"] } });
  });

  it("is not ready while Redis is configured but unreachable", async () => {
    await configureConsole(sim, { REDIS_URL: "redis://127.0.0.1:1", AUTH_SECRET: "s".repeat(40) });
    const res = await call(ready, "/api/ready", {}, { token: null });
    expect(res).toMatchObject({ status: 503, body: { ready: false, failing: ["redis"] } });
  });
});
