// Whether a rule's condition holds for one room right now, judged from the recorded samples alone
// (the evaluator never calls Tencent: alerts must not spend the budget the recorder needs). Pure.

import type { AlertCondition } from "@/lib/contract/alerts";
import { rateWindowMs, type CredentialStatus } from "@/lib/contract/api";
import type { Sample, StatKey } from "@/lib/contract/stats";
import { windowedRates } from "@/lib/history/series";
import type { Outcome } from "./state";

/** What the evaluator knows of a room: its samples over the lookback and what the recorder noted. */
export interface RoomFacts {
  /** Sorted by t; at least the condition's lookback (see lookbackMs) before `now`. */
  samples: readonly Sample[];
  status: "live" | "ended" | "unknown";
  lastSampleAt: number | null;
  /** When the room started being recorded (watched or first viewed): "stale" counts from here before any sample. */
  trackedSince: number | null;
  lastFailureAt: number | null;
}

export interface EvaluationContext {
  now: number;
  /** The recorder's cadence now: a sample older than 3 of them is not a current reading. */
  cadenceMs: number;
  credential: CredentialStatus;
}

export interface Evaluation {
  outcome: Outcome;
  /** The figure judged (a total, a rate, a drop in %, seconds without a sample), for the message; null when there is none. */
  value: number | null;
}

/** The recorder's rule for a gap (lib/history/series): samples further apart than 3 cadences were not observed. */
const maxGap = (cadenceMs: number) => 3 * cadenceMs;

/** How far back of `now` a condition reads samples: the store is asked for no more. */
export function lookbackMs(condition: AlertCondition, cadenceMs: number): number {
  switch (condition.kind) {
    case "total":
      return maxGap(cadenceMs);
    case "rate":
      return rateWindowMs(condition.window) + 2 * maxGap(cadenceMs);
    case "drop":
      return condition.withinMs + rateWindowMs(condition.rateWindow) + 2 * maxGap(cadenceMs);
    case "ended":
    case "stale":
    case "credential":
      return 0;
  }
}

const compare = (value: number, op: "above" | "below", threshold: number) => (op === "above" ? value > threshold : value < threshold);

/**
 * The outcome of `condition` for a room. A room that ended is "ok" for every condition but "ended":
 * its figures no longer move, so a "messages below 10 a minute" rule resolves rather than turning to
 * no data for ever on every finished stream. Figures are judged from the latest reading only when it
 * is current (within 3 cadences of `now`); otherwise there is no data, as there is while a rate's
 * window is not yet fully observed.
 */
export function evaluateCondition(condition: AlertCondition, room: RoomFacts, ctx: EvaluationContext): Evaluation {
  if (condition.kind === "credential") {
    if (ctx.credential === "unknown") return { outcome: "no_data", value: null };
    return { outcome: ctx.credential === "rejected" || ctx.credential === "expired" ? "breach" : "ok", value: null };
  }
  if (condition.kind === "ended") return { outcome: room.status === "ended" ? "breach" : "ok", value: null };
  if (room.status === "ended") return { outcome: "ok", value: null };
  if (condition.kind === "stale") {
    const since = room.lastSampleAt ?? room.trackedSince;
    if (since === null) return { outcome: "no_data", value: null };
    const silentMs = ctx.now - since;
    return { outcome: silentMs > condition.cadences * ctx.cadenceMs ? "breach" : "ok", value: Math.max(0, Math.round(silentMs / 1000)) };
  }
  const latest = room.samples.at(-1);
  if (!latest || ctx.now - latest.t > maxGap(ctx.cadenceMs)) return { outcome: "no_data", value: null };
  switch (condition.kind) {
    case "total": {
      const value = latest.stats[condition.key];
      return { outcome: compare(value, condition.op, condition.threshold) ? "breach" : "ok", value };
    }
    case "rate": {
      const value = latestRate(room.samples, condition.key, rateWindowMs(condition.window), ctx.cadenceMs);
      if (value === null) return { outcome: "no_data", value: null };
      return { outcome: compare(value, condition.op, condition.threshold) ? "breach" : "ok", value };
    }
    case "drop": {
      const points = windowedRates(room.samples, { windowMs: rateWindowMs(condition.rateWindow), maxGapMs: maxGap(ctx.cadenceMs) });
      const current = points.at(-1)?.[condition.key] ?? null;
      if (current === null) return { outcome: "no_data", value: null };
      let peak = current;
      for (const point of points) {
        const rate = point[condition.key];
        if (point.t >= ctx.now - condition.withinMs && rate !== null && rate > peak) peak = rate;
      }
      // Nothing to drop from: a room that was quiet all along has not dropped.
      if (peak <= 0) return { outcome: "ok", value: 0 };
      const dropPercent = ((peak - current) / peak) * 100;
      return { outcome: dropPercent >= condition.percent ? "breach" : "ok", value: Math.round(dropPercent * 10) / 10 };
    }
  }
}

function latestRate(samples: readonly Sample[], key: StatKey, windowMs: number, cadenceMs: number): number | null {
  const points = windowedRates(samples, { windowMs, maxGapMs: maxGap(cadenceMs) });
  return points.at(-1)?.[key] ?? null;
}
