// `npm run bench:history`: the recorded-history targets, measured in one run (see bench/README.md).
//   1. GET /api/rooms/{id}/history over 12 h at a 5 s cadence (8,640 samples) downsampled to 500
//      points: server time per request, through the real route handler.
//   2. Bytes per sample on disk.
//   3. The recorder keeping 500 rooms at a 10 s cadence against the stand-in: schedule kept, calls/s,
//      and the CPU it uses.
// Runs under `tsx --conditions=react-server` so the server-only modules load outside Next. With
// BENCH_DATABASE_URL (postgres://...) the store is PostgreSQL, in a schema of the run's own that is
// dropped afterwards, instead of the embedded SQLite file.
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DEMO_APP } from "@/simulator/demo-app";
import { startStandInProcess } from "@/simulator/launch-console";
import { STAT_KEYS } from "@/lib/contract/stats";
import type { GuardedStore } from "@/lib/store/store";
import { zeroStats } from "@/lib/testing/fixtures";

const SIM_PORT = Number(process.env.BENCH_SIM_PORT ?? 9420);
const RECORD_SECONDS = Number(process.env.BENCH_RECORD_S ?? 60);
const simUrl = `http://127.0.0.1:${SIM_PORT}`;
const dataDir = mkdtempSync(join(tmpdir(), "roomscope-bench-history-"));
const DATABASE_URL = process.env.BENCH_DATABASE_URL;
const schema = `roomscope_bench_${process.pid}`;

Object.assign(process.env, {
  TENCENT_SDKAPPID: String(DEMO_APP.sdkAppId),
  TENCENT_SECRET_KEY: DEMO_APP.secretKey,
  TENCENT_API_BASE_URL: simUrl,
  DATA_DIR: dataDir,
  RECORD_INTERVAL_S: "10",
  // 230 requests in a few seconds from one token: above the default quota, which has tests of its own.
  API_QUOTA_PER_MINUTE: "1000000",
});

const { createServices, services, SERVICES_KEY } = await import("@/lib/server/container");
const { serverEnv } = await import("@/lib/env");
const { createHistoryService } = await import("@/lib/server/history-service");
const { withOutageGuard } = await import("@/lib/store/outage-guard");
const { openPostgresStore } = await import("@/lib/store/postgres-store");
const { openSqliteStore } = await import("@/lib/store/sqlite-store");
const { GET: historyRoute } = await import("@/app/api/rooms/[roomId]/history/route");

/** The store below the sample cache, for the reads that must reach the database. */
let guarded: GuardedStore;

/** The console's services, as lib/server/container.ts builds them, over a store opened here. */
async function boot() {
  const raw = DATABASE_URL ? openPostgresStore({ url: DATABASE_URL, schema }) : openSqliteStore({ dataDir });
  if ("ready" in raw) await raw.ready;
  guarded = withOutageGuard(raw);
  (globalThis as Record<symbol, unknown>)[SERVICES_KEY] = createServices(serverEnv(), { store: guarded });
}

