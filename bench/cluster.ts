// `npm run bench:cluster`: three console instances on one PostgreSQL database and one Redis, the
// stand-in counting Tencent's limit where calls arrive, and 1,000 simulated operators, for about
// three minutes, through a kill, a restart, a Redis restart and a PostgreSQL outage. See
// bench/README.md ("Several instances") for the figures and how to read them.
//
// What is real: every process (the consoles as `npm start` runs them, the stand-in, a Redis of the
// harness's own so it can be restarted, the machine's PostgreSQL in a database of the run's own).
// The one stand-in: PostgreSQL's outage is a TCP hop in front of it that drops every connection and
// refuses new ones for 30 s, which is what a stopped server looks like to the consoles, without
// stopping the server the machine shares.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Client } from "pg";
import { Pool } from "undici";
import { SESSION_COOKIE } from "@/lib/auth/names";
import { createTestDatabase } from "@/lib/testing/postgres";
import { tcpLink } from "@/lib/testing/tcp-link";
import { ensureBuild, startConsole, startStandInProcess, type ConsoleProcess } from "@/simulator/launch-console";

const SIM_PORT = Number(process.env.BENCH_SIM_PORT ?? 9710);
const APP_PORT = Number(process.env.BENCH_APP_PORT ?? 3710);
const REDIS_PORT = Number(process.env.BENCH_REDIS_PORT ?? 6391);
const OPERATORS = Number(process.env.BENCH_OPERATORS ?? 1000);
/** Seconds of each phase; the whole run is their sum. */
const PHASE_S = Number(process.env.BENCH_PHASE_S ?? 30);
const INSTANCES = 3;
const CADENCE_S = 10;
const ADMIN = { email: "bench@example.com", password: "bench-password-0123" };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const percentile = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : NaN);
const fmt = (x: number, digits = 1) => (Number.isFinite(x) ? x.toFixed(digits) : "—");

/** A Redis of the harness's own, so that restarting it disturbs nothing else on the machine. */
async function startRedis(): Promise<ChildProcess> {
  const child = spawn("redis-server", ["--port", String(REDIS_PORT), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], { stdio: "ignore" });
  for (let i = 0; i < 50; i++) {
    const ok = await new Promise<boolean>((resolve) => {
      const ping = spawn("redis-cli", ["-p", String(REDIS_PORT), "ping"], { stdio: "ignore" });
      ping.on("exit", (code) => resolve(code === 0));
    });
    if (ok) return child;
    await sleep(100);
  }
  throw new Error("redis-server did not start");
}

async function stopProcess(child: ChildProcess, signal: NodeJS.Signals = "SIGTERM") {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill(signal);
  await exited;
}

type Kind = "room" | "overview" | "report" | "csv";
interface Outcome {
  at: number;
  kind: Kind;
  ms: number;
  status: number;
}

interface Phase {
  name: string;
  from: number;
  to: number;
}

