import "server-only";
import { FLEET_ROOM, type AlertRule } from "@/lib/contract/alerts";
import type { CredentialStatus } from "@/lib/contract/api";
import { allRooms, type RoomLeases } from "@/lib/history/leases";
import { log } from "@/lib/log";
import type { PairRecord, Silence } from "@/lib/store/alert-store";
import type { HistoryStore, RoomRecord, Sample } from "@/lib/store/store";
import { evaluateCondition, lookbackMs, type RoomFacts } from "./evaluate";
import { INITIAL_STATE, isNotified, nextState, type PairState } from "./state";

// Evaluates every enabled rule on a schedule, on the server, from recorded samples only. Across a
// fleet each rule is evaluated by one instance: rule ids are leased as the recorder leases rooms
// (lib/history/leases.ts; the Redis provider in a cluster), and should two instances still evaluate
// one rule at once (a lease handed over mid-cycle), the store's compare-and-set write lets only one
// of them record a change. A change is written with its notifications (one per channel) in the same
// transaction; ./notifier.ts sends them. A silence covering the room records the change but queues
// nothing: the state is still tracked, so the alert shows as firing, and resolves, as it should.

export interface EvaluatorOptions {
  store: Pick<HistoryStore, "alerts" | "samples" | "room" | "watchlist">;
  /** Which rules are this instance's to evaluate; every one by default. */
  leases?: RoomLeases;
  /** The recorder's cadence now: a rule's "stale" and current-reading tests are in cadences. */
  cadenceMs: () => number;
  credential: () => CredentialStatus;
  intervalMs: number;
  now?: () => number;
}

export interface CycleReport {
  at: number;
  rules: number;
  pairs: number;
  changes: number;
  ms: number;
}

export interface EvaluatorStatus {
  running: boolean;
  intervalMs: number;
  lastCycle: CycleReport | null;
  lastError: string | null;
}

const pairKey = (ruleId: string, roomId: string) => `${ruleId}\n${roomId}`;

function isSilenced(silences: readonly Silence[], ruleId: string, roomId: string, at: number): boolean {
  return silences.some((s) => s.roomId === roomId && (s.ruleId === null || s.ruleId === ruleId) && s.startsAt <= at && at < s.endsAt);
}

function facts(record: RoomRecord | null, samples: readonly Sample[]): RoomFacts {
  return {
    samples,
    status: record?.status ?? "unknown",
    lastSampleAt: record?.lastSampleAt ?? samples.at(-1)?.t ?? null,
    trackedSince: record?.watchedAt ?? record?.lastViewedAt ?? null,
    lastFailureAt: record?.lastFailure?.at ?? null,
  };
}

export function createAlertEvaluator(options: EvaluatorOptions) {
  const { store, leases = allRooms, cadenceMs, credential, intervalMs, now = Date.now } = options;
  let timer: ReturnType<typeof setInterval> | null = null;
  let inFlight: Promise<CycleReport> | null = null;
  let lastCycle: CycleReport | null = null;
  let lastError: string | null = null;

  /** The rooms a rule covers now. */
  function roomsOf(rule: AlertRule, watched: readonly RoomRecord[]): string[] {
    if (rule.condition.kind === "credential") return [FLEET_ROOM];
    return rule.scope.kind === "room" ? [rule.scope.roomId] : watched.map((room) => room.roomId);
  }

  async function cycle(): Promise<CycleReport> {
    const started = performance.now();
    const at = now();
    const rules = (await store.alerts.rules()).filter((rule) => rule.enabled);
    const mine = new Set(await leases.claim(rules.map((rule) => rule.id)));
    const owned = rules.filter((rule) => mine.has(rule.id));
    const report: CycleReport = { at, rules: owned.length, pairs: 0, changes: 0, ms: 0 };
    if (owned.length === 0) return { ...report, ms: performance.now() - started };

    const [watched, held, silences] = await Promise.all([store.watchlist(), store.alerts.states(), store.alerts.silences(at)]);
    const records = new Map<string, RoomRecord | null>(watched.map((room) => [room.roomId, room]));
    const states = new Map<string, PairRecord>(held.map((pair) => [pairKey(pair.ruleId, pair.roomId), pair]));
    const cadence = cadenceMs();
    const ctx = { now: at, cadenceMs: cadence, credential: credential() };

    // Each room's samples are read once per cycle, over the longest lookback any rule needs of it.
    const lookback = new Map<string, number>();
    for (const rule of owned) {
      const need = lookbackMs(rule.condition, cadence);
      for (const roomId of roomsOf(rule, watched)) if (roomId !== FLEET_ROOM) lookback.set(roomId, Math.max(lookback.get(roomId) ?? 0, need));
    }
    const samples = new Map<string, Sample[]>();
    await Promise.all(
      [...lookback].map(async ([roomId, need]) => {
        if (!records.has(roomId)) records.set(roomId, await store.room(roomId));
        samples.set(roomId, need > 0 ? await store.samples(roomId, { from: at - need, to: at }) : []);
      }),
    );

    for (const rule of owned) {
      const covered = roomsOf(rule, watched);
      // A room the rule no longer covers (taken off the watchlist, the rule moved to another room)
      // goes back to normal quietly: it is not resolved, nobody is told, and it is not shown as firing.
      const inScope = new Set(covered);
      for (const pair of held) {
        if (pair.ruleId !== rule.id || inScope.has(pair.roomId) || pair.state === "normal") continue;
        await store.alerts.applyTransition({ ruleId: rule.id, roomId: pair.roomId, expected: pair.state, next: { state: "normal", since: at, breachSince: null, value: null }, event: null }, at);
      }
      for (const roomId of covered) {
        report.pairs += 1;
        const held = states.get(pairKey(rule.id, roomId));
        const current: PairState = held ? { state: held.state, since: held.since, breachSince: held.breachSince } : INITIAL_STATE;
        const evaluation = evaluateCondition(rule.condition, facts(records.get(roomId) ?? null, samples.get(roomId) ?? []), ctx);
        const { state, change } = nextState(current, evaluation.outcome, at, rule.pendingMs);
        if (!change) continue;
        const notified = isNotified(change);
        const silenced = notified && isSilenced(silences, rule.id, roomId, at);
        const applied = await store.alerts.applyTransition(
          {
            ruleId: rule.id,
            roomId,
            expected: held?.state ?? null,
            next: { ...state, value: evaluation.value },
            event: { ...change, silenced, channelIds: notified ? rule.channelIds : [] },
          },
          at,
        );
        if (applied) report.changes += 1;
      }
    }
    return { ...report, ms: performance.now() - started };
  }

  /** One evaluation of every rule this instance holds; a cycle still running is waited for, not doubled. */
  function evaluateOnce(): Promise<CycleReport> {
    inFlight ??= cycle()
      .then(
        (report) => {
          lastCycle = report;
          lastError = null;
          return report;
        },
        (error: unknown) => {
          lastError = (error as Error).message;
          throw error;
        },
      )
      .finally(() => {
        inFlight = null;
      });
    return inFlight;
  }

  return {
    evaluateOnce,
    start() {
      if (timer) return;
      timer = setInterval(() => {
        if (inFlight) return;
        evaluateOnce().catch((error: unknown) => log.error("could not evaluate alert rules", { error: (error as Error).message }));
      }, intervalMs);
      // Never keeps a process alive on its own (tests, a stopping server).
      timer.unref?.();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = null;
      await inFlight?.catch(() => undefined);
    },
    status(): EvaluatorStatus {
      return { running: timer !== null, intervalMs, lastCycle, lastError };
    },
  };
}

export type AlertEvaluator = ReturnType<typeof createAlertEvaluator>;
