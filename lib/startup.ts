import "server-only";
import { shutdownClaimed } from "@/lib/api/direct-lane.mjs";
import { serverEnv } from "@/lib/env";
import { log } from "@/lib/log";
import { services } from "@/lib/server/container";

/**
 * Validates the configuration, the credential and the history database before the first request,
 * so a bad deployment stops at once with the variable's name (or the file's) instead of failing on
 * the first operator's lookup; then starts the recorder.
 */
export async function startServer() {
  try {
    const env = serverEnv();
    const root = services();
    // Both databases' schemas, and the first admin from CONSOLE_ADMIN_EMAIL when none exists.
    await root.ready;
    const { credential } = root.health.health();
    root.startBackground();
    // A clean shutdown writes out what is still queued (the audit log, tokens' last use), hands the
    // recorder's leases back and closes the databases. server.mjs (`npm start`) does it itself,
    // after letting the requests in flight finish; elsewhere (`next dev`) this does.
    if (!shutdownClaimed()) {
      for (const signal of ["SIGTERM", "SIGINT"] as const) {
        process.once(signal, () => {
          log.info("roomscope stopping", { signal });
          void root.stop().finally(() => process.exit(0));
        });
      }
    }
    log.info("roomscope started", {
      upstream: new URL(env.apiBaseUrl).host,
      sdkAppId: env.sdkAppId,
      credential: credential.mode,
      rateLimit: env.rateLimitPerSecond,
      budgetPerSecond: env.budgetPerSecond,
      freshnessMs: env.freshnessMs,
      simulated: env.simulated,
    });
    if (credential.status === "expiring" || credential.status === "expired") {
      log.warn(`TENCENT_USERSIG ${credential.status === "expired" ? "has expired" : "expires in under a day"}`, {
        expiresAt: credential.expiresAt,
      });
    }
  } catch (error) {
    // Messages name variables, never values (lib/env.ts, lib/tencent/credential.ts).
    console.error(`Roomscope cannot start. ${(error as Error).message}`);
    process.exit(1);
  }
}
