// `npm run bench`: the console's lookup path under load, beside the stand-in called directly, in one
// run on one machine (the figures only mean something side by side). See bench/README.md.
//
// Both servers run as their own processes; this process only generates load (autocannon) and reads
// the stand-in's call counters. The stand-in's own limiter is lifted so the direct figures measure the
// stand-in, and so any excess the console sent would show up in the upstream figures, not vanish
// into 60007 answers.
import { spawn } from "node:child_process";
import { join } from "node:path";
import autocannon from "autocannon";
import { DEMO_APP } from "@/simulator/demo-app";
import { ensureBuild, startConsole } from "@/simulator/launch-console";
import { mintUserSig } from "@/simulator/usersig";

const root = new URL("..", import.meta.url).pathname;
const SIM_PORT = Number(process.env.BENCH_SIM_PORT ?? 9410);
const APP_PORT = Number(process.env.BENCH_APP_PORT ?? 3410);
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 6);
const API_PATH = "/v4/live_engine_http_srv/get_room_stats";

interface Load {
  label: string;
  target: "console" | "direct";
  connections: number;
  rooms: string[];
  /** Requests per second for an open-loop run; absent: each connection sends as fast as answered. */
  rate?: number;
}

interface Figures {
  rps: number;
  p50: number;
  p99: number;
  upstreamPerSecond: number;
  upstreamMaxInAnySecond: number;
  non2xx: number;
  errors: number;
}

const simUrl = `http://127.0.0.1:${SIM_PORT}`;
const upstreamCalls = async () => ((await (await fetch(`${simUrl}/__sim/calls`)).json()) as { total: number }).total;

/** Waits until the stand-in has answered what an earlier run left queued, so runs do not overlap. */
async function settle() {
  let last = await upstreamCalls();
  for (;;) {
    await new Promise((r) => setTimeout(r, 300));
    const now = await upstreamCalls();
    if (now === last) return;
    last = now;
  }
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function run(load: Load, consoleUrl: string): Promise<Figures> {
  const userSig = mintUserSig({ sdkAppId: DEMO_APP.sdkAppId, secretKey: DEMO_APP.secretKey, identifier: "administrator" });
  let n = 0;
  const nextRoom = () => load.rooms[n++ % load.rooms.length]!;
  const request =
    load.target === "console"
      ? { method: "GET" as const, setupRequest: (req: autocannon.Request) => ({ ...req, path: `/api/rooms/${encodeURIComponent(nextRoom())}/stats` }) }
      : {
          method: "POST" as const,
          setupRequest: (req: autocannon.Request) => {
            // Signed as the console signs: a cached UserSig, a fresh random per call.
            const query = new URLSearchParams({
              sdkappid: String(DEMO_APP.sdkAppId),
              identifier: "administrator",
              usersig: userSig,
              random: String(Math.floor(Math.random() * 2 ** 32)),
              contenttype: "json",
            });
            return { ...req, path: `${API_PATH}?${query}`, headers: { "content-type": "application/json" }, body: JSON.stringify({ RoomId: nextRoom() }) };
          },
        };

  await settle();
  const latencies: number[] = [];
  // Counter samples through the run, for the busiest one-second window Tencent would have seen.
  const samples: [number, number][] = [[performance.now(), await upstreamCalls()]];
  const sampler = setInterval(async () => samples.push([performance.now(), await upstreamCalls()]), 100);

  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: load.target === "console" ? consoleUrl : simUrl,
        connections: load.connections,
        duration: DURATION_S,
        requests: [request],
        ...(load.rate ? { overallRate: load.rate } : {}),
      },
      (err, res) => (err ? reject(err) : resolve(res)),
    );
    // autocannon's own histogram keeps whole milliseconds; the event carries the exact time.
    instance.on("response", (_client, _status, _bytes, responseTime) => latencies.push(responseTime));
  });
  clearInterval(sampler);
  samples.push([performance.now(), await upstreamCalls()]);

  latencies.sort((a, b) => a - b);
  let maxInSecond = 0;
  for (let i = 0, j = 0; i < samples.length; i++) {
    while (samples[i]![0] - samples[j]![0] > 1000) j++;
    maxInSecond = Math.max(maxInSecond, samples[i]![1] - samples[j]![1]);
  }
  const seconds = (samples.at(-1)![0] - samples[0]![0]) / 1000;
  return {
    rps: latencies.length / DURATION_S,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    upstreamPerSecond: (samples.at(-1)![1] - samples[0]![1]) / seconds,
    upstreamMaxInAnySecond: maxInSecond,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}