async function stopServices() {
  await services().stop();
  delete (globalThis as Record<symbol, unknown>)[SERVICES_KEY];
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
const fmt = (n: number, d = 1) => n.toFixed(d);

async function historyApi() {
  const service = services();
  const roomId = "bench-12h";
  const start = Date.now() - 12 * 3_600_000;
  const totals = zeroStats();
  const entries = [];
  for (let i = 0; i < 8640; i++) {
    for (const k of STAT_KEYS) totals[k] += Math.floor(Math.random() * (k === "totalMsgCount" && i % 997 === 0 ? 5000 : 50));
    entries.push({ roomId, sample: { t: start + i * 5000, stats: { ...totals } } });
  }
  const w0 = performance.now();
  await service.store.addSamples(entries);
  const writeMs = performance.now() - w0;

  // The route answers only a signed-in user or a token (access control): an admin token, as a script sends it.
  await service.access.initialised;
  const { token } = await service.access.tokens.create({ name: `bench-${Date.now()}`, role: "admin", createdBy: "bench", expiresAt: null });
  const headers = { authorization: `Bearer ${token}` };

  const times: number[] = [];
  let bytes = 0;
  let coldMs = 0;
  for (let i = 0; i < 230; i++) {
    const t0 = performance.now();
    const res = await historyRoute(new Request(`http://bench/api/rooms/${roomId}/history?points=500`, { headers }), { params: Promise.resolve({ roomId }) });
    const body = await res.text();
    if (res.status !== 200) throw new Error(`the history route answered ${res.status}: ${body}`);
    if (i === 0) coldMs = performance.now() - t0; // read from SQLite, as after a restart
    if (i >= 30) times.push(performance.now() - t0); // the first 30 warm the JIT
    bytes = body.length;
  }
  times.sort((a, b) => a - b);
  console.log("## History API: 8,640 samples (12 h at 5 s) downsampled to 500 points\n");
  console.log("| requests | p50 ms | p95 ms | p99 ms | first request ms (cold) | response bytes |");
  console.log("|---:|---:|---:|---:|---:|---:|");
  console.log(`| ${times.length} | ${fmt(pct(times, 50), 2)} | ${fmt(pct(times, 95), 2)} | ${fmt(pct(times, 99), 2)} | ${fmt(coldMs, 1)} | ${bytes} |\n`);

  // The same answer with every request reading the database: no sample cache in front of the store.
  const history = createHistoryService({ store: guarded });
  const uncached: number[] = [];
  const reads: number[] = [];
  for (let i = 0; i < 130; i++) {
    const t0 = performance.now();
    const samples = await guarded.samples(roomId);
    const t1 = performance.now();
    JSON.stringify(await history.history(roomId, { points: 500, rateWindow: "1m" }));
    if (samples.length !== 8640) throw new Error(`read ${samples.length} samples`);
    if (i >= 30) {
      reads.push(t1 - t0);
      uncached.push(performance.now() - t1);
    }
  }
  uncached.sort((a, b) => a - b);
  reads.sort((a, b) => a - b);
  console.log(`Store: ${DATABASE_URL ? "PostgreSQL" : "SQLite"}. The 8,640 samples written in one addSamples: ${fmt(writeMs, 1)} ms.\n`);
  console.log("| without the sample cache | requests | p50 ms | p95 ms | p99 ms |");
  console.log("|---|---:|---:|---:|---:|");
  console.log(`| store.samples(): 8,640 rows read | ${reads.length} | ${fmt(pct(reads, 50), 2)} | ${fmt(pct(reads, 95), 2)} | ${fmt(pct(reads, 99), 2)} |`);
  console.log(`| history answer to 500 points, as JSON | ${uncached.length} | ${fmt(pct(uncached, 50), 2)} | ${fmt(pct(uncached, 95), 2)} | ${fmt(pct(uncached, 99), 2)} |\n`);
}

/** One statement on the benchmark's PostgreSQL, outside the store. */
async function pgQuery(text: string): Promise<Record<string, unknown>[]> {
  const { default: pg } = await import("pg");
  const client = new pg.Client({ connectionString: DATABASE_URL });
  await client.connect();
  try {
    return (await client.query(text)).rows;
  } finally {
    await client.end();
  }
}

/** The history's size on disk: the SQLite file after a clean close, or PostgreSQL's tables and indexes. */
async function storedBytes(): Promise<number> {
  if (!DATABASE_URL) return statSync(join(dataDir, "roomscope.db")).size;
  const [row] = await pgQuery(`SELECT pg_total_relation_size('"${schema}".samples') + pg_total_relation_size('"${schema}".rooms') AS bytes`);
  return Number(row!.bytes);
}

async function bytesPerSample() {
  const service = services();
  // 50 rooms x 1,000 samples at a 10 s cadence, as the recorder writes them.
  const start = Date.now() - 3 * 3_600_000;
  for (let r = 0; r < 50; r++) {
    const totals = zeroStats();
    const entries = [];
    for (let i = 0; i < 1000; i++) {
      totals.totalViewers += Math.floor(Math.random() * 40);
      totals.totalGiftsSent += Math.floor(Math.random() * 5);
      totals.totalGiftCoins += Math.floor(Math.random() * 500);
      totals.totalUniqueGiftSenders += Math.random() < 0.2 ? 1 : 0;
      totals.totalLikesReceived += Math.floor(Math.random() * 300);
      totals.totalMsgCount += Math.floor(Math.random() * 60);
      entries.push({ roomId: `bench-room-${r}`, sample: { t: start + i * 10_000, stats: { ...totals } } });
    }
    await service.store.addSamples(entries);
  }
  await stopServices();
  const size = await storedBytes();
  const count = 8640 + 50 * 1000;
  console.log("## Storage\n");
  console.log(`${count} samples in ${size} bytes after a clean close: **${fmt(size / count)} bytes per sample**\n`);
}

async function recorder() {
  const sim = await startStandInProcess(SIM_PORT, ["--rooms", "700", "--seed", "9"]);
  try {
    const rooms = (await sim.healthyRoomIds()).slice(0, 500);
    if (rooms.length < 500) throw new Error("the stand-in has fewer than 500 rooms that stay live");

    await boot();
    const service = services();
    for (const roomId of rooms) await service.store.watch(roomId, Date.now());
    const callsAt = async () => ((await (await fetch(`${simUrl}/__sim/calls`)).json()) as { total: number; rejectedRateLimit: number });

    service.startBackground();
    // The first cadence spreads 500 rooms over 10 s; measure after it.
    await new Promise((r) => setTimeout(r, 15_000));
    const from = Date.now();
    const cpu0 = process.cpuUsage();
    const calls0 = await callsAt();
    await new Promise((r) => setTimeout(r, RECORD_SECONDS * 1000));
    const cpu = process.cpuUsage(cpu0);
    const calls1 = await callsAt();
    const to = Date.now();
    service.recorder.stop();

    const gaps: number[] = [];
    for (const roomId of rooms) {
      const samples = await service.store.samples(roomId, { from, to });
      for (let i = 1; i < samples.length; i++) gaps.push((samples[i]!.t - samples[i - 1]!.t) / 1000);
    }
    gaps.sort((a, b) => a - b);
    const seconds = (to - from) / 1000;
    console.log(`## Recorder: 500 watched rooms at a 10 s cadence, ${RECORD_SECONDS} s measured\n`);
    console.log("| upstream calls/s | 60007 from the stand-in | interval p50 s | p95 s | max s | CPU, share of one core |");
    console.log("|---:|---:|---:|---:|---:|---:|");
    console.log(
      `| ${fmt((calls1.total - calls0.total) / seconds)} | ${calls1.rejectedRateLimit - calls0.rejectedRateLimit} | ${fmt(pct(gaps, 50), 2)} | ${fmt(pct(gaps, 95), 2)} | ${fmt(gaps.at(-1)!, 2)} | ${fmt(((cpu.user + cpu.system) / 1000 / (to - from)) * 100)} % |\n`,
    );
    await service.stop();
  } finally {
    sim.stop();
  }
}

try {
  console.log(`Roomscope history benchmark, Node ${process.version}, ${new Date().toISOString()}\n`);
  await boot();
  await historyApi();
  await bytesPerSample();
  await recorder();
} finally {
  if (DATABASE_URL) await pgQuery(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  rmSync(dataDir, { recursive: true, force: true });
}
