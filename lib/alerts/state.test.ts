import { describe, expect, it } from "vitest";
import type { AlertState } from "@/lib/contract/alerts";
import { INITIAL_STATE, isNotified, nextState, type Outcome, type PairState, type Transition } from "./state";

/** Runs outcomes one evaluation `step` ms apart from t=0; returns every change and the final state. */
function run(outcomes: Outcome[], pendingMs: number, step = 10_000): { changes: Transition[]; final: PairState; states: AlertState[] } {
  let current = INITIAL_STATE;
  const changes: Transition[] = [];
  const states: AlertState[] = [];
  outcomes.forEach((outcome, i) => {
    const { state, change } = nextState(current, outcome, i * step, pendingMs);
    current = state;
    states.push(state.state);
    if (change) changes.push(change);
  });
  return { changes, final: current, states };
}

describe("nextState", () => {
  it("fires only once the breach has held for the pending period", () => {
    const { states, changes } = run(["breach", "breach", "breach", "breach", "breach"], 30_000);
    expect(states).toEqual(["pending", "pending", "pending", "firing", "firing"]);
    expect(changes).toEqual([
      { from: "normal", to: "pending", at: 0 },
      { from: "pending", to: "firing", at: 30_000 },
    ]);
  });

  it("fires on the first breach with no pending period", () => {
    expect(run(["breach"], 0).states).toEqual(["firing"]);
  });

  it("resolves when the condition clears, then is normal again without another change to announce", () => {
    const { states, changes } = run(["breach", "breach", "ok", "ok"], 10_000);
    expect(states).toEqual(["pending", "firing", "resolved", "normal"]);
    expect(changes.filter(isNotified).map((c) => c.to)).toEqual(["firing", "resolved"]);
  });

  it("does not fire for a flapping value: each clear evaluation restarts the pending period", () => {
    const flapping: Outcome[] = Array.from({ length: 40 }, (_, i) => (i % 3 === 2 ? "ok" : "breach"));
    const { changes, states } = run(flapping, 30_000);
    expect(states).not.toContain("firing");
    expect(changes.filter(isNotified)).toEqual([]);
  });

  it("goes to no data without samples, and starts the pending period again when data returns", () => {
    const { states, changes } = run(["breach", "breach", "no_data", "breach", "breach", "breach"], 20_000);
    expect(states).toEqual(["pending", "pending", "no_data", "pending", "pending", "firing"]);
    expect(changes.filter(isNotified).map((c) => `${c.from}->${c.to}`)).toEqual(["pending->no_data", "pending->firing"]);
  });

  it("announces a firing alert that lost its data, and the data coming back", () => {
    const { changes } = run(["breach", "no_data", "no_data", "ok"], 0);
    expect(changes.filter(isNotified).map((c) => `${c.from}->${c.to}`)).toEqual(["normal->firing", "firing->no_data", "no_data->normal"]);
  });

  it("keeps the time a state was entered while it holds", () => {
    const { final } = run(["breach", "breach", "breach"], 0);
    expect(final).toEqual({ state: "firing", since: 0, breachSince: 0 });
  });

  it("fires again after a resolve only after a new pending period", () => {
    const { states } = run(["breach", "breach", "ok", "breach", "breach"], 10_000);
    expect(states).toEqual(["pending", "firing", "resolved", "pending", "firing"]);
  });
});
