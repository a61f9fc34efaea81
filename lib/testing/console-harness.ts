// Drives the real route handlers in-process against a real stand-in (simulator/), for integration
// tests. Configuration goes through process.env exactly as in production; each configure() starts a
// fresh service, as a restarted server would.
import { vi } from "vitest";
import { DEMO_APP } from "@/simulator/demo-app";
import { createSimulator, type Simulator, type SimulatorOptions } from "@/simulator/server";

const SERVICE_KEY = Symbol.for("roomscope.roomStatsService");
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
];

export async function startStandIn(options: SimulatorOptions = {}): Promise<Simulator> {
  return createSimulator({ port: 0, seed: 7, ...options });
}

/** Points a fresh console at the stand-in, with the demo app's key unless told otherwise. */
export async function configureConsole(sim: Simulator, env: Record<string, string | undefined> = {}) {
  for (const name of CONFIG_VARS) delete process.env[name];
  Object.assign(process.env, {
    TENCENT_SDKAPPID: String(DEMO_APP.sdkAppId),
    TENCENT_SECRET_KEY: DEMO_APP.secretKey,
    TENCENT_API_BASE_URL: sim.url,
    ...env,
  });
  for (const [name, value] of Object.entries(env)) if (value === undefined) delete process.env[name];
  delete (globalThis as Record<symbol, unknown>)[SERVICE_KEY];
  const { parseEnv } = await import("@/lib/env");
  // serverEnv() memoises; tests reconfigure, so the service is rebuilt from the new env directly.
  const { createRoomStatsService } = await import("@/lib/rooms/stats-service");
  (globalThis as Record<symbol, unknown>)[SERVICE_KEY] = createRoomStatsService(parseEnv(process.env));
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
