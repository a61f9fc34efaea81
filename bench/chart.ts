// `npm run bench:chart`: a room page whose room has 10,000 raw samples, in Chromium: how long the
// recorded-history charts take to draw after the history data arrives. Runs under
// `tsx --conditions=react-server` (it seeds the store with the server's own code).
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "@playwright/test";
import { STAT_KEYS } from "@/lib/contract/stats";
import { zeroStats } from "@/lib/testing/fixtures";
import { openSqliteStore } from "@/lib/store/sqlite-store";
import { ensureBuild, startConsole, startStandInProcess } from "@/simulator/launch-console";

const SIM_PORT = Number(process.env.BENCH_SIM_PORT ?? 9430);
const APP_PORT = Number(process.env.BENCH_APP_PORT ?? 3430);
const RUNS = Number(process.env.BENCH_RUNS ?? 11);
const SAMPLES = 10_000;

const dataDir = mkdtempSync(join(tmpdir(), "roomscope-bench-chart-"));
ensureBuild();
const sim = await startStandInProcess(SIM_PORT, ["--seed", "4"]);
try {
  const roomId = (await sim.healthyRoomIds())[0]!;
  // 10,000 samples at 5 s ending a minute ago: about 14 hours of a stream.
  const store = openSqliteStore({ dataDir });
  const end = Date.now() - 60_000;
  const totals = zeroStats();
  const entries = [];
  for (let i = 0; i < SAMPLES; i++) {
    for (const k of STAT_KEYS) totals[k] += Math.floor(Math.random() * 40);
    entries.push({ roomId, sample: { t: end - (SAMPLES - i) * 5000, stats: { ...totals } } });
  }
  await store.addSamples(entries);
  await store.close();

  const browser = await chromium.launch(
    existsSync("/usr/bin/chromium")
      ? {
          executablePath: "/usr/bin/chromium",
          args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
        }
      : {},
  );
  const app = await startConsole({ port: APP_PORT, upstreamUrl: sim.url, quiet: true, env: { DATA_DIR: dataDir } }).catch(async (error: unknown) => {
    await browser.close();
    throw error;
  });
  try {
    const firsts: number[] = [];
    const draws: number[] = [];
    const tasks: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
      // Note when the last history chart line appears, in the page's own clock.
      await page.addInitScript(() => {
        const w = window as unknown as { __firstAt?: number; __drawnAt?: number; __long: { start: number; duration: number }[] };
        w.__long = [];
        // Long tasks say whether the wait is script work (rendering) rather than the network.
        new PerformanceObserver((list) => list.getEntries().forEach((e) => w.__long.push({ start: e.startTime, duration: e.duration }))).observe({
          type: "longtask",
          buffered: true,
        });
        new MutationObserver(() => {
          // Only the recorded-history small multiples are figures with a curve (the live chart, still Recharts, has none).
          const lines = document.querySelectorAll("figure svg path[data-series]");
          if (lines.length >= 1 && w.__firstAt === undefined) w.__firstAt = performance.now();
          if (lines.length >= 6 && w.__drawnAt === undefined) w.__drawnAt = performance.now();
        }).observe(document, { subtree: true, childList: true, attributes: true });
      });
      await page.goto(`${app.url}/rooms/${roomId}?range=all`);
      await page.waitForFunction(() => (window as unknown as { __drawnAt?: number }).__drawnAt !== undefined, undefined, { timeout: 30_000 });
      const { arrivedAt, firstAt, drawnAt, points, longest } = await page.evaluate(() => {
        const entry = performance.getEntriesByType("resource").find((e) => e.name.includes("/history?")) as PerformanceResourceTiming;
        const w = window as unknown as { __firstAt: number; __drawnAt: number; __long: { start: number; duration: number }[] };
        return {
          arrivedAt: entry.responseEnd,
          firstAt: w.__firstAt,
          drawnAt: w.__drawnAt,
          longest: Math.max(0, ...w.__long.filter((t) => t.start >= entry.responseEnd - 1).map((t) => t.duration)),
          points: document.querySelector("figure svg path[data-series]")?.getAttribute("d")?.split(/[LM]/).length ?? 0,
        };
      });
      if (run > 0) {
        // The first run warms the server's cache and JIT.
        firsts.push(firstAt - arrivedAt);
        draws.push(drawnAt - arrivedAt);
        tasks.push(longest);
      }
      if (run === 0) console.log(`room ${roomId}: ${SAMPLES} raw samples; the first chart draws ${points - 1} points\n`);
      await page.close();
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    console.log("| runs | first chart drawn, median ms | all six drawn, median ms | longest task after arrival, median ms | max ms |");
    console.log("|---:|---:|---:|---:|---:|");
    console.log(
      `| ${draws.length} | ${median(firsts).toFixed(0)} | ${median(draws).toFixed(0)} | ${median(tasks).toFixed(0)} | ${Math.max(...tasks).toFixed(0)} |`,
    );
  } finally {
    await browser.close();
    await app.stop();
  }
} finally {
  sim.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
