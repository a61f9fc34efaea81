// Drives the real route handlers in-process against a real stand-in (simulator/), for integration
// tests. Configuration goes through process.env exactly as in production; each configure() starts a
// fresh service, as a restarted server would, with its history in a temporary folder of its own
// unless DATA_DIR is given.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { vi } from "vitest";
import { DEMO_APP } from "@/simulator/demo-app";
import { createSimulator, type Simulator, type SimulatorOptions } from "@/simulator/server";
import { SERVICES_KEY as SERVICE_KEY } from "@/lib/server/container";

const CONFIG_VARS = [
  "TENCENT_SDKAPPID",
  "TENCENT_SECRET_KEY",
  "TENCENT_USERSIG",
  "TENCENT_ADMIN_USERID",
  "TENCENT_REGION",
  "TENCENT_API_BASE_URL",
  "TENCENT_RATE_LIMIT",
  "STATS_FRESHNESS_MS",
  "ROOMSCOPE_SIMULATED",
  "DATA_DIR",
  "HISTORY_RETENTION_DAYS",
  "RECORD_VIEWED_HOURS",
  "RECORD_INTERVAL_S",
  "RECORD_BUDGET_SHARE",
];

type Service = import("@/lib/server/container").Services;
const tempDirs: string[] = [];

/** A fresh folder for a console's database; removed by disposeConsole(). */
export function tempDataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "roomscope-test-"));
  tempDirs.push(dir);
  return dir;
}

function currentService(): Service | undefined {
  return (globalThis as Record<symbol, Service | undefined>)[SERVICE_KEY];
}

export async function startStandIn(options: SimulatorOptions = {}): Promise<Simulator> {
  return createSimulator({ port: 0, seed: 7, ...options });
}

/**
 * Points a fresh console at the stand-in, with the demo app's key unless told otherwise. `deps`
 * replaces parts of the console, as createServices allows (a store with a size cap, say).
 */
export async function configureConsole(
  sim: Simulator,
  env: Record<string, string | undefined> = {},
  deps: import("@/lib/server/container").ServiceDeps = {},
): Promise<Service> {
  await currentService()?.stop();
  for (const name of CONFIG_VARS) delete process.env[name];
  Object.assign(process.env, {
    TENCENT_SDKAPPID: String(DEMO_APP.sdkAppId),
    TENCENT_SECRET_KEY: DEMO_APP.secretKey,
    TENCENT_API_BASE_URL: sim.url,
    DATA_DIR: env.DATA_DIR ?? tempDataDir(),
    ...env,
  });
  for (const [name, value] of Object.entries(env)) if (value === undefined) delete process.env[name];
  delete (globalThis as Record<symbol, unknown>)[SERVICE_KEY];
  const { parseEnv } = await import("@/lib/env");
  // serverEnv() memoises; tests reconfigure, so the service is rebuilt from the new env directly.
  const { createServices } = await import("@/lib/server/container");
  const service = createServices(parseEnv(process.env), deps);
  (globalThis as Record<symbol, unknown>)[SERVICE_KEY] = service;
  return service;
}

/** Stops the last console (its recorder and database) and removes the temporary folders. */
export async function disposeConsole() {
  await currentService()?.stop();
  delete (globalThis as Record<symbol, unknown>)[SERVICE_KEY];
  for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}

type Handler<P> = (req: Request, ctx: { params: Promise<P> }) => Promise<Response>;

/** Calls a route handler as Next would for `path`, with the params Next would decode from it. */
export async function call<P>(handler: Handler<P>, path: string, params: P) {
  const res = await handler(new Request(`http://console.test${path}`), { params: Promise.resolve(params) });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, body: JSON.parse(text) };
}

/** Everything the server logs while a test runs, to check that no secret is ever written. */
export function captureLogs() {
  const lines: string[] = [];
  const record = (...args: unknown[]) => void lines.push(args.map(String).join(" "));
  const spies = [vi.spyOn(console, "log").mockImplementation(record), vi.spyOn(console, "error").mockImplementation(record), vi.spyOn(console, "warn").mockImplementation(record)];
  return {
    lines,
    restore: () => spies.forEach((s) => s.mockRestore()),
  };
}
