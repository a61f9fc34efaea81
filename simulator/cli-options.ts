// Parses the simulator's command line, with an environment variable behind every flag.
// Apart from main.ts so it can be tested without starting a server.

import { parseArgs } from "node:util";

import { DEMO_APP, type SimulatedApp } from "./demo-app";
import { CALLBACK_FAULTS, isCallbackFault } from "./callbacks";
import { FAULT_MODES, isFaultMode, type FaultMode } from "./faults";
import type { SimulatorOptions } from "./server";

export const USAGE = `Usage: npm run simulator -- [options]

  --port <n>             port to listen on (SIM_PORT, default 9100; 0 = any free port)
  --host <addr>          address to bind (SIM_HOST, default 127.0.0.1)
  --seed <n>             seed of the room model (SIM_SEED, default 42)
  --rooms <n>            generic rooms live-0001.. (SIM_ROOMS, default 120)
  --rate-limit <n>       calls per second per SDKAppID (SIM_RATE_LIMIT, default 100)
  --fault <mode>         fault for every room (SIM_FAULT, default none)
  --room-fault <id=mode> fault for one room; repeatable (SIM_ROOM_FAULTS="id=mode,id=mode")
  --slow-ms <n>          delay of the "slow" fault (SIM_SLOW_MS, default 6000)
  --jitter-ms <n>        each call arrives after a random delay below n ms, as over a network
                         (SIM_JITTER_MS, default 0)
  --sdkappid <n>         also accept this app... (SIM_SDKAPPID)
  --secret-key <key>     ...with this key (SIM_SECRET_KEY); the demo app is always accepted
  --callback-url <url>   send Tencent's room callbacks (create, destroy) to this URL
                         (SIM_CALLBACK_URL), such as http://127.0.0.1:3000/api/tencent/callback
  --callback-token <t>   ...signed with this token (SIM_CALLBACK_TOKEN): the console's
                         TENCENT_CALLBACK_TOKEN
  --callback-fault <f>   none, wrong_sign or replay (SIM_CALLBACK_FAULT, default none)
  --verbose              log every request (SIM_VERBOSE=1)

Fault modes: ${FAULT_MODES.join(", ")}`;

export class UsageError extends Error {}

function integer(raw: string | undefined, name: string, fallback: number, min: number): number {
  if (raw === undefined || raw === "") return fallback;
  if (!/^\d+$/.test(raw.trim()) || Number(raw) < min || !Number.isSafeInteger(Number(raw))) throw new UsageError(`${name} must be an integer >= ${min}`);
  return Number(raw);
}

function faultMode(raw: string, name: string): FaultMode {
  if (!isFaultMode(raw)) throw new UsageError(`${name}: unknown fault mode "${raw}" (one of ${FAULT_MODES.join(", ")})`);
  return raw;
}

function roomFaults(pairs: string[]): Record<string, FaultMode> {
  const faults: Record<string, FaultMode> = {};
  for (const pair of pairs) {
    // Split on the last "=": room ids may contain "=", mode names never do.
    const at = pair.lastIndexOf("=");
    if (at <= 0) throw new UsageError(`--room-fault expects <roomId>=<mode>, got "${pair}"`);
    faults[pair.slice(0, at)] = faultMode(pair.slice(at + 1), "--room-fault");
  }
  return faults;
}

export function parseCli(argv: string[], env: Record<string, string | undefined>): SimulatorOptions & { verbose: boolean } {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      port: { type: "string" },
      host: { type: "string" },
      seed: { type: "string" },
      rooms: { type: "string" },
      "rate-limit": { type: "string" },
      fault: { type: "string" },
      "room-fault": { type: "string", multiple: true },
      "slow-ms": { type: "string" },
      "jitter-ms": { type: "string" },
      sdkappid: { type: "string" },
      "secret-key": { type: "string" },
      "callback-url": { type: "string" },
      "callback-token": { type: "string" },
      "callback-fault": { type: "string" },
      verbose: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) throw new UsageError("");

  const apps: SimulatedApp[] = [DEMO_APP];
  const extraAppId = values.sdkappid ?? env.SIM_SDKAPPID;
  const extraKey = values["secret-key"] ?? env.SIM_SECRET_KEY;
  if (extraAppId || extraKey) {
    if (!extraAppId || !extraKey) throw new UsageError("--sdkappid and --secret-key go together");
    const sdkAppId = integer(extraAppId, "--sdkappid", 0, 1);
    if (sdkAppId !== DEMO_APP.sdkAppId) apps.push({ sdkAppId, secretKey: extraKey, admins: ["administrator"] });
  }

  const callbackUrl = values["callback-url"] ?? env.SIM_CALLBACK_URL ?? undefined;
  const callbackToken = values["callback-token"] ?? env.SIM_CALLBACK_TOKEN ?? undefined;
  if (!callbackUrl !== !callbackToken) throw new UsageError("--callback-url and --callback-token go together");
  if (callbackUrl !== undefined && !/^https?:\/\/[^/]/.test(callbackUrl)) throw new UsageError("--callback-url must be an http(s) URL");
  if (callbackToken !== undefined && callbackToken.length > 128) throw new UsageError("--callback-token must be at most 128 characters");
  const callbackFault = values["callback-fault"] ?? env.SIM_CALLBACK_FAULT ?? "none";
  if (!isCallbackFault(callbackFault)) throw new UsageError(`--callback-fault: one of ${CALLBACK_FAULTS.join(", ")}`);

  const roomFaultPairs = values["room-fault"] ?? (env.SIM_ROOM_FAULTS ? env.SIM_ROOM_FAULTS.split(",").map((s) => s.trim()).filter(Boolean) : []);
  return {
    port: integer(values.port ?? env.SIM_PORT, "--port", 9100, 0),
    host: values.host ?? env.SIM_HOST ?? "127.0.0.1",
    seed: integer(values.seed ?? env.SIM_SEED, "--seed", 42, 0),
    rooms: integer(values.rooms ?? env.SIM_ROOMS, "--rooms", 120, 0),
    rateLimit: integer(values["rate-limit"] ?? env.SIM_RATE_LIMIT, "--rate-limit", 100, 1),
    fault: faultMode(values.fault ?? env.SIM_FAULT ?? "none", "--fault"),
    roomFaults: roomFaults(roomFaultPairs),
    slowMs: integer(values["slow-ms"] ?? env.SIM_SLOW_MS, "--slow-ms", 6000, 0),
    jitterMs: integer(values["jitter-ms"] ?? env.SIM_JITTER_MS, "--jitter-ms", 0, 0),
    apps,
    callbackUrl,
    callbackToken,
    callbackFault,
    verbose: values.verbose ?? (env.SIM_VERBOSE === "1" || env.SIM_VERBOSE === "true"),
  };
}
