// Starting the built console from the demo and the benchmark: build when needed, then the
// production server (server.mjs, as `npm start` runs it) as a child process wired to a stand-in,
// stopped by PID. Both take another checkout's folder too (the benchmark's build from before a change).
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { DEMO_APP } from "./demo-app";

const root = new URL("..", import.meta.url).pathname;

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** Runs `next build` in `checkout` (this one by default) when there is no build or a source is newer than it. */
export function ensureBuild(checkout: string = root): void {
  const buildId = join(checkout, ".next", "BUILD_ID");
  const sources = ["app", "components", "lib", "public"].map((d) => join(checkout, d)).filter(existsSync);
  if (existsSync(buildId) && Math.max(...sources.map(newestMtime)) <= statSync(buildId).mtimeMs) return;
  console.log(`Building the console in ${checkout} (first run or changed sources; about a minute)...`);
  const build = spawnSync(join(checkout, "node_modules", ".bin", "next"), ["build"], { cwd: checkout, stdio: "inherit" });
  if (build.status !== 0) throw new Error("next build failed");
}

export interface ConsoleProcess {
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/**
 * Starts the built console against a stand-in at `upstreamUrl` and resolves once it answers; the
 * build of `checkout` when given, else this one's.
 */
export async function startConsole(options: {
  port: number;
  upstreamUrl: string;
  env?: Record<string, string>;
  quiet?: boolean;
  checkout?: string;
}): Promise<ConsoleProcess> {
  const checkout = options.checkout ?? root;
  const url = `http://127.0.0.1:${options.port}`;
  // Something already answering there (a console left over from an earlier run) would otherwise be
  // taken for this one, with its own data and build.
  if (await fetch(url).then(() => true, () => false)) throw new Error(`port ${options.port} is already in use (${url} answers)`);
  const child = spawn(process.execPath, [join(checkout, "server.mjs")], {
    cwd: checkout,
    stdio: ["ignore", options.quiet ? "ignore" : "inherit", "inherit"],
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(options.port),
      HOST: "127.0.0.1",
      TENCENT_SDKAPPID: String(DEMO_APP.sdkAppId),
      TENCENT_SECRET_KEY: DEMO_APP.secretKey,
      TENCENT_API_BASE_URL: options.upstreamUrl,
      ROOMSCOPE_SIMULATED: "true",
      ...options.env,
    },
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the console exited with code ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/api/health`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill("SIGTERM");
      throw new Error("the console did not start within 30 s");
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    child,
    async stop() {
      if (child.exitCode === null) child.kill("SIGTERM");
      await exited;
    },
  };
}

export interface StandInProcess {
  url: string;
  /** Rooms with no fault that stay live for the whole run (`live-…`), in catalogue order. */
  healthyRoomIds(): Promise<string[]>;
  stop(): void;
}

/** Starts the stand-in as a process of its own (so its work does not share a benchmark's event loop). */
export async function startStandInProcess(port: number, args: string[] = []): Promise<StandInProcess> {
  const child = spawn(join(root, "node_modules", ".bin", "tsx"), ["simulator/main.ts", "--port", String(port), ...args], { cwd: root, stdio: "ignore" });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${url}/__sim/health`)).ok) break;
    } catch {
      if (i > 100 || child.exitCode !== null) {
        child.kill("SIGTERM");
        throw new Error("the stand-in did not start");
      }
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  return {
    url,
    async healthyRoomIds() {
      const catalogue = (await (await fetch(`${url}/__sim/rooms`)).json()) as { roomId: string; endedAt: number | null; fault: string }[];
      return catalogue.filter((r) => r.endedAt === null && r.fault === "none" && r.roomId.startsWith("live-")).map((r) => r.roomId);
    },
    stop: () => void child.kill("SIGTERM"),
  };
}
