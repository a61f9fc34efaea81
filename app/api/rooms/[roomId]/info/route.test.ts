// GET /api/rooms/{roomId}/info, through the real handler, against the real stand-in.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { captureLogs, call, configureConsole, disposeConsole, startStandIn } from "@/lib/testing/console-harness";
import { findCredentialLeaks } from "@/lib/testing/secrets";
import { DEMO_APP } from "@/simulator/demo-app";
import type { Simulator } from "@/simulator/server";
import { GET as history } from "../history/route";
import { GET as stats } from "../stats/route";
import { GET } from "./route";

let sim: Simulator;
let logs: ReturnType<typeof captureLogs>;

const info = (roomId: string) => call(GET, `/api/rooms/${encodeURIComponent(roomId)}/info`, { roomId });
const infoCalls = () => sim.calls().byApi.get_room_info;

beforeAll(async () => {
  sim = await startStandIn();
});
afterAll(async () => {
  await disposeConsole();
  await sim.close();
});
beforeEach(async () => {
  logs = captureLogs();
  await configureConsole(sim);
});
afterEach(() => {
  logs.restore();
  expect(findCredentialLeaks(logs.lines.join("\n"), DEMO_APP.secretKey)).toEqual([]);
});

describe("GET /api/rooms/{roomId}/info", () => {
  it("answers the room's name, owner, cover, creation time and settings", async () => {
    const res = await info("demo-popular");
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(Object.keys(res.body).sort()).toEqual(["fetchedAt", "info"]);
    expect(res.body.info).toMatchObject({ roomId: "demo-popular", name: "Friday live show", owner: expect.stringMatching(/^host_/), maxMembers: 1000 });
    expect(Date.parse(res.body.info.createdAt)).toBe(Math.floor(sim.snapshot("demo-popular").startedAt / 1000) * 1000);
    expect(res.body.info.coverUrl).toContain("/__sim/covers/");
  });

  it("is cached for its own freshness window, longer than the figures' second: one call serves many", async () => {
    const before = infoCalls();
    const answers = await Promise.all(Array.from({ length: 50 }, () => info("demo-quiet")));
    expect(answers.every((a) => a.status === 200)).toBe(true);
    await new Promise((r) => setTimeout(r, 1100));
    expect((await info("demo-quiet")).status).toBe(200);
    expect(infoCalls() - before).toBe(1);
  });

  it("refetches once the window has passed (ROOM_INFO_FRESHNESS_S)", async () => {
    await configureConsole(sim, { ROOM_INFO_FRESHNESS_S: "1" });
    const before = infoCalls();
    await info("demo-quiet");
    await new Promise((r) => setTimeout(r, 1100));
    await info("demo-quiet");
    expect(infoCalls() - before).toBe(2);
  });

  it("answers an ended room as not found, in the one error shape", async () => {
    const res = await info("demo-ended");
    expect(res.status).toBe(404);
    expect(res.body.error).toMatchObject({ code: "room_not_found", upstreamCode: 100004, requestId: expect.any(String) });
  });

  it("refuses a RoomId Tencent would refuse before calling it", async () => {
    const before = infoCalls();
    const res = await info("x".repeat(49));
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("invalid_room_id");
    expect(infoCalls()).toBe(before);
  });

  it("fails on its own where get_room_info fails: the room's figures still answer", async () => {
    sim.setFault("live-0005", "info_fails");
    try {
      const res = await info("live-0005");
      expect(res.status).toBe(502);
      expect(res.body.error).toMatchObject({ code: "upstream_error", upstreamCode: 100001 });
      const figures = await call(stats, "/api/rooms/live-0005/stats", { roomId: "live-0005" });
      expect(figures.status).toBe(200);
    } finally {
      sim.setFault("live-0005", "none");
    }
  });

  it("keeps the creation time, so the room's history still has it once Tencent forgets the room", async () => {
    expect((await info("live-0009")).status).toBe(200);
    sim.endRoom("live-0009");
    // Kept off the answer's path: it lands a moment later.
    let kept: { status: number; body: { createdAt?: string | null } } | undefined;
    for (let i = 0; i < 20; i++) {
      kept = await call(history, "/api/rooms/live-0009/history", { roomId: "live-0009" });
      if (kept.body.createdAt) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(kept!.status).toBe(200);
    expect(Date.parse(kept!.body.createdAt!)).toBe(Math.floor(sim.snapshot("live-0009").startedAt / 1000) * 1000);
    expect((await info("live-0009")).status).toBe(200); // still cached for its window
  });
});
