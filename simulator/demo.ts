// `npm run demo`: the stand-in and the console wired to it, for a first look on a fresh machine.
// Builds the console when there is no build or the sources are newer than it, then starts both and
// prints where to go. Ctrl-C stops both.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { DEMO_APP } from "./demo-app";
import { createSimulator } from "./server";

const root = new URL("..", import.meta.url).pathname;
const port = Number(process.env.PORT ?? 3000);
const simPort = Number(process.env.SIM_PORT ?? 9100);

function newestSourceMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSourceMtime(path));
    else newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

function buildIsStale(): boolean {
  const buildId = join(root, ".next", "BUILD_ID");
  if (!existsSync(buildId)) return true;
  const built = statSync(buildId).mtimeMs;
  const sources = ["app", "components", "lib", "public"].map((d) => join(root, d)).filter(existsSync);
  return Math.max(...sources.map(newestSourceMtime)) > built;
}

if (buildIsStale()) {
  console.log("Building the console (first run or changed sources; about a minute)...");
  const build = spawnSync(join(root, "node_modules", ".bin", "next"), ["build"], { cwd: root, stdio: "inherit" });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const sim = await createSimulator({ port: simPort });
const consoleServer = spawn(join(root, "node_modules", ".bin", "next"), ["start", "-p", String(port)], {
  cwd: root,
  stdio: ["ignore", "inherit", "inherit"],
  env: {
    ...process.env,
    TENCENT_SDKAPPID: String(DEMO_APP.sdkAppId),
    TENCENT_SECRET_KEY: DEMO_APP.secretKey,
    TENCENT_API_BASE_URL: sim.url,
    ROOMSCOPE_SIMULATED: "true",
  },
});

const rooms = sim.roomIds();
console.log(`
Roomscope demo (simulated data)
  console:   http://localhost:${port}
  stand-in:  ${sim.url}  (SDKAppID ${DEMO_APP.sdkAppId})

Rooms to try:
  demo-popular, demo-quiet, ${rooms.find((r) => !r.startsWith("demo-") && !/^live-/.test(r)) ?? ""}
  demo-ending (ends a few minutes after start), demo-ended (already dismissed)
  demo-flaky, demo-slow, demo-storm, demo-html502, demo-truncated, demo-down (fault modes)
  ${rooms.filter((r) => r.startsWith("live-")).slice(0, 3).join(", ")} ... (${rooms.length} rooms in all)
`);

let stopping = false;
async function stop(code: number) {
  if (stopping) return;
  stopping = true;
  consoleServer.kill("SIGTERM");
  await sim.close();
  process.exit(code);
}
process.on("SIGINT", () => void stop(0));
process.on("SIGTERM", () => void stop(0));
consoleServer.on("exit", (code) => void stop(code ?? 1));
