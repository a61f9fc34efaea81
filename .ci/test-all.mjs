// `npm test`: every check the project has, in one run, closing with one line `N passed, N failed`
// (CI reads that line; neither Vitest's nor Playwright's own summary is recognised on its own).
//   0. ESLint and the TypeScript compiler, one check each; and that the README's first screen still
//      gives the two set-up commands (install and start the demo; run every test).
//   1. Vitest: unit tests and the integration tests of the route handlers against the stand-in.
//   2. `next build`, then Playwright in Chromium against the built console wired to the stand-in.
// Set SKIP_E2E=1 for a quick run without the browser.
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, existsSync, rmSync } from "node:fs";
import { join } from "node:path";

const root = new URL("..", import.meta.url).pathname;
const out = join(root, ".ci", "out");
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
const bin = (name) => join(root, "node_modules", ".bin", name);

function run(cmd, args, env = {}) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: "inherit", env: { ...process.env, ...env } });
  return r.status ?? 1;
}

const totals = { passed: 0, failed: 0, skipped: 0 };

// 0. Lint and types: a failure is counted, and the tests still run, so one report shows everything.
for (const [tool, args] of [["eslint", ["."]], ["tsc", ["--noEmit", "-p", "."]]]) {
  if (run(bin(tool), args) === 0) totals.passed += 1;
  else totals.failed += 1;
}

// The README promises two commands on its first screen; a lost or rewritten README must not pass.
const readmeTop = readFileSync(join(root, "README.md"), "utf8").split("\n").slice(0, 40).join("\n");
const promised = ["npm ci && npm run demo", "npm ci && npm test"].filter((command) => !readmeTop.includes(command));
if (promised.length === 0) totals.passed += 1;
else {
  console.error(`README.md no longer shows on its first screen: ${promised.join(", ")}`);
  totals.failed += 1;
}

// 1. Vitest
const vitestJson = join(out, "vitest.json");
const vitestStatus = run(bin("vitest"), ["run", "--reporter=default", "--reporter=json", `--outputFile.json=${vitestJson}`]);
if (existsSync(vitestJson)) {
  const r = JSON.parse(readFileSync(vitestJson, "utf8"));
  totals.passed += r.numPassedTests;
  // A file that fails to load has no test results of its own: count it once.
  const brokenFiles = r.testResults.filter((f) => f.status === "failed" && f.assertionResults.length === 0).length;
  totals.failed += r.numFailedTests + brokenFiles;
  totals.skipped += (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
} else {
  totals.failed += 1; // Vitest did not even report: count the run itself as a failure.
}
if (vitestStatus !== 0 && totals.failed === 0) totals.failed += 1;

// 2. Build + Playwright
if (process.env.SKIP_E2E !== "1") {
  // With the standalone folder too, which e2e/standalone.spec.ts runs on its own.
  const buildStatus = run(bin("next"), ["build"], { ROOMSCOPE_STANDALONE: "1" });
  if (buildStatus !== 0) {
    console.error("next build failed: the browser tests cannot run.");
    totals.failed += 1;
  } else {
    const pwJson = join(out, "playwright.json");
    const pwStatus = run(bin("playwright"), ["test", "--reporter=list,json"], { PLAYWRIGHT_JSON_OUTPUT_NAME: pwJson });
    if (existsSync(pwJson)) {
      const s = JSON.parse(readFileSync(pwJson, "utf8")).stats;
      totals.passed += s.expected + (s.flaky ?? 0);
      totals.failed += s.unexpected;
      totals.skipped += s.skipped ?? 0;
      if (pwStatus !== 0 && s.unexpected === 0) totals.failed += 1; // e.g. a web server that did not start
    } else {
      totals.failed += 1;
    }
  }
}

const skipped = totals.skipped ? `, ${totals.skipped} skipped` : "";
console.log(`\n${totals.passed} passed, ${totals.failed} failed${skipped}`);
process.exit(totals.failed === 0 ? 0 : 1);
