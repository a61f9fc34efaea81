// `npm run bench`: the console's lookup path under load, beside the stand-in called directly and a
// do-nothing Next route handler, in one run on one machine (the figures only mean something side by
// side). See bench/README.md for the figures and how to read them.
//
// The servers run as their own processes; this process only generates load and reads the stand-in's
// call counters. The stand-in's own limiter is lifted, so the direct figures measure the stand-in and
// any excess the console sent would show in the upstream figures instead of vanishing into 60007s.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import autocannon from "autocannon";
import { Pool } from "undici";
import { DEMO_APP } from "@/simulator/demo-app";
import { ensureBuild, startConsole, startStandInProcess } from "@/simulator/launch-console";
import { mintUserSig } from "@/simulator/usersig";

const SIM_PORT = Number(process.env.BENCH_SIM_PORT ?? 9410);
const APP_PORT = Number(process.env.BENCH_APP_PORT ?? 3410);
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 6);
const API_PATH = "/v4/live_engine_http_srv/get_room_stats";
const simUrl = `http://127.0.0.1:${SIM_PORT}`;

type Target = "console" | "direct" | "baseline";

interface Req {
  method: "GET" | "POST";
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

interface Figures {
  rps: number;
  p50: number;
  p99: number;
  upstreamPerSecond: number;
  upstreamMaxInAnySecond: number;
  failures: number;
}

const userSig = mintUserSig({ sdkAppId: DEMO_APP.sdkAppId, secretKey: DEMO_APP.secretKey, identifier: "administrator" });

/** The next request of a run: the console's API, Tencent's call signed as the console signs it, or a no-op. */
function requests(target: Target, rooms: string[]): () => Req {
  let n = 0;
  const room = () => rooms[n++ % rooms.length]!;
  if (target === "console") return () => ({ method: "GET", path: `/api/rooms/${encodeURIComponent(room())}/stats` });
  // /api/health answers from memory: what Next itself costs per request on this machine.
  if (target === "baseline") return () => ({ method: "GET", path: "/api/health" });
  return () => {
    const query = new URLSearchParams({
      sdkappid: String(DEMO_APP.sdkAppId),
      identifier: "administrator",
      usersig: userSig,
      random: String(Math.floor(Math.random() * 2 ** 32)),
      contenttype: "json",
    });
    return { method: "POST", path: `${API_PATH}?${query}`, headers: { "content-type": "application/json" }, body: JSON.stringify({ RoomId: room() }) };
  };
}

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

const percentile = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : NaN);

/** Runs `drive`, sampling the stand-in's counter to find the busiest one-second window it saw. */
async function measured(drive: (latencies: number[]) => Promise<number>): Promise<Figures> {
  await settle();
  const latencies: number[] = [];
  const samples: [number, number][] = [[performance.now(), await upstreamCalls()]];
  const sampler = setInterval(async () => samples.push([performance.now(), await upstreamCalls()]), 100);
  const failures = await drive(latencies);
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
    failures,
  };
}

/** Closed loop: `connections` clients, each sending its next request when the last is answered. */
function closedLoop(origin: string, next: () => Req, connections: number): Promise<Figures> {
  return measured(
    (latencies) =>
      new Promise((resolve, reject) => {
        const instance = autocannon(
          { url: origin, connections, duration: DURATION_S, requests: [{ setupRequest: (req) => ({ ...req, ...next() }) }] },
          (err, result) => (err ? reject(err) : resolve(result.non2xx + result.errors + result.timeouts)),
        );
        // autocannon's histogram keeps whole milliseconds; the event carries the exact time.
        instance.on("response", (_client, _status, _bytes, responseTime) => latencies.push(responseTime));
      }),
  );
}

/**
 * Open loop: requests sent at a steady `rate` whether or not earlier ones were answered, as polling
 * operators do. Latency counts from the scheduled send time, so a stalled server cannot hide its
 * queue (coordinated omission).
 */
