// The state of one (rule, room) pair, moved by one evaluation's outcome, with Grafana's semantics:
// a breach is pending until it has held for the rule's pending period, then firing; a firing alert
// whose condition clears is resolved, and normal at the next clear evaluation; no samples to judge
// by is "no data", never silently normal. Pure: the evaluator (./evaluator.ts) stores what this
// returns and sends a notification for each change it reports.

import type { AlertState } from "@/lib/contract/alerts";

/** What one evaluation found: the condition holds, does not, or there was nothing to judge by. */
export type Outcome = "breach" | "ok" | "no_data";

export interface PairState {
  state: AlertState;
  /** When `state` was entered (epoch ms). */
  since: number;
  /** When the current run of breaches began: the pending period counts from here. */
  breachSince: number | null;
}

export interface Transition {
  from: AlertState;
  to: AlertState;
  at: number;
}

export const INITIAL_STATE: PairState = { state: "normal", since: 0, breachSince: null };

/** The states a notification goes out for; "pending" and "normal" are not news to anyone. */
export const NOTIFIED_STATES: readonly AlertState[] = ["firing", "resolved", "no_data"];

/**
 * The next state of a pair after an evaluation at `at`, and the change, if any. A breach that
 * clears before its pending period is over returns to normal without ever firing, so a flapping
 * value does not fire; the period starts again at the next breach. A pending period of 0 fires on
 * the first breach. No data interrupts a run of breaches (Grafana's NoData state): the period
 * starts again when data returns.
 */
export function nextState(current: PairState, outcome: Outcome, at: number, pendingMs: number): { state: PairState; change: Transition | null } {
  const to = (state: AlertState, breachSince: number | null) => {
    if (state === current.state) return { state: { ...current, breachSince }, change: null };
    return { state: { state, since: at, breachSince }, change: { from: current.state, to: state, at } };
  };
  switch (outcome) {
    case "no_data":
      return to("no_data", null);
    case "ok":
      // Resolved is shown for one evaluation, then the pair is normal again (no notification for that).
      if (current.state === "firing") return to("resolved", null);
      return to("normal", null);
    case "breach": {
      if (current.state === "firing") return to("firing", current.breachSince ?? at);
      const breachSince = current.state === "pending" && current.breachSince !== null ? current.breachSince : at;
      return to(at - breachSince >= pendingMs ? "firing" : "pending", breachSince);
    }
  }
}

/** Whether a change is one a notification goes out for. */
export function isNotified(change: Transition): boolean {
  // resolved -> normal and pending -> normal are housekeeping; no_data -> normal is news only if it was announced.
  return NOTIFIED_STATES.includes(change.to) || (change.from === "no_data" && change.to === "normal");
}
