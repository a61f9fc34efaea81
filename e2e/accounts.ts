import { DEMO_APP } from "../simulator/demo-app";
import type { APIRequestContext } from "@playwright/test";
import type { Role } from "../lib/contract/roles";

// The accounts the browser tests sign in as: the first admin comes from CONSOLE_ADMIN_EMAIL (set in
// playwright.config.ts); e2e/auth.setup.ts creates one account per other role and stores each
// signed-in browser state under e2e/.auth/, which the specs start from.

export const ADMIN = { email: "admin@e2e.test", password: "e2e-admin-password" };

export const ACCOUNTS: Record<Role, { email: string; password: string }> = {
  admin: ADMIN,
  ops: { email: "ops@e2e.test", password: "e2e-ops-password" },
  support: { email: "support@e2e.test", password: "e2e-support-password" },
  viewer: { email: "viewer@e2e.test", password: "e2e-viewer-password" },
};

export const storageStateOf = (role: Role) => `e2e/.auth/${role}.json`;

/** Signs in through the API as a browser page would (same origin); the context keeps the cookie. */
export async function signInAs(request: APIRequestContext, base: string, account: { email: string; password: string }) {
  const res = await request.post(`${base}/api/session`, { data: account, headers: { origin: base } });
  if (!res.ok()) throw new Error(`signing in as ${account.email} failed: ${res.status()} ${await res.text()}`);
}

/** A new API token on the console at `base`, made by its first admin. */
export async function adminToken(request: APIRequestContext, base: string, name: string, role: Role = "admin"): Promise<string> {
  await signInAs(request, base, ADMIN);
  const res = await request.post(`${base}/api/tokens`, { data: { name, role }, headers: { origin: base } });
  if (!res.ok()) throw new Error(`creating a token failed: ${res.status()} ${await res.text()}`);
  return ((await res.json()) as { token: string }).token;
}

/**
 * The environment of a console a spec starts as its own process (`node server.mjs`), wired to the
 * suite's stand-in, with the first admin above.
 */
export function ownConsoleEnv(port: number, dataDir: string): NodeJS.ProcessEnv {
  return {
    NODE_ENV: "production" as const,
    HOST: "127.0.0.1",
    PORT: String(port),
    DATA_DIR: dataDir,
    TENCENT_SDKAPPID: String(DEMO_APP.sdkAppId),
    TENCENT_SECRET_KEY: DEMO_APP.secretKey,
    TENCENT_API_BASE_URL: `http://127.0.0.1:${process.env.E2E_SIM_PORT ?? 9310}`,
    CONSOLE_ADMIN_EMAIL: ADMIN.email,
    CONSOLE_ADMIN_PASSWORD: ADMIN.password,
  };
}