function openLoop(origin: string, next: () => Req, rate: number): Promise<Figures> {
  return measured(async (latencies) => {
    const pool = new Pool(origin, { connections: 64, keepAliveTimeout: 10_000 });
    const total = rate * DURATION_S;
    const start = performance.now();
    let failures = 0;
    const inFlight: Promise<void>[] = [];
    for (let i = 0; i < total; i++) {
      const due = start + (i * 1000) / rate;
      const wait = due - performance.now();
      if (wait > 1) await new Promise((r) => setTimeout(r, wait));
      const req = next();
      inFlight.push(
        pool
          .request({ method: req.method, path: req.path, headers: req.headers, body: req.body })
          .then(async (res) => {
            await res.body.text();
            latencies.push(performance.now() - due);
            if (res.statusCode !== 200) failures++;
          })
          .catch(() => void failures++),
      );
    }
    await Promise.all(inFlight);
    await pool.close();
    return failures;
  });
}

const fmt = (x: number, digits = 1) => (Number.isFinite(x) ? x.toFixed(digits) : "—");

async function main() {
  ensureBuild();
  const sim = await startStandInProcess(SIM_PORT, ["--rate-limit", "1000000", "--seed", "3"]);
  try {
    // Rooms that stay live for the whole run, so every lookup is a 200.
    const live = await sim.healthyRoomIds();
    const roomSets = { 1: ["demo-popular"], 100: live.slice(0, 100) };
    if (roomSets[100].length < 100) throw new Error("the stand-in has fewer than 100 live rooms");

    // A database of its own for the run, removed afterwards.
    const dataDir = mkdtempSync(join(tmpdir(), "roomscope-bench-"));
    const app = await startConsole({ port: APP_PORT, upstreamUrl: simUrl, quiet: true, env: { DATA_DIR: dataDir } });
    const origin = (target: Target) => (target === "direct" ? simUrl : app.url);
    try {
      console.log(`Roomscope benchmark: ${DURATION_S} s per run, Node ${process.version}, ${new Date().toISOString()}\n`);
      // Warm both paths (JIT, connection pools) before measuring.
      await closedLoop(app.url, requests("console", roomSets[100]), 50);
      await closedLoop(simUrl, requests("direct", roomSets[100]), 50);

      console.log("## Closed loop: each client sends its next lookup as soon as the last is answered\n");
      console.log("| clients | rooms | console req/s | p50 ms | p99 ms | upstream calls/s | upstream max in any 1 s | direct req/s | p50 ms | p99 ms | Next no-op req/s | console failures |");
      console.log("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
      for (const connections of [1, 50, 500]) {
        for (const rooms of [1, 100] as const) {
          const c = await closedLoop(origin("console"), requests("console", roomSets[rooms]), connections);
          const d = await closedLoop(origin("direct"), requests("direct", roomSets[rooms]), connections);
          const b = rooms === 1 ? await closedLoop(origin("baseline"), requests("baseline", []), connections) : null;
          console.log(
            `| ${connections} | ${rooms} | ${fmt(c.rps, 0)} | ${fmt(c.p50, 2)} | ${fmt(c.p99, 2)} | ${fmt(c.upstreamPerSecond)} | ${c.upstreamMaxInAnySecond} | ${fmt(d.rps, 0)} | ${fmt(d.p50, 2)} | ${fmt(d.p99, 2)} | ${b ? fmt(b.rps, 0) : ""} | ${c.failures} |`,
          );
        }
      }

      console.log("\n## Open loop at a steady 200 requests/s: latency the console adds over a direct call\n");
      console.log("| rooms | console p50 ms | console p99 ms | direct p50 ms | direct p99 ms | added p50 ms | added p99 ms | Next no-op p99 ms | upstream calls/s | console failures |");
      console.log("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
      for (const rooms of [1, 100] as const) {
        const c = await openLoop(origin("console"), requests("console", roomSets[rooms]), 200);
        const d = await openLoop(origin("direct"), requests("direct", roomSets[rooms]), 200);
        const b = await openLoop(origin("baseline"), requests("baseline", []), 200);
        console.log(
          `| ${rooms} | ${fmt(c.p50, 2)} | ${fmt(c.p99, 2)} | ${fmt(d.p50, 2)} | ${fmt(d.p99, 2)} | ${fmt(c.p50 - d.p50, 2)} | ${fmt(c.p99 - d.p99, 2)} | ${fmt(b.p99, 2)} | ${fmt(c.upstreamPerSecond)} | ${c.failures} |`,
        );
      }
    } finally {
      await app.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  } finally {
    sim.stop();
  }
}

await main();
