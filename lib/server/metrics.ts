import "server-only";
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import type { RoomStatsAnswer } from "@/lib/tencent/client";
import { BudgetExceededError, type UpstreamBudget } from "@/lib/upstream/budget";
import type { CoalescingCache } from "@/lib/upstream/coalescing-cache";

// What GET /api/metrics exposes to Prometheus (prom-client's text format): one registry per
// composition root, so tests and several services in one process never mix their figures. The
// counters are fed where the events happen (the upstream client, the budget and cache wrappers
// below, the API wrapper); the gauges read their state when Prometheus scrapes.

export interface MetricSources {
  recorder: () => { rooms: number; lagMs: number };
  /** With REDIS_URL: 1 while the fleet shares its state in Redis, 0 while this instance is on its own. */
  redisShared: (() => boolean) | null;
  activeSessions: () => Promise<number>;
  store: () => { heldSamples: number; droppedSamples: number };
}

export function createMetrics() {
  const registry = new Registry();
  const registers = [registry];
  // Process CPU, memory, event-loop lag and garbage collection, as every Node service exports them.
  collectDefaultMetrics({ register: registry });

  const metrics = {
    registry,
    upstreamCalls: new Counter({
      name: "roomscope_upstream_calls_total",
      help: "Calls to Tencent's get_room_stats, by Tencent's ErrorCode (0 for success) or timeout, http_<status>, network.",
      labelNames: ["error_code"] as const,
      registers,
    }),
    upstreamSeconds: new Histogram({
      name: "roomscope_upstream_call_duration_seconds",
      help: "How long each call to Tencent took, answered or not.",
      buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers,
    }),
    budgetWaits: new Counter({ name: "roomscope_budget_waits_total", help: "Upstream calls that waited for a budget token.", registers }),
    budgetWaitSeconds: new Counter({ name: "roomscope_budget_wait_seconds_total", help: "Time upstream calls spent waiting for budget tokens.", registers }),
    budgetRejections: new Counter({ name: "roomscope_budget_rejections_total", help: "Calls refused because no budget token came in time (answered 429).", registers }),
    cacheRequests: new Counter({
      name: "roomscope_cache_requests_total",
      help: "Room lookups by whether they were answered from the shared cache or an in-flight call (hit) or needed a call of their own (miss).",
      labelNames: ["result"] as const,
      registers,
    }),
    httpRequests: new Counter({ name: "roomscope_http_requests_total", help: "API requests by route and status.", labelNames: ["route", "status"] as const, registers }),
    httpSeconds: new Histogram({
      name: "roomscope_http_request_duration_seconds",
      help: "How long API requests took, by route.",
      labelNames: ["route"] as const,
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers,
    }),

    /** The gauges that read state at scrape time. */
    observe(sources: MetricSources) {
      new Gauge({ name: "roomscope_recorder_rooms", help: "Rooms this instance records.", registers, collect() { this.set(sources.recorder().rooms); } });
      new Gauge({
        name: "roomscope_recorder_lag_seconds",
        help: "How far behind its schedule the recorder is: the most overdue room's wait.",
        registers,
        collect() {
          this.set(sources.recorder().lagMs / 1000);
        },
      });
      if (sources.redisShared) {
        const shared = sources.redisShared;
        new Gauge({ name: "roomscope_redis_shared", help: "1 while the budget, cache and leases are shared in Redis; 0 while this instance is on its own share.", registers, collect() { this.set(shared() ? 1 : 0); } });
      }
      new Gauge({ name: "roomscope_history_held_samples", help: "Samples waiting for the history database to take writes again.", registers, collect() { this.set(sources.store().heldSamples); } });
      new Gauge({ name: "roomscope_history_dropped_samples", help: "Samples dropped since start because too many were held during an outage.", registers, collect() { this.set(sources.store().droppedSamples); } });
      new Gauge({
        name: "roomscope_active_sessions",
        help: "Signed-in sessions that have not expired.",
        registers,
        async collect() {
          // Unknown while the database is out of reach: the last count stands, the scrape goes on.
          const sessions = await sources.activeSessions().catch(() => null);
          if (sessions !== null) this.set(sessions);
        },
      });
    },

    text: () => registry.metrics(),
    contentType: registry.contentType,
  };
  return metrics;
}

export type Metrics = ReturnType<typeof createMetrics>;

/** The budget, counting its waits and refusals. */
export function measuredBudget(budget: UpstreamBudget, metrics: Metrics): UpstreamBudget {
  return {
    async acquire(maxWaitMs) {
      const started = performance.now();
      try {
        await budget.acquire(maxWaitMs);
      } catch (error) {
        if (BudgetExceededError.is(error)) metrics.budgetRejections.inc();
        throw error;
      }
      const waited = performance.now() - started;
      if (waited >= 1) {
        metrics.budgetWaits.inc();
        metrics.budgetWaitSeconds.inc(waited / 1000);
      }
    },
    holdOff: (ms) => budget.holdOff(ms),
  };
}

/** The cache, counting lookups it answered without a call of their own. */
export function measuredCache(cache: CoalescingCache<RoomStatsAnswer>, metrics: Metrics): CoalescingCache<RoomStatsAnswer> {
  return {
    get(key, load) {
      let loaded = false;
      const answer = cache.get(key, () => {
        loaded = true;
        return load();
      });
      const count = () => metrics.cacheRequests.inc({ result: loaded ? "miss" : "hit" });
      answer.then(count, count);
      return answer;
    },
  };
}
