// `npm run bench`: the console's lookup path under load, with an API token and with a session
// cookie, beside the same lookups on the build before access control, the stand-in called directly
// and a do-nothing Next route handler, in one run on one machine (the figures only mean something
// side by side). See bench/README.md for the figures and how to read them.
//
// The servers run as their own processes; this process only generates load and reads the stand-in's
// call counters and the audit log's table. The stand-in's own limiter is lifted, so the direct
// figures measure the stand-in and any excess a console sent would show in the upstream figures
// instead of vanishing into 60007s. The machine is shared, so every row runs each target
// BENCH_ROUNDS times, in turn and starting one later each round, and shows medians: a neighbour's
// burst then lands on every column alike, and a ratio is taken within one round.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import autocannon from "autocannon";
import Database from "better-sqlite3";
import { Pool } from "undici";
import { SESSION_COOKIE } from "@/lib/auth/names";
import { DEMO_APP } from "@/simulator/demo-app";
import { ensureBuild, startConsole, startStandInProcess } from "@/simulator/launch-console";
import { mintUserSig } from "@/simulator/usersig";
import { builtCheckout } from "./before";

const SIM_PORT = Number(process.env.BENCH_SIM_PORT ?? 9410);
const APP_PORT = Number(process.env.BENCH_APP_PORT ?? 3410);
const BEFORE_PORT = Number(process.env.BENCH_BEFORE_PORT ?? 3411);
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 6);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
/** The last commit before access control: the "before" columns. */
const BEFORE_COMMIT = process.env.BENCH_BEFORE ?? "bfdcb98";
const API_PATH = "/v4/live_engine_http_srv/get_room_stats";
const simUrl = `http://127.0.0.1:${SIM_PORT}`;

/** Created at start-up from CONSOLE_ADMIN_EMAIL / CONSOLE_ADMIN_PASSWORD; signs in for the session runs and makes the token. */
const ADMIN = { email: "bench@example.com", password: "bench-password-0123" };

const consoleEnv = {
  // Its maximum, 16,667 requests/s per user or token: the quota is not what these runs measure.
  API_QUOTA_PER_MINUTE: "1000000",
  // No recorder: the stand-in's counter then holds only lookups, and the console that is not being
  // measured makes no calls during the other's runs.
  RECORD_VIEWED_HOURS: "0",
  // The whole of Tencent's 100 calls/s, as the build before it spends: the headroom this build
  // keeps by default (15 %, for calls that arrive bunched) would make the 100-room rows slower for
  // want of upstream calls, which is not what they compare.
  TENCENT_RATE_HEADROOM: "0",
};

/**
 * before: the build before access control, without credentials; token and session: this build
 * with a bearer token or a session cookie; direct: the stand-in; no-op: this build's /api/health.
 */
type Target = "before" | "token" | "session" | "direct" | "no-op";

interface Endpoint {
  origin: string;
  headers: Record<string, string>;
  /** The audit log's newest row id, for the targets whose lookups it records. */
  auditRows?: () => number;
  /** The server's process, whose CPU time is read for each run. */
  pid?: number;
}

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
  /** Requests written to the server, answered or not when the run ended. */
  sent: number;
  /** Audit rows written for the run's requests, counted once they stopped arriving. */
  audited: number;
  /** The most requests answered but not yet in the audit table, sampled every 100 ms. */
  auditBacklog: number;
  /** From the run's end until its last audit row was in the table. */
  auditLandedMs: number;
  /** The server's CPU time (all its threads) per request sent: steadier than req/s on a shared machine. */
  cpuUsPerRequest: number;
}

const userSig = mintUserSig({ sdkAppId: DEMO_APP.sdkAppId, secretKey: DEMO_APP.secretKey, identifier: "administrator" });

