import "server-only";
import type { HealthResponse, ReadyResponse } from "@/lib/contract/api";
import type { AlertEvaluator } from "@/lib/alerts/evaluator";
import type { Notifier } from "@/lib/alerts/notifier";
import type { Recorder } from "@/lib/history/recorder";
import type { GuardedStore } from "@/lib/store/store";
import type { CredentialHealth } from "@/lib/tencent/credential";

// GET /api/health: what the console knows without calling Tencent: the credential's last known
// state from real traffic, the history database's and the recorder's achieved cadence, and a status
// that says "degraded" when any of them is failing, and whether alerts are evaluated and sent
// (readiness for a load balancer is ready()).

export interface HealthDeps {
  simulated: boolean;
  freshnessMs: number;
  credential: CredentialHealth;
  store: Pick<GuardedStore, "health">;
  recorder: Pick<Recorder, "status">;
  evaluator: Pick<AlertEvaluator, "status">;
  notifier: Pick<Notifier, "status">;
  now?: () => number;
  /** With REDIS_URL: whether the fleet's budget is shared right now, or this instance's own share. */
  cluster: (() => { mode: "shared" | "local"; instances: number }) | null;
  /** A real round trip to each database; rejects when one does not answer. */
  pingDatabases: () => Promise<void>;
}

/** A notification waiting longer than this has failed several times (10 s, 20 s, 40 s... apart). */
const DELAYED_NOTIFICATION_MS = 5 * 60_000;

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function createHealthService({ simulated, freshnessMs, credential, store, recorder, evaluator, notifier, cluster, pingDatabases, now = Date.now }: HealthDeps) {
  function alerts(at: number) {
    const ev = evaluator.status();
    const sent = notifier.status();
    const last = ev.lastCycle;
    const stalled = ev.running && (last === null ? false : at - last.at > 3 * ev.intervalMs);
    return {
      evaluator: {
        running: ev.running,
        failing: ev.lastError !== null || stalled,
        lastCycleAt: iso(last?.at ?? null),
        lastCycleMs: last === null ? null : Math.round(last.ms * 10) / 10,
        rules: last?.rules ?? 0,
        pairs: last?.pairs ?? 0,
      },
      outbox: sent.outbox && { pending: sent.outbox.pending, oldestPendingAt: iso(sent.outbox.oldestPendingAt), givenUp: sent.outbox.givenUp, checkedAt: iso(sent.outbox.at)! },
      lastFailure: sent.lastFailure && { error: sent.lastFailure.error, at: iso(sent.lastFailure.at)! },
    };
  }

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
      const at = now();
      const alertHealth = alerts(at);
      if (alertHealth.evaluator.failing) problems.push("alerts_failing");
      const oldest = alertHealth.outbox?.oldestPendingAt;
      if (oldest && at - Date.parse(oldest) > DELAYED_NOTIFICATION_MS) problems.push("notifications_delayed");
      return {
        status: problems.length === 0 ? "ok" : "degraded",
        problems,
        simulated,
        freshnessMs,
        credential: cred,
        cluster: shared ? { redis: shared.mode, instances: shared.instances } : null,
        alerts: alertHealth,
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
