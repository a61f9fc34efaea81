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
  "TENCENT_RATE_HEADROOM",
  "ROOM_INFO_FRESHNESS_S",
  "LIVE_LIST_FRESHNESS_S",
  "LIVE_LIST_MAX_PAGES",
  "REDIS_URL",
  "REDIS_PREFIX",
  "CONSOLE_INSTANCES",
  "DATABASE_URL",
  "STATS_FRESHNESS_MS",
  "ROOMSCOPE_SIMULATED",
  "DATA_DIR",
  "HISTORY_RETENTION_DAYS",
  "RECORD_VIEWED_HOURS",
  "RECORD_INTERVAL_S",
  "RECORD_BUDGET_SHARE",
  "TENCENT_CALLBACK_TOKEN",
  "RECORD_ALL_ROOMS",
  "ALERT_ALLOW_PRIVATE_WEBHOOKS",
  "AUTH_SECRET",
  "CONSOLE_URL",
  "CONSOLE_ADMIN_EMAIL",
  "CONSOLE_ADMIN_PASSWORD",
  "OIDC_ISSUER",
  "OIDC_CLIENT_ID",
  "OIDC_CLIENT_SECRET",
  "OIDC_ROLE_CLAIM",
  "OIDC_NAME",
  "SESSION_IDLE_HOURS",
  "SESSION_MAX_DAYS",
  "API_QUOTA_PER_MINUTE",
  "AUDIT_RETENTION_DAYS",
  "TRUST_PROXY",
];

type Service = import("@/lib/server/container").Services;
const tempDirs: string[] = [];
/** An admin API token of the current console, sent by call() and consoleRequest() unless told otherwise. */
let harnessToken: string | undefined;

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
    // Tests fire hundreds of requests as one token; the quota has tests of its own.
    API_QUOTA_PER_MINUTE: "1000000",
    ...env,
  });
  for (const [name, value] of Object.entries(env)) if (value === undefined) delete process.env[name];
  delete (globalThis as Record<symbol, unknown>)[SERVICE_KEY];
  const { parseEnv } = await import("@/lib/env");
  // serverEnv() memoises; tests reconfigure, so the service is rebuilt from the new env directly.
  const { createServices } = await import("@/lib/server/container");
  const service = createServices(parseEnv(process.env), deps);
  (globalThis as Record<symbol, unknown>)[SERVICE_KEY] = service;
  await service.ready;
  harnessToken = (await service.access.tokens.create({ name: `harness-${Date.now()}`, role: "admin", createdBy: "tests", expiresAt: null })).token;
  return service;
}

export interface ConsoleRequestInit extends Omit<RequestInit, "body"> {
  /** The bearer token to send: the harness's admin token by default, null for none. */
  token?: string | null;
  /** Sent as JSON (with its Content-Type) unless it is a string already. */
  body?: unknown;
}

/** A request to the console as a script with an API token sends it. */
export function consoleRequest(path: string, init: ConsoleRequestInit = {}): Request {
  const { token = harnessToken, body, ...rest } = init;
  const headers = new Headers(rest.headers);
  if (token) headers.set("authorization", `Bearer ${token}`);
  if (body !== undefined && typeof body !== "string" && !headers.has("content-type")) headers.set("content-type", "application/json");
  return new Request(`http://console.test${path}`, { ...rest, headers, body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body) });
}

/** Stops the last console (its recorder and database) and removes the temporary folders. */
export async function disposeConsole() {
  await currentService()?.stop();
  delete (globalThis as Record<symbol, unknown>)[SERVICE_KEY];
  for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}

type Handler<P> = (req: Request, ctx: { params: Promise<P> }) => Promise<Response>;

/** Calls a route handler as Next would for `path`, with the params Next would decode from it. */
export async function call<P>(handler: Handler<P>, path: string, params: P, init: ConsoleRequestInit = {}) {
  const res = await handler(consoleRequest(path, init), { params: Promise.resolve(params) });
  const text = await res.text();
  const json = res.headers.get("content-type")?.startsWith("application/json");
  return { status: res.status, headers: res.headers, text, body: json && text ? JSON.parse(text) : null };
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