/** The next request of a run: the console's API, Tencent's call signed as the console signs it, or a no-op. */
function requests(target: Target, rooms: string[], headers: Record<string, string>): () => Req {
  let n = 0;
  const room = () => rooms[n++ % rooms.length]!;
  // /api/health answers from memory: what Next itself costs per request on this machine.
  if (target === "no-op") return () => ({ method: "GET", path: "/api/health" });
  if (target !== "direct") return () => ({ method: "GET", path: `/api/rooms/${encodeURIComponent(room())}/stats`, headers });
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

/** Signs the first admin in and makes an API token with that session, as a person would. */
async function credentials(url: string): Promise<{ cookie: string; token: string }> {
  const headers = { "content-type": "application/json", origin: url };
  const signedIn = await fetch(`${url}/api/session`, { method: "POST", headers, body: JSON.stringify(ADMIN) });
  const cookie = signedIn.headers
    .getSetCookie()
    .map((c) => c.split(";", 1)[0]!)
    .find((c) => c.startsWith(`${SESSION_COOKIE}=`));
  if (!signedIn.ok || !cookie) throw new Error(`signing in failed with status ${signedIn.status}`);
  const created = await fetch(`${url}/api/tokens`, { method: "POST", headers: { ...headers, cookie }, body: JSON.stringify({ name: "bench", role: "ops" }) });
  if (!created.ok) throw new Error(`making a token failed with status ${created.status}`);
  const { token } = (await created.json()) as { token: string };
  return { cookie, token };
}

/** The newest audit row's id in the console's access database (rows are only added during a run). */
function auditTable(dataDir: string) {
  const db = new Database(join(dataDir, "access.db"), { readonly: true, fileMustExist: true });
  const newest = db.prepare<[], { id: number | null }>("SELECT max(id) AS id FROM audit_event");
  const lookups = db.prepare<[], { n: number }>("SELECT count(*) AS n FROM audit_event WHERE action = 'room.lookup'");
  return { newestId: () => newest.get()!.id ?? 0, lookups: () => lookups.get()!.n, close: () => db.close() };
}

/** USER_HZ, the unit of /proc/PID/stat times: 100 on every Linux. */
const CLOCK_TICKS_PER_S = 100;
/** A process's user and system CPU time in seconds, from /proc (Linux); NaN elsewhere. */
function cpuSeconds(pid: number | undefined): number {
  if (pid === undefined) return NaN;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_S;
  } catch {
    return NaN;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const upstreamCalls = async () => ((await (await fetch(`${simUrl}/__sim/calls`)).json()) as { total: number }).total;

/** Waits until the stand-in has answered what an earlier run left queued, so runs do not overlap. */
async function settle() {
  let last = await upstreamCalls();
  for (;;) {
    await sleep(300);
    const now = await upstreamCalls();
    if (now === last) return;
    last = now;
  }
}

const percentile = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : NaN);

/**
 * Runs `drive`, sampling the stand-in's counter to find the busiest one-second window it saw and,
 * for a console that audits, how far the audit table fell behind the answers; afterwards waits for
 * the run's last audit rows (at most 10 s).
 */
async function measured(drive: (latencies: number[]) => Promise<{ failures: number; sent: number }>, endpoint: Endpoint): Promise<Figures> {
  const { auditRows } = endpoint;
  await settle();
  const cpu0 = cpuSeconds(endpoint.pid);
  const latencies: number[] = [];
  const audit0 = auditRows?.() ?? 0;
  let auditBacklog = 0;
  const samples: [number, number][] = [[performance.now(), await upstreamCalls()]];
  const sampler = setInterval(async () => {
    if (auditRows) auditBacklog = Math.max(auditBacklog, latencies.length - (auditRows() - audit0));
    samples.push([performance.now(), await upstreamCalls()]);
  }, 100);
  const { failures, sent } = await drive(latencies);
  const cpuUsPerRequest = ((cpuSeconds(endpoint.pid) - cpu0) * 1e6) / sent;
  clearInterval(sampler);
  samples.push([performance.now(), await upstreamCalls()]);
  const ended = performance.now();
  let auditLandedMs = NaN;
  if (auditRows) {
    while (auditRows() - audit0 < sent && performance.now() - ended < 10_000) await sleep(20);
    auditLandedMs = performance.now() - ended;
  }
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
    sent,
    audited: auditRows ? auditRows() - audit0 : 0,
    auditBacklog,
    auditLandedMs,
    cpuUsPerRequest,
  };
}

