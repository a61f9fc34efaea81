import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { findCredentialLeaks } from "../lib/testing/secrets";
import { DEMO_APP } from "../simulator/demo-app";
import { ACCOUNTS, adminToken, storageStateOf } from "./accounts";
import { expect, test } from "./fixtures";

// Runs after every other spec (files run in name order, one worker), over what they left behind:
// the app's secret key, any UserSig and the string "usersig=" appear in none of the client bundle,
// the server's log, any API answer's headers or body, or an error page; and no session cookie or
// API token is ever written to the log. The specs' own pages are checked as they load (./fixtures.ts).

const ROOT = join(import.meta.dirname, "..");
const BASE = `http://127.0.0.1:${process.env.E2E_APP_PORT ?? 3310}`;
const LOG = join(process.env.E2E_DATA_DIR!, "console.log");

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name));
}

test.use({ storageState: { cookies: [], origins: [] } });

test("the client bundle holds no credential", () => {
  const bundle = files(join(ROOT, ".next", "static"));
  expect(bundle.length).toBeGreaterThan(10);
  for (const file of bundle) {
    const text = readFileSync(file, "utf8");
    expect(findCredentialLeaks(text, DEMO_APP.secretKey), file).toEqual([]);
    expect(text, file).not.toContain("TENCENT_SECRET_KEY");
  }
});

test("API answers and error pages hold no credential, in their headers or bodies", async ({ playwright }) => {
  const api = await playwright.request.newContext();
  const token = await adminToken(api, BASE, `hygiene-${Date.now()}`);
  const auth = { authorization: `Bearer ${token}` };
  const paths = [
    "/api/health",
    "/api/session",
    "/api/rooms/demo-popular/stats",
    "/api/rooms/demo-html502/stats",
    "/api/rooms/demo-truncated/stats",
    "/api/rooms/demo-ended/stats",
    "/api/rooms/no-such-room/stats",
    "/api/rooms/demo-popular/history",
    "/api/rooms/demo-popular/history.csv",
    "/api/rooms/demo-popular/report",
    "/api/rooms?watchlist=1",
    "/api/watchlist",
    "/api/users",
    "/api/tokens",
    "/api/audit?limit=500",
    "/api/audit.csv",
    "/api/rooms/%ZZ/stats",
    "/api/nothing-here",
  ];
  const pages = ["/sign-in", "/rooms/%ZZ", "/no-such-page", "/rooms/demo-html502"];
  const answers: string[] = [];
  for (const path of paths) {
    const res = await api.get(`${BASE}${path}`, { headers: auth });
    answers.push(`${path} ${JSON.stringify(res.headers())}\n${await res.text()}`);
  }
  for (const path of pages) {
    const res = await api.get(`${BASE}${path}`, { headers: { cookie: "" }, maxRedirects: 0 });
    answers.push(`${path} ${JSON.stringify(res.headers())}\n${await res.text()}`);
  }
  for (const answer of answers) expect(findCredentialLeaks(answer, DEMO_APP.secretKey), answer.slice(0, 80)).toEqual([]);
  await api.dispose();
});

test("the server's log holds no credential, session cookie or API token", async () => {
  const log = readFileSync(LOG, "utf8");
  // The log was written: the suite's lookups, failures and sign-ins all went through it.
  expect(log).toMatch(/"msg":"roomscope started"/);
  expect(log).toMatch(/"status":502/);
  expect(findCredentialLeaks(log, DEMO_APP.secretKey)).toEqual([]);
  expect(log).not.toMatch(/rst_[A-Za-z0-9_-]{43}/);
  expect(log).not.toMatch(/session_token/i);
  for (const role of Object.keys(ACCOUNTS) as (keyof typeof ACCOUNTS)[]) {
    const state = JSON.parse(readFileSync(join(ROOT, storageStateOf(role)), "utf8")) as { cookies: { name: string; value: string }[] };
    for (const cookie of state.cookies) {
      expect(log).not.toContain(cookie.value);
      // The part before the signature is the session's own token.
      expect(log).not.toContain(decodeURIComponent(cookie.value).split(".")[0]);
    }
    expect(log).not.toContain(ACCOUNTS[role].password);
  }
});
