// `npm run bench:alerts`: 200 alert rules over 300 watched rooms, evaluated on schedule (see
// bench/README.md). The evaluator runs as lib/server/container.ts builds it, over the store as the
// console opens it (the embedded SQLite file behind the outage guard and the sample cache), while a
// writer adds every room's sample at the recorder's 10 s cadence, spread over the interval as the
// recorder spreads them. Prints each cycle's time (median, p99, max), whether every cycle finished
// inside its interval, and the process's CPU over the run. Runs under `tsx --conditions=react-server`.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { alertRuleInputSchema, type AlertRule } from "@/lib/contract/alerts";
import { STAT_KEYS, type StatKey } from "@/lib/contract/stats";
import { zeroStats } from "@/lib/testing/fixtures";

const { createAlertEvaluator } = await import("@/lib/alerts/evaluator");
const { withOutageGuard } = await import("@/lib/store/outage-guard");
const { withSampleCache } = await import("@/lib/store/sample-cache");
const { openSqliteStore } = await import("@/lib/store/sqlite-store");

const ROOMS = Number(process.env.BENCH_ALERT_ROOMS ?? 300);
const RULES = Number(process.env.BENCH_ALERT_RULES ?? 200);
/** Rules over every watched room; the rest are on one room each. */
const FLEET_RULES = Number(process.env.BENCH_ALERT_FLEET_RULES ?? 10);
const INTERVAL_MS = Number(process.env.BENCH_ALERT_INTERVAL_S ?? 10) * 1000;
const CYCLES = Number(process.env.BENCH_ALERT_CYCLES ?? 12);
/** Recorded history before the run: enough for the longest lookback (a 15 min rate, a 10 min drop). */
const HISTORY_MIN = 30;

const dataDir = mkdtempSync(join(tmpdir(), "roomscope-bench-alerts-"));
const store = withSampleCache(withOutageGuard(openSqliteStore({ dataDir })), { shared: false });
const roomIds = Array.from({ length: ROOMS }, (_, i) => `bench-room-${String(i).padStart(3, "0")}`);

// Each room's counters grow at a pace of its own; a few rooms dry up halfway, so drops fire.
const pace = (i: number, key: StatKey) => 1 + ((i * 7 + STAT_KEYS.indexOf(key) * 13) % 40);
const counts = roomIds.map(() => zeroStats());
function nextStats(i: number, dtMs: number, t: number) {
  const dried = i % 25 === 0 && t > start + (CYCLES * INTERVAL_MS) / 2;
  for (const key of STAT_KEYS) counts[i]![key] += Math.round(((dried ? 0.1 : 1) * pace(i, key) * dtMs) / 60_000 * 6);
  return { ...counts[i]! };
}

const start = Date.now();
console.error(`writing ${HISTORY_MIN} min of history for ${ROOMS} rooms…`);
for (const roomId of roomIds) await store.watch(roomId, start - HISTORY_MIN * 60_000);
for (let t = start - HISTORY_MIN * 60_000; t <= start; t += 10_000) {
  await store.addSamples(roomIds.map((roomId, i) => ({ roomId, sample: { t, stats: nextStats(i, 10_000, t) } })));
}

const conditions = [
  { kind: "rate", key: "totalMsgCount", window: "5m", op: "below", threshold: 5 },
  { kind: "total", key: "totalViewers", op: "above", threshold: 50_000 },
  { kind: "drop", key: "totalGiftCoins", percent: 50, withinMs: 600_000, rateWindow: "1m" },
  { kind: "rate", key: "totalLikesReceived", window: "15m", op: "above", threshold: 200 },
  { kind: "stale", cadences: 6 },
  { kind: "ended" },
];
for (let r = 0; r < RULES; r++) {
  const rule: AlertRule = {
    ...alertRuleInputSchema.parse({
      name: `bench rule ${r}`,
      scope: r < FLEET_RULES ? { kind: "watched" } : { kind: "room", roomId: roomIds[r % ROOMS] },
      condition: conditions[r % conditions.length],
      pendingMs: (r % 3) * INTERVAL_MS,
    }),
    id: `bench-rule-${r}`,
    createdAt: start,
    updatedAt: start,
  };
  await store.alerts.putRule(rule);
}

// The recorder's writes during the run: every room once per interval, spread evenly.
let next = 0;
const writer = setInterval(() => {
  const batch = Math.ceil(ROOMS / (INTERVAL_MS / 100));
  const t = Date.now();
  const entries = [];
  for (let k = 0; k < batch; k++, next = (next + 1) % ROOMS) entries.push({ roomId: roomIds[next]!, sample: { t, stats: nextStats(next, INTERVAL_MS, t) } });
  void store.addSamples(entries);
}, 100);

const evaluator = createAlertEvaluator({ store, cadenceMs: () => INTERVAL_MS, credential: () => "ok", intervalMs: INTERVAL_MS });
const cpuBefore = process.cpuUsage();
const wallBefore = performance.now();
const cycles: { ms: number; pairs: number; changes: number }[] = [];
let late = 0;
for (let c = 0; c < CYCLES; c++) {
  const due = wallBefore + c * INTERVAL_MS;
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, due - performance.now())));
  const report = await evaluator.evaluateOnce();
  if (report.ms > INTERVAL_MS) late++;
  cycles.push({ ms: report.ms, pairs: report.pairs, changes: report.changes });
  console.error(`cycle ${c + 1}/${CYCLES}: ${report.ms.toFixed(1)} ms, ${report.pairs} pairs, ${report.changes} changes`);
}
const wall = performance.now() - wallBefore;
const cpu = process.cpuUsage(cpuBefore);
clearInterval(writer);

const sorted = cycles.map((c) => c.ms).sort((a, b) => a - b);
const pct = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
const median = sorted[Math.floor(sorted.length / 2)]!;
const changes = cycles.reduce((sum, c) => sum + c.changes, 0);

console.log(`| rules | rooms | pairs per cycle | cycles | cycle median | cycle p99 | cycle max | late cycles | CPU (whole process, incl. the writer) | state changes recorded |`);
console.log(`|---|---|---|---|---|---|---|---|---|---|`);
console.log(
  `| ${RULES} (${FLEET_RULES} over every watched room) | ${ROOMS} | ${cycles[0]!.pairs} | ${CYCLES} every ${INTERVAL_MS / 1000} s | ${median.toFixed(1)} ms | ${pct(99).toFixed(1)} ms | ${sorted.at(-1)!.toFixed(1)} ms | ${late} | ${(((cpu.user + cpu.system) / 1000 / wall) * 100).toFixed(1)} % of one core | ${changes} (${cycles[0]!.changes} in the first cycle) |`,
);

await store.close();
rmSync(dataDir, { recursive: true, force: true });
