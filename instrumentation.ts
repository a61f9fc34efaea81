// Runs once when the server starts: validate the configuration and the credential now, so a bad
// deployment stops with the variable's name instead of failing on the first operator's lookup.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { roomStatsService } = await import("@/lib/rooms/stats-service");
  const { serverEnv } = await import("@/lib/env");
  const { log } = await import("@/lib/log");
  try {
    const env = serverEnv();
    const health = roomStatsService().health();
    log.info("roomscope started", {
      upstream: new URL(env.apiBaseUrl).host,
      sdkAppId: env.sdkAppId,
      credential: health.credential.mode,
      rateLimit: env.rateLimitPerSecond,
      freshnessMs: env.freshnessMs,
      simulated: env.simulated,
    });
    if (health.credential.status === "expiring" || health.credential.status === "expired") {
      log.warn(`TENCENT_USERSIG ${health.credential.status === "expired" ? "has expired" : "expires in under a day"}`, {
        expiresAt: health.credential.expiresAt,
      });
    }
  } catch (error) {
    // The message names variables only (lib/env.ts); exit rather than serve a console that cannot work.
    console.error(`Roomscope cannot start. ${(error as Error).message}`);
    process.exit(1);
  }
}
