// `npm run simulator -- --port 9100 --seed 42 --rooms 120 --fault flaky --room-fault demo-quiet=slow --rate-limit 100`
// Every flag falls back to an environment variable (SIM_PORT, SIM_HOST, SIM_SEED, SIM_ROOMS, SIM_FAULT,
// SIM_ROOM_FAULTS="a=slow,b=down", SIM_RATE_LIMIT, SIM_SLOW_MS, SIM_JITTER_MS, SIM_SDKAPPID + SIM_SECRET_KEY, SIM_VERBOSE).

import { parseCli, USAGE } from "./cli-options";
import { DEMO_APP } from "./demo-app";
import { createSimulator } from "./server";

async function main(): Promise<void> {
  let options: ReturnType<typeof parseCli>;
  try {
    options = parseCli(process.argv.slice(2), process.env);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (message) console.error(`simulator: ${message}\n`);
    console.error(USAGE);
    process.exit(message ? 2 : 0);
  }
  const { verbose, ...simulatorOptions } = options;
  const stamp = () => new Date().toISOString().slice(11, 23);
  const simulator = await createSimulator({ ...simulatorOptions, log: verbose ? (line) => console.log(`${stamp()} ${line}`) : undefined });

  const ids = simulator.roomIds();
  const generic = ids.filter((id) => id.startsWith("live-"));
  const named = ids.filter((id) => !id.startsWith("live-"));
  // The key is never printed: it lives in simulator/demo-app.ts for scripts that need it.
  console.log(`Tencent live-engine simulator listening on ${simulator.url}
  POST ${simulator.url}/v4/live_engine_http_srv/get_room_stats
  SDKAppID ${DEMO_APP.sdkAppId}, administrator "${DEMO_APP.admins[0]}", secret key: DEMO_APP.secretKey in simulator/demo-app.ts${
    options.apps && options.apps.length > 1 ? `\n  also SDKAppID ${options.apps[1]!.sdkAppId} with the key you gave` : ""
  }
  rooms: ${generic.length ? `${generic[0]} .. ${generic[generic.length - 1]}, ` : ""}${named.join(", ")}
  seed ${options.seed}, ${options.rateLimit} calls/s per SDKAppID (counted at arrival${options.jitterMs ? `, after up to ${options.jitterMs} ms of network jitter` : ""}), fault ${options.fault}${
    Object.keys(options.roomFaults ?? {}).length ? `, room faults ${JSON.stringify(options.roomFaults)}` : ""
  }
  control: GET ${simulator.url}/__sim/rooms | /__sim/health | /__sim/calls, POST /__sim/faults {"roomId","mode"}
  console: TENCENT_API_BASE_URL=${simulator.url} TENCENT_SDKAPPID=${DEMO_APP.sdkAppId} TENCENT_SECRET_KEY=<demo key> ROOMSCOPE_SIMULATED=true`);

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) process.exit(1); // a second Ctrl-C means "now"
    stopping = true;
    console.log(`\n${signal}: closing`);
    simulator.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

void main();