const fmt = (x: number, digits = 1) => (Number.isFinite(x) ? x.toFixed(digits) : "—");

async function main() {
  ensureBuild();
  const sim = spawn(join(root, "node_modules", ".bin", "tsx"), ["simulator/main.ts", "--port", String(SIM_PORT), "--rate-limit", "1000000", "--seed", "3"], {
    cwd: root,
    stdio: "ignore",
  });
  try {
    for (let i = 0; ; i++) {
      try {
        if ((await fetch(`${simUrl}/__sim/health`)).ok) break;
      } catch {
        if (i > 100) throw new Error("the stand-in did not start");
        await new Promise((r) => setTimeout(r, 200));
      }
    }
    // Rooms that stay live for the whole run, so every lookup is a 200.
    const catalogue = (await (await fetch(`${simUrl}/__sim/rooms`)).json()) as { roomId: string; endedAt: number | null; fault: string }[];
    const live = catalogue.filter((r) => r.endedAt === null && r.fault === "none" && r.roomId.startsWith("live-")).map((r) => r.roomId);
    const roomSets = { 1: ["demo-popular"], 100: live.slice(0, 100) };
    if (roomSets[100].length < 100) throw new Error("the stand-in has fewer than 100 live rooms");

    const app = await startConsole({ port: APP_PORT, upstreamUrl: simUrl, quiet: true });
    try {
      console.log(`Roomscope benchmark: ${DURATION_S} s per run, Node ${process.version}, ${new Date().toISOString()}\n`);
      // Warm both paths (JIT, connection pools) before measuring.
      await run({ label: "warm-up", target: "console", connections: 50, rooms: roomSets[100] }, app.url);
      await run({ label: "warm-up", target: "direct", connections: 50, rooms: roomSets[100] }, app.url);

      console.log("## Closed loop: each client sends its next lookup as soon as the last is answered\n");
      console.log("| clients | rooms | console req/s | console p50 ms | console p99 ms | upstream calls/s | upstream max in any 1 s | direct req/s | direct p50 ms | direct p99 ms | console non-2xx |");
      console.log("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
      for (const connections of [1, 50, 500]) {
        for (const rooms of [1, 100] as const) {
          const c = await run({ label: "console", target: "console", connections, rooms: roomSets[rooms] }, app.url);
          const d = await run({ label: "direct", target: "direct", connections, rooms: roomSets[rooms] }, app.url);
          console.log(
            `| ${connections} | ${rooms} | ${fmt(c.rps, 0)} | ${fmt(c.p50, 2)} | ${fmt(c.p99, 2)} | ${fmt(c.upstreamPerSecond)} | ${c.upstreamMaxInAnySecond} | ${fmt(d.rps, 0)} | ${fmt(d.p50, 2)} | ${fmt(d.p99, 2)} | ${c.non2xx + c.errors} |`,
          );
        }
      }

      console.log("\n## Open loop at 200 requests/s: latency the console adds over a direct call\n");
      console.log("| rooms | console p50 ms | console p99 ms | direct p50 ms | direct p99 ms | added p99 ms | upstream calls/s | console non-2xx |");
      console.log("|---:|---:|---:|---:|---:|---:|---:|---:|");
      for (const rooms of [1, 100] as const) {
        const c = await run({ label: "console", target: "console", connections: 20, rooms: roomSets[rooms], rate: 200 }, app.url);
        const d = await run({ label: "direct", target: "direct", connections: 20, rooms: roomSets[rooms], rate: 200 }, app.url);
        console.log(
          `| ${rooms} | ${fmt(c.p50, 2)} | ${fmt(c.p99, 2)} | ${fmt(d.p50, 2)} | ${fmt(d.p99, 2)} | ${fmt(c.p99 - d.p99, 2)} | ${fmt(c.upstreamPerSecond)} | ${c.non2xx + c.errors} |`,
        );
      }
    } finally {
      await app.stop();
    }
  } finally {
    sim.kill("SIGTERM");
  }
}

await main();