/** Closed loop: `connections` clients, each sending its next request when the last is answered. */
function closedLoop(endpoint: Endpoint, next: () => Req, connections: number): Promise<Figures> {
  return measured(
    (latencies) =>
      new Promise((resolve, reject) => {
        const instance = autocannon(
          { url: endpoint.origin, connections, duration: DURATION_S, requests: [{ setupRequest: (req) => ({ ...req, ...next() }) }] },
          (err, result) => (err ? reject(err) : resolve({ failures: result.non2xx + result.errors + result.timeouts, sent: result.requests.sent })),
        );
        // autocannon's histogram keeps whole milliseconds; the event carries the exact time.
        instance.on("response", (_client, _status, _bytes, responseTime) => latencies.push(responseTime));
      }),
    endpoint,
  );
}

/**
 * Open loop: requests sent at a steady `rate` whether or not earlier ones were answered, as polling
 * operators do. Latency counts from the scheduled send time, so a stalled server cannot hide its
 * queue (coordinated omission).
 */
function openLoop(endpoint: Endpoint, next: () => Req, rate: number): Promise<Figures> {
  return measured(async (latencies) => {
    const pool = new Pool(endpoint.origin, { connections: 64, keepAliveTimeout: 10_000 });
    const total = rate * DURATION_S;
    const start = performance.now();
    let failures = 0;
    const inFlight: Promise<void>[] = [];
    for (let i = 0; i < total; i++) {
      const due = start + (i * 1000) / rate;
      const wait = due - performance.now();
      if (wait > 1) await sleep(wait);
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
    return { failures, sent: total };
  }, endpoint);
}

/** Each target ROUNDS times, in turn, starting one later each round; the figures by target, in round order. */
async function rounds<T extends Target>(targets: readonly T[], run: (target: T) => Promise<Figures>): Promise<Record<T, Figures[]>> {
  const byTarget = Object.fromEntries(targets.map((t) => [t, [] as Figures[]])) as Record<T, Figures[]>;
  for (let r = 0; r < ROUNDS; r++) {
    for (let i = 0; i < targets.length; i++) {
      const target = targets[(i + r) % targets.length]!;
      byTarget[target].push(await run(target));
    }
  }
  return byTarget;
}

const median = (xs: number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
const med = (runs: Figures[], pick: (f: Figures) => number) => median(runs.map(pick));
/** The median over rounds of a figure of `a` against the same round's `b`. */
const paired = (a: Figures[], b: Figures[], pick: (x: Figures, y: Figures) => number) => median(a.map((x, i) => pick(x, b[i]!)));
const sum = (runs: Figures[], pick: (f: Figures) => number) => runs.reduce((total, f) => total + pick(f), 0);
const fmt = (x: number, digits = 1) => (Number.isFinite(x) ? x.toFixed(digits) : "—");

async function main() {
  ensureBuild();
  const before = builtCheckout(BEFORE_COMMIT, process.env.BENCH_BEFORE_DIR);
  const sim = await startStandInProcess(SIM_PORT, ["--rate-limit", "1000000", "--seed", "3"]);
  // A database of its own for each console, removed afterwards.
  const dataDir = mkdtempSync(join(tmpdir(), "roomscope-bench-"));
  const beforeDataDir = mkdtempSync(join(tmpdir(), "roomscope-bench-before-"));
  const stops: (() => Promise<void> | void)[] = [() => sim.stop()];
  try {
    // Rooms that stay live for the whole run, so every lookup is a 200.
    const live = await sim.healthyRoomIds();
    const roomSets = { 1: ["demo-popular"], 100: live.slice(0, 100) };
    if (roomSets[100].length < 100) throw new Error("the stand-in has fewer than 100 live rooms");

    const app = await startConsole({
      port: APP_PORT,
      upstreamUrl: simUrl,
      quiet: true,
      env: { ...consoleEnv, DATA_DIR: dataDir, CONSOLE_ADMIN_EMAIL: ADMIN.email, CONSOLE_ADMIN_PASSWORD: ADMIN.password },
    });
    stops.unshift(() => app.stop());
    const beforeApp = await startConsole({ port: BEFORE_PORT, upstreamUrl: simUrl, quiet: true, checkout: before, env: { ...consoleEnv, DATA_DIR: beforeDataDir } });
    stops.unshift(() => beforeApp.stop());

    const { cookie, token } = await credentials(app.url);
    const audit = auditTable(dataDir);
    stops.unshift(() => void audit.close());
    const endpoints: Record<Target, Endpoint> = {
      before: { origin: beforeApp.url, headers: {}, pid: beforeApp.child.pid },
      token: { origin: app.url, headers: { authorization: `Bearer ${token}` }, auditRows: audit.newestId, pid: app.child.pid },
      session: { origin: app.url, headers: { cookie }, auditRows: audit.newestId, pid: app.child.pid },
      direct: { origin: simUrl, headers: {} },
      "no-op": { origin: app.url, headers: {} },
    };
    const closed = (target: Target, rooms: 1 | 100, connections: number) =>
      closedLoop(endpoints[target], requests(target, roomSets[rooms], endpoints[target].headers), connections);
    const open = (target: Target, rooms: 1 | 100) => openLoop(endpoints[target], requests(target, roomSets[rooms], endpoints[target].headers), 200);
    const audited: Record<"token" | "session", Figures[]> = { token: [], session: [] };

    console.log(`Roomscope benchmark: ${DURATION_S} s per run, medians of ${ROUNDS} rounds, Node ${process.version}, ${new Date().toISOString()}`);
    console.log(`before = ${BEFORE_COMMIT} (no access control); token and session = this build (${APP_PORT}), API_QUOTA_PER_MINUTE=${consoleEnv.API_QUOTA_PER_MINUTE}\n`);
    // Warm every path (JIT, connection pools, the token and session caches) before measuring.
    for (const target of ["before", "token", "session", "direct"] as const) {
      const warm = await closed(target, 100, 50);
      if (target === "token" || target === "session") audited[target].push(warm);
    }

    console.log("## Closed loop: each client sends its next lookup as soon as the last is answered\n");
    console.log("| clients | rooms | before req/s | token req/s | session req/s | token / before | session / before | direct req/s | Next no-op req/s | upstream max in any 1 s | console failures |");
    console.log("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    const latencyRows: string[] = [];
    const cpuRows: string[] = [];
    for (const connections of [1, 50, 500]) {
      for (const rooms of [1, 100] as const) {
        const targets = rooms === 1 ? (["before", "token", "session", "direct", "no-op"] as const) : (["before", "token", "session", "direct"] as const);
        const f = (await rounds<Target>(targets, (target) => closed(target, rooms, connections))) as Record<Target, Figures[]>;
        audited.token.push(...f.token);
        audited.session.push(...f.session);
        const consoles = [...f.before, ...f.token, ...f.session];
        console.log(
          `| ${connections} | ${rooms} | ${fmt(med(f.before, (x) => x.rps), 0)} | ${fmt(med(f.token, (x) => x.rps), 0)} | ${fmt(med(f.session, (x) => x.rps), 0)} | ${fmt(paired(f.token, f.before, (x, y) => x.rps / y.rps), 2)} | ${fmt(paired(f.session, f.before, (x, y) => x.rps / y.rps), 2)} | ${fmt(med(f.direct, (x) => x.rps), 0)} | ${f["no-op"] ? fmt(med(f["no-op"], (x) => x.rps), 0) : ""} | ${Math.max(...consoles.map((x) => x.upstreamMaxInAnySecond))} | ${sum(consoles, (x) => x.failures)} |`,
        );
        const cpu = (t: "before" | "token" | "session") => fmt(med(f[t], (x) => x.cpuUsPerRequest), 0);
        const cpuRatio = (t: "token" | "session") => fmt(paired(f[t], f.before, (x, y) => x.cpuUsPerRequest / y.cpuUsPerRequest), 2);
        cpuRows.push(`| ${connections} | ${rooms} | ${cpu("before")} | ${cpu("token")} | ${cpu("session")} | ${cpuRatio("token")} | ${cpuRatio("session")} |`);
        latencyRows.push(
          `| ${connections} | ${rooms} | ${(["before", "token", "session", "direct"] as const).map((t) => `${fmt(med(f[t], (x) => x.p50), 2)} | ${fmt(med(f[t], (x) => x.p99), 2)}`).join(" | ")} |`,
        );
      }
    }
    console.log("\n## Closed loop latency, ms (medians of the rounds' p50 and p99)\n");
    console.log("| clients | rooms | before p50 | before p99 | token p50 | token p99 | session p50 | session p99 | direct p50 | direct p99 |");
    console.log("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for (const row of latencyRows) console.log(row);

    console.log("\n## Closed loop: the console's CPU time per lookup, µs (medians; all its threads, from /proc)\n");
    console.log("| clients | rooms | before | token | session | token / before | session / before |");
    console.log("|---:|---:|---:|---:|---:|---:|---:|");
    for (const row of cpuRows) console.log(row);

    console.log("\n## Open loop at a steady 200 requests/s: latency each console adds over a direct call, ms\n");
    console.log("| rooms | before p50 | before p99 | token p50 | token p99 | session p50 | session p99 | direct p50 | direct p99 | added p99: before | token | session | Next no-op p99 | console failures |");
    console.log("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for (const rooms of [1, 100] as const) {
      const f = await rounds<Target>(["before", "token", "session", "direct", "no-op"], (target) => open(target, rooms));
      audited.token.push(...f.token);
      audited.session.push(...f.session);
      const added = (t: "before" | "token" | "session") => fmt(paired(f[t], f.direct, (x, y) => x.p99 - y.p99), 2);
      console.log(
        `| ${rooms} | ${(["before", "token", "session", "direct"] as const).map((t) => `${fmt(med(f[t], (x) => x.p50), 2)} | ${fmt(med(f[t], (x) => x.p99), 2)}`).join(" | ")} | ${added("before")} | ${added("token")} | ${added("session")} | ${fmt(med(f["no-op"], (x) => x.p99), 2)} | ${sum([...f.before, ...f.token, ...f.session], (x) => x.failures)} |`,
      );
    }

    console.log("\n## Audit log: one row per lookup (DATA_DIR/access.db, table audit_event)\n");
    console.log("| lookups with | runs | requests sent | rows written | missing | most answered but not yet written | longest wait for a run's last row, ms |");
    console.log("|---|---:|---:|---:|---:|---:|---:|");
    for (const target of ["token", "session"] as const) {
      const runs = audited[target];
      const sent = sum(runs, (x) => x.sent);
      const rows = sum(runs, (x) => x.audited);
      console.log(`| ${target} | ${runs.length} | ${sent} | ${rows} | ${sent - rows} | ${Math.max(...runs.map((x) => x.auditBacklog))} | ${fmt(Math.max(...runs.map((x) => x.auditLandedMs)), 0)} |`);
    }
    const sent = sum([...audited.token, ...audited.session], (x) => x.sent);
    await settle();
    await sleep(1500);
    console.log(`\n\`room.lookup\` rows in audit_event at the end: ${audit.lookups()} for ${sent} lookups sent with a token or a session.`);
  } finally {
    for (const stop of stops) await stop();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(beforeDataDir, { recursive: true, force: true });
  }
}

await main();
