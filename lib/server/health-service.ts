import "server-only";
import type { HealthResponse, ReadyResponse } from "@/lib/contract/api";
import type { Recorder } from "@/lib/history/recorder";
import type { GuardedStore } from "@/lib/store/store";
import type { CredentialHealth } from "@/lib/tencent/credential";

// GET /api/health: what the console knows without calling Tencent: the credential's last known
// state from real traffic, the history database's and the recorder's achieved cadence, and a status
// that says "degraded" when any of them is failing (readiness for a load balancer is a later step).

export interface HealthDeps {
  simulated: boolean;
  freshnessMs: number;
  credential: CredentialHealth;
  store: Pick<GuardedStore, "health">;
  recorder: Pick<Recorder, "status">;
  /** With REDIS_URL: whether the fleet's budget is shared right now, or this instance's own share. */
  cluster: (() => { mode: "shared" | "local"; instances: number }) | null;
  /** A real round trip to each database; rejects when one does not answer. */
  pingDatabases: () => Promise<void>;
}

export function createHealthService({ simulated, freshnessMs, credential, store, recorder, cluster, pingDatabases }: HealthDeps) {
  return {
    async ready(): Promise<ReadyResponse> {
      const failing: ReadyResponse["failing"] = [];
      if (!(await pingDatabases().then(() => true, () => false))) failing.push("database");
      if (cluster && cluster().mode !== "shared") failing.push("redis");
      const { status } = credential.snapshot();
      if (status === "rejected" || status === "expired") failing.push("credential");
      return { ready: failing.length === 0, failing };
    },

    health(): HealthResponse {
      const storeHealth = store.health();
      const rec = recorder.status();
      const cred = credential.snapshot();
      const problems: HealthResponse["problems"] = [];
      if (cred.status === "rejected") problems.push("credential_rejected");
      if (cred.status === "expired") problems.push("credential_expired");
      if (!storeHealth.ok) problems.push("storage_failing");
      const shared = cluster?.();
      if (shared?.mode === "local") problems.push("redis_unreachable");
      return {
        status: problems.length === 0 ? "ok" : "degraded",
        problems,
        simulated,
        freshnessMs,
        credential: cred,
        cluster: shared ? { redis: shared.mode, instances: shared.instances } : null,
        history: {
          storeOk: storeHealth.ok,
          storeError: storeHealth.lastError?.code ?? null,
          storeErrorAt: storeHealth.lastErrorAt === null ? null : new Date(storeHealth.lastErrorAt).toISOString(),
          heldSamples: storeHealth.heldSamples,
          droppedSamples: storeHealth.droppedSamples,
          recorder: { running: rec.running, rooms: rec.rooms, cadenceSeconds: Math.round(rec.cadenceMs / 100) / 10 },
        },
      };
    },
  };
}

export type HealthService = ReturnType<typeof createHealthService>;