async function main() {
  ensureBuild();
  const cleanups: (() => Promise<void> | void)[] = [];
  try {
    const database = await createTestDatabase();
    cleanups.push(() => database.drop());
    const pgUrl = new URL(database.url);
    const pgLink = await tcpLink(pgUrl.hostname, Number(pgUrl.port || 5432), "postgres");
    cleanups.push(() => pgLink.close());
    const linkedUrl = new URL(database.url);
    linkedUrl.host = `127.0.0.1:${pgLink.port}`;

    let redis = await startRedis();
    cleanups.push(() => stopProcess(redis));
    const sim = await startStandInProcess(SIM_PORT, ["--rooms", "340", "--seed", "5", "--rate-limit", "100", "--jitter-ms", "20"]);
    cleanups.push(() => sim.stop());
    const rooms = (await sim.healthyRoomIds()).slice(0, 300);
    if (rooms.length < 300) throw new Error(`the stand-in has ${rooms.length} healthy rooms, not 300`);
    const recorded = rooms.slice(0, 200);

    const dataDirs: string[] = [];
    cleanups.push(() => dataDirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
    const dataDir = (i: number) => {
      const dir = mkdtempSync(join(tmpdir(), `roomscope-cluster-${i}-`));
      dataDirs.push(dir);
      return dir;
    };
    const env = (i: number): Record<string, string> => ({
      DATA_DIR: dataDir(i),
      DATABASE_URL: linkedUrl.toString(),
      REDIS_URL: `redis://127.0.0.1:${REDIS_PORT}`,
      REDIS_PREFIX: "bench:",
      CONSOLE_INSTANCES: String(INSTANCES),
      AUTH_SECRET: "a-shared-secret-for-the-benchmark-0123456789",
      CONSOLE_ADMIN_EMAIL: ADMIN.email,
      CONSOLE_ADMIN_PASSWORD: ADMIN.password,
      RECORD_INTERVAL_S: String(CADENCE_S),
      // Only the watched rooms are recorded: the expected samples are then known.
      RECORD_VIEWED_HOURS: "0",
      // 300 rooms polled every 2-10 s by three operators each want about one call per room per
      // window: 30 calls/s at 10 s, plus the recorder's 20, within the 57/s two instances of three
      // bring to the pool while the third is down (at 5 s the lookups alone want 60).
      STATS_FRESHNESS_MS: "10000",
      API_QUOTA_PER_MINUTE: "1000000",
    });
    const consoles: (ConsoleProcess | null)[] = [];
    // The first migrates the new database; the others start once it has.
    for (let i = 0; i < INSTANCES; i++) {
      const app = await startConsole({ port: APP_PORT + i, upstreamUrl: sim.url, quiet: true, env: env(i) });
      consoles.push(app);
      cleanups.push(() => app.stop());
    }
    const origins = consoles.map((_, i) => `http://127.0.0.1:${APP_PORT + i}`);

    // An admin token, made as a person would (sign in, create), and the rooms to record.
    const headers = { "content-type": "application/json", origin: origins[0]! };
    const signedIn = await fetch(`${origins[0]}/api/session`, { method: "POST", headers, body: JSON.stringify(ADMIN) });
    const cookie = signedIn.headers.getSetCookie().map((c) => c.split(";", 1)[0]!).find((c) => c.startsWith(`${SESSION_COOKIE}=`));
    const created = await fetch(`${origins[0]}/api/tokens`, { method: "POST", headers: { ...headers, cookie: cookie! }, body: JSON.stringify({ name: "bench", role: "admin" }) });
    const { token } = (await created.json()) as { token: string };
    const auth = { authorization: `Bearer ${token}` };
    for (const roomId of recorded) {
      const res = await fetch(`${origins[1]}/api/watchlist`, { method: "POST", headers: { ...auth, "content-type": "application/json" }, body: JSON.stringify({ roomId }) });
      if (!res.ok) throw new Error(`watching ${roomId} failed with ${res.status}`);
    }

    const pools = origins.map((origin) => new Pool(origin, { connections: 200 }));
    cleanups.push(() => Promise.all(pools.map((p) => p.close())).then(() => undefined));
    const outcomes: Outcome[] = [];
    const started = Date.now();
    const phaseLength = PHASE_S * 1000;
    const phases: Phase[] = [
      "three instances",
      "instance 3 killed (SIGKILL)",
      "instance 3 restarted",
      "Redis restarted",
      "PostgreSQL unreachable for 30 s",
      "PostgreSQL back",
    ].map((name, i) => ({ name, from: started + i * phaseLength, to: started + (i + 1) * phaseLength }));
    const endsAt = phases.at(-1)!.to;
    const alive = new Set([0, 1, 2]);

    // The stand-in's count of arrivals, every 100 ms: the busiest second as Tencent would count it.
    const arrivals: [number, number][] = [];
    const counters = async () => (await (await fetch(`${sim.url}/__sim/calls`)).json()) as { total: number; rejectedRateLimit: number; busiestSecond: number };
    const sampler = setInterval(() => void counters().then((c) => arrivals.push([Date.now(), c.total])), 100);
    // How many rooms each live instance records, from its metrics: the sum over the fleet is 200
    // when every recorded room has exactly one instance, more when some room has two.
    const owned: [number, number][] = [];
    const ownership = setInterval(async () => {
      const counts = await Promise.all(
        [...alive].map(async (i) => {
          const text = await fetch(`${origins[i]}/api/metrics`, { headers: auth }).then((r) => r.text(), () => "");
          return Number(/^roomscope_recorder_rooms (\d+)$/m.exec(text)?.[1] ?? NaN);
        }),
      );
      if (counts.every(Number.isFinite)) owned.push([Date.now(), counts.reduce((a, b) => a + b, 0)]);
    }, 2000);

    // Operators: most watch a room page (its stats every 2-10 s), some an overview, a report or an
    // export; each talks to one instance and moves to the next when it cannot reach it, as a load
    // balancer's retry would.
    let seed = 12345;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const operator = async (n: number) => {
      const r = random();
      const kind: Kind = r < 0.85 ? "room" : r < 0.95 ? "overview" : r < 0.99 ? "report" : "csv";
      const roomId = rooms[Math.floor(random() * rooms.length)]!;
      const every = kind === "room" ? 2000 + random() * 8000 : kind === "overview" ? 10_000 : kind === "report" ? 30_000 : 60_000;
      const path = kind === "room" ? `/api/rooms/${roomId}/stats` : kind === "overview" ? "/api/rooms?watchlist=1" : kind === "report" ? `/api/rooms/${recorded[n % recorded.length]}/report` : `/api/rooms/${recorded[n % recorded.length]}/history.csv`;
      let instance = n % INSTANCES;
      await sleep(random() * every);
      while (Date.now() < endsAt) {
        const at = Date.now();
        let status = 0;
        try {
          const res = await pools[instance]!.request({ method: "GET", path, headers: auth, headersTimeout: 15_000, bodyTimeout: 15_000 });
          await res.body.text();
          status = res.statusCode;
        } catch {
          status = 0;
          instance = (instance + 1) % INSTANCES;
        }
        outcomes.push({ at, kind, ms: Date.now() - at, status });
        await sleep(Math.max(0, every - (Date.now() - at)));
      }
    };
    const load = Promise.all(Array.from({ length: OPERATORS }, (_, n) => operator(n)));

    // The faults, each at the start of its phase.
    const at = (phase: number) => sleep(Math.max(0, phases[phase]!.from - Date.now()));
    await at(1);
    await stopProcess(consoles[2]!.child, "SIGKILL");
    alive.delete(2);
    await at(2);
    consoles[2] = await startConsole({ port: APP_PORT + 2, upstreamUrl: sim.url, quiet: true, env: env(2) });
    alive.add(2);
    cleanups.push(() => consoles[2]!.stop());
    await at(3);
    await stopProcess(redis);
    redis = await startRedis();
    await at(4);
    pgLink.cut();
    await at(5);
    pgLink.restore();
    await load;
    clearInterval(sampler);
    clearInterval(ownership);
    // Let the last samples and anything queued during the outage reach the database.
    await sleep(5000);
    const finalCounters = await counters();

    // Samples recorded per watched room, from the database itself.
    const pg = new Client({ connectionString: database.url });
    await pg.connect();
    const { rows } = await pg.query<{ room_id: string; t: string }>(
      "SELECT r.room_id, s.t FROM samples s JOIN rooms r ON r.id = s.room WHERE s.t >= $1 AND s.t <= $2 ORDER BY r.room_id, s.t",
      [started, endsAt],
    );
    await pg.end();
    const byRoom = new Map<string, number[]>();
    for (const row of rows) byRoom.set(row.room_id, [...(byRoom.get(row.room_id) ?? []), Number(row.t)]);

    console.log(`Roomscope cluster benchmark: ${INSTANCES} instances, ${OPERATORS} operators over ${rooms.length} rooms (${recorded.length} recorded every ${CADENCE_S} s), ${phases.length} phases of ${PHASE_S} s, Node ${process.version}, ${new Date().toISOString()}\n`);
    console.log("| phase | requests | failed | p50 ms | p99 ms | upstream arrivals, busiest 1 s | rooms recorded by the fleet, min-max | room gaps over 2 cadences begun in it |");
    console.log("|---|---:|---:|---:|---:|---:|---:|---:|");
    for (const phase of phases) {
      const inPhase = outcomes.filter((o) => o.at >= phase.from && o.at < phase.to);
      const failed = inPhase.filter((o) => o.status !== 200).length;
      const latencies = inPhase.map((o) => o.ms).sort((a, b) => a - b);
      const window = arrivals.filter(([t]) => t >= phase.from && t < phase.to);
      let busiest = 0;
      for (let i = 0, j = 0; i < window.length; i++) {
        while (window[i]![0] - window[j]![0] > 1000) j++;
        busiest = Math.max(busiest, window[i]![1] - window[j]![1]);
      }
      let gaps = 0;
      for (const times of recorded.map((r) => byRoom.get(r) ?? [])) {
        for (let i = 1; i < times.length; i++) if (times[i - 1]! >= phase.from && times[i - 1]! < phase.to && times[i]! - times[i - 1]! > 2 * CADENCE_S * 1000) gaps++;
      }
      const sums = owned.filter(([t]) => t >= phase.from && t < phase.to).map(([, n]) => n);
      console.log(`| ${phase.name} | ${inPhase.length} | ${failed} | ${fmt(percentile(latencies, 50))} | ${fmt(percentile(latencies, 99))} | ${busiest} | ${Math.min(...sums)}-${Math.max(...sums)} | ${gaps} |`);
    }

    const all = outcomes.map((o) => o.ms).sort((a, b) => a - b);
    const byStatus = new Map<number, number>();
    for (const o of outcomes) byStatus.set(o.status, (byStatus.get(o.status) ?? 0) + 1);
    const expected = Math.floor((endsAt - started) / (CADENCE_S * 1000));
    const counts = recorded.map((r) => byRoom.get(r)?.length ?? 0);
    const gapsMs = recorded.flatMap((r) => {
      const times = byRoom.get(r) ?? [];
      return times.slice(1).map((t, i) => t - times[i]!);
    });

    const byKind = (["room", "overview", "report", "csv"] as const).map((kind) => {
      const ms = outcomes.filter((o) => o.kind === kind).map((o) => o.ms).sort((a, b) => a - b);
      return `${kind} ${ms.length} requests, p50 ${fmt(percentile(ms, 50))} ms, p99 ${fmt(percentile(ms, 99))} ms`;
    });
    console.log(`\nBy kind: ${byKind.join("; ")}.`);
    const slowest = [...outcomes].sort((a, b) => b.ms - a.ms).slice(0, 5);
    console.log(`Slowest: ${slowest.map((o) => `${o.kind} ${o.status} ${o.ms} ms at +${Math.round((o.at - started) / 1000)} s`).join("; ")}.`);
    console.log(`\nRequests: ${outcomes.length}, by status ${JSON.stringify(Object.fromEntries(byStatus))}; p50 ${fmt(percentile(all, 50))} ms, p99 ${fmt(percentile(all, 99))} ms.`);
    console.log(`Upstream (the stand-in, at arrival): busiest second ${finalCounters.busiestSecond} calls, ${finalCounters.rejectedRateLimit} answered 60007.`);
    console.log(
      `Samples: ${counts.reduce((a, b) => a + b, 0)} for ${recorded.length} rooms, about ${expected} expected each; fewest ${Math.min(...counts)}, most ${Math.max(...counts)}; longest gap ${fmt(Math.max(...gapsMs) / 1000)} s (lookups of a recorded room are samples too, so a room looked up often has more).`,
    );
  } finally {
    for (const cleanup of cleanups.reverse()) await Promise.resolve(cleanup()).catch(() => undefined);
  }
}

await main();
