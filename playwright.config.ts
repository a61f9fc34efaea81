import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { defineConfig, devices } from "@playwright/test";
import { ADMIN, storageStateOf } from "./e2e/accounts";
import { IDP_CLIENT, IDP_PORT, SSO_CONSOLE_PORT, SSO_NAME } from "./e2e/sso-idp";
import { DEMO_APP } from "./simulator/demo-app";

// Browser tests run the built console (`next build` first; `npm test` does it) against the stand-in,
// each on ports of their own so a running demo does not get in the way.
const SIM_PORT = Number(process.env.E2E_SIM_PORT ?? 9310);
const APP_PORT = Number(process.env.E2E_APP_PORT ?? 3310);
/** `next start` alone, without server.mjs: Next's own route, to compare with the direct lane. */
const NEXT_ONLY_PORT = APP_PORT + 1;
/** A console that also signs in with single sign-on (SSO_CONSOLE_PORT, APP_PORT + 2) at the OpenID
 * Provider e2e/oidc-provider.ts runs on IDP_PORT (E2E_OIDC_PORT): e2e/sso.spec.ts. */
const IDP = `http://127.0.0.1:${IDP_PORT}`;
const SSO_CONSOLE = `http://127.0.0.1:${SSO_CONSOLE_PORT}`;
// Each run records into a database of its own, never the developer's ./data.
const DATA_DIR = process.env.E2E_DATA_DIR ?? mkdtempSync(join(tmpdir(), "roomscope-e2e-"));
process.env.E2E_DATA_DIR = DATA_DIR; // the config is loaded again in each worker: keep one folder

// Debian's Chromium where it is installed (CI, this team's machines); elsewhere Playwright's own.
const systemChromium = "/usr/bin/chromium";
const launchOptions = existsSync(systemChromium)
  ? {
      executablePath: systemChromium,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
      ],
    }
  : {};

const consoleEnv = {
  NODE_ENV: "production",
  HOST: "127.0.0.1",
  TENCENT_SDKAPPID: String(DEMO_APP.sdkAppId),
  TENCENT_SECRET_KEY: DEMO_APP.secretKey,
  TENCENT_API_BASE_URL: `http://127.0.0.1:${SIM_PORT}`,
  ROOMSCOPE_SIMULATED: "true",
  // The recorder samples often enough for a test to watch a chart fill.
  RECORD_INTERVAL_S: "1",
  // The live rooms' listing is read anew every 5 s (the least allowed), so a spec sees a fault it sets.
  LIVE_LIST_FRESHNESS_S: "5",
  // Specs fire hundreds of requests as one user in seconds (the quota has an integration test of its own).
  API_QUOTA_PER_MINUTE: "100000",
  // The first admin; e2e/auth.setup.ts creates the other roles' accounts.
  CONSOLE_ADMIN_EMAIL: ADMIN.email,
  CONSOLE_ADMIN_PASSWORD: ADMIN.password,
};

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  use: {
    baseURL: `http://127.0.0.1:${APP_PORT}`,
    trace: "retain-on-failure",
    launchOptions,
  },
  projects: [
    { name: "setup", testMatch: /auth\.setup\.ts/, use: { launchOptions } },
    // Operators' paths run signed in as ops (e2e/access.spec.ts covers every role).
    { name: "desktop", dependencies: ["setup"], use: { ...devices["Desktop Chrome"], launchOptions, storageState: storageStateOf("ops") }, grepInvert: /@i18n/ },
    // Every page again in a Chinese and a British browser, each in its own time zone (e2e/i18n.spec.ts).
    ...(
      [
        ["zh-CN", "Asia/Shanghai"],
        ["en-GB", "Europe/London"],
      ] as const
    ).map(([locale, timezoneId]) => ({
      name: locale,
      dependencies: ["setup"],
      use: { ...devices["Desktop Chrome"], launchOptions, storageState: storageStateOf("ops"), locale, timezoneId },
      grep: new RegExp(`@i18n-${locale}\\b`),
    })),
    { name: "phone", dependencies: ["setup"], use: { ...devices["Pixel 7"], launchOptions, storageState: storageStateOf("ops") }, grep: /@phone/ },
  ],
  webServer: [
    {
      command: `./node_modules/.bin/tsx simulator/main.ts --port ${SIM_PORT} --seed 7`,
      url: `http://127.0.0.1:${SIM_PORT}/__sim/health`,
      reuseExistingServer: false,
      stdout: "ignore",
    },
    {
      // The production entry, as `npm start` runs it. Its log goes to a file that
      // e2e/zz-secret-hygiene.spec.ts reads once every other spec has run.
      command: `node server.mjs > "${join(DATA_DIR, "console.log")}" 2>&1`,
      url: `http://127.0.0.1:${APP_PORT}/api/health`,
      reuseExistingServer: false,
      env: { ...consoleEnv, PORT: String(APP_PORT), DATA_DIR },
    },
    {
      // The same build under Next's own server, so e2e/direct-lane.spec.ts can compare the lane with it.
      command: `./node_modules/.bin/next start -p ${NEXT_ONLY_PORT} -H 127.0.0.1`,
      url: `http://127.0.0.1:${NEXT_ONLY_PORT}/api/health`,
      reuseExistingServer: false,
      stdout: "ignore",
      env: { ...consoleEnv, DATA_DIR: join(DATA_DIR, "next-only") },
    },
    {
      // A real OpenID Provider (panva's oidc-provider), for the console below.
      command: `./node_modules/.bin/tsx e2e/oidc-provider.ts --port ${IDP_PORT} --redirect-uri ${SSO_CONSOLE}/api/auth/callback/oidc`,
      url: `${IDP}/.well-known/openid-configuration`,
      reuseExistingServer: false,
    },
    {
      // The production entry again, with single sign-on at that provider and a database of its own.
      command: "node server.mjs",
      url: `${SSO_CONSOLE}/api/health`,
      reuseExistingServer: false,
      env: {
        ...consoleEnv,
        PORT: String(SSO_CONSOLE_PORT),
        DATA_DIR: join(DATA_DIR, "sso"),
        CONSOLE_URL: SSO_CONSOLE,
        OIDC_ISSUER: IDP,
        OIDC_CLIENT_ID: IDP_CLIENT.clientId,
        OIDC_CLIENT_SECRET: IDP_CLIENT.clientSecret,
        OIDC_NAME: SSO_NAME,
      },
    },
  ],
});
