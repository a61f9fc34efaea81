// `npm run demo`: the stand-in and the console wired to it, for a first look on a fresh machine.
// Builds the console when needed, starts both and prints where to go. Ctrl-C stops both.
import { ROLES } from "@/lib/contract/roles";
import { openAccess } from "@/lib/cli/access-cli";
import { parseAccessEnv } from "@/lib/env";
import { createSimulator } from "./server";
import { DEMO_APP } from "./demo-app";
import { ensureBuild, startConsole } from "./launch-console";
import { startWebhookReceiver } from "@/lib/testing/webhook-receiver";

const port = Number(process.env.PORT ?? 3000);
const simPort = Number(process.env.SIM_PORT ?? 9100);
const webhookPort = Number(process.env.WEBHOOK_PORT ?? 9101);
/** The callback token the demo's stand-in signs with and its console verifies (public: a demo's). */
const DEMO_CALLBACK_TOKEN = "roomscope-demo-callback-token";

/** One account per role, so a newcomer can sign in at once and see what each role sees. */
const DEMO_ACCOUNTS = ROLES.map((role) => ({ role, email: `${role}@demo.test`, password: `roomscope-${role}` }));

async function ensureDemoAccounts() {
  const access = await openAccess(parseAccessEnv(process.env));
  try {
    for (const account of DEMO_ACCOUNTS) {
      // Never overwrite: an account changed since the last demo keeps its changes.
      if (!(await access.users.findByEmail(account.email))) await access.users.create(account);
    }
  } finally {
    await access.stop();
  }
}

/**
 * An alert a newcomer sees fire within minutes: demo-ending's end, sent to the webhook receiver
 * below (whose log prints the message). Through the console's API as the ops account, as a person
 * would set it up; only on a demo whose console has no rule yet, so changes made since are kept.
 */
async function ensureDemoAlert(consoleUrl: string, webhookUrl: string) {
  const ops = DEMO_ACCOUNTS.find((a) => a.role === "ops")!;
  const headers = { origin: consoleUrl, "content-type": "application/json" };
  const signIn = await fetch(`${consoleUrl}/api/session`, { method: "POST", headers, body: JSON.stringify({ email: ops.email, password: ops.password }) });
  if (!signIn.ok) throw new Error(`signing in as ${ops.email}: HTTP ${signIn.status}`);
  const cookie = signIn.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  const api = async (path: string, body?: unknown) => {
    const res = await fetch(`${consoleUrl}${path}`, { method: body === undefined ? "GET" : "POST", headers: { ...headers, cookie }, body: body === undefined ? undefined : JSON.stringify(body) });
    if (!res.ok) throw new Error(`${path}: HTTP ${res.status} ${await res.text()}`);
    return (await res.json()) as Record<string, unknown>;
  };
  const { rules } = (await api("/api/alerts/rules")) as { rules: unknown[] };
  if (rules.length > 0) return;
  const channel = (await api("/api/alerts/channels", { name: "Demo webhook receiver", kind: "webhook", url: webhookUrl, secret: "roomscope-demo-webhook-secret" })) as { id: string };
  await api("/api/alerts/rules", { name: "demo-ending has ended", scope: { kind: "room", roomId: "demo-ending" }, condition: { kind: "ended" }, channelIds: [channel.id] });
}

ensureBuild();
await ensureDemoAccounts();
// The stand-in tells the console of every room that starts and ends, as Tencent's callbacks would;
// the console records every room from then on (RECORD_ALL_ROOMS), so every stream has a report.
// The console starts after the stand-in: its first callbacks are retried until the console answers.
// Its alert channels may send to this machine (the webhook receiver below), which a console does not by default.
const sim = await createSimulator({ port: simPort, callbackUrl: `http://127.0.0.1:${port}/api/tencent/callback`, callbackToken: DEMO_CALLBACK_TOKEN });
const app = await startConsole({ port, upstreamUrl: sim.url, env: { TENCENT_CALLBACK_TOKEN: DEMO_CALLBACK_TOKEN, RECORD_ALL_ROOMS: "1", ALERT_ALLOW_PRIVATE_WEBHOOKS: "1" } });
// A stand-in for a team's chat robot: alert channels pointed here print what they would have sent.
const webhooks = await startWebhookReceiver(webhookPort, (request) => console.log(`webhook ${request.path}: ${request.body}`));

await ensureDemoAlert(`http://127.0.0.1:${port}`, `${webhooks.url}/roomscope`).catch((error: unknown) => console.warn(`could not set up the demo's alert rule: ${(error as Error).message}`));

const generic = sim.roomIds().filter((r) => r.startsWith("live-"));
// demo-ending's end, as a time of day: a report needs its stream recorded before then.
const endsAt = sim.snapshot("demo-ending").endedAt;
const endClock = endsAt === null ? "a few minutes from now" : new Date(endsAt).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
console.log(`
Roomscope demo (simulated data)
  console:   http://localhost:${port}
  stand-in:  ${sim.url}  (SDKAppID ${DEMO_APP.sdkAppId})
  webhooks:  ${webhooks.url}/any-path  (an alert channel of any kind pointed here prints each message below)

Sign in as (one account per role; passwords as created by the first demo run):
${DEMO_ACCOUNTS.map((a) => `  ${a.role.padEnd(8)} ${a.email.padEnd(18)} ${a.password}`).join("\n")}

Rooms to try:
  demo-popular, demo-quiet, 直播间-1
  demo-ending ends at ${endClock}, 3 minutes after this start; its report is there once it ends
    (the stand-in sends Tencent's room callbacks, and the demo records every room they announce),
    and the alert rule "demo-ending has ended" fires: on /alerts, and as a webhook message below
  Live now (/live) lists every live room; Watch puts one on the watchlist
  demo-flaky, demo-slow, demo-storm, demo-html502, demo-truncated, demo-down (fault modes)
  ${generic.slice(0, 3).join(", ")} ... ${generic.at(-1)} (${generic.length} more rooms)
Ctrl-C stops both.
`);

let stopping = false;
async function stop(code: number) {
  if (stopping) return;
  stopping = true;
  await Promise.all([app.stop(), sim.close(), webhooks.close()]);
  process.exit(code);
}
process.on("SIGINT", () => void stop(0));
process.on("SIGTERM", () => void stop(0));
app.child.on("exit", (code) => void stop(code ?? 1));
