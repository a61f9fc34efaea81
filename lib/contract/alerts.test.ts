import { describe, expect, it } from "vitest";
import { alertRuleInputSchema } from "./alerts";

const valid = { name: "Chat dried up", scope: { kind: "room", roomId: "live_1" }, condition: { kind: "rate", key: "totalMsgCount", window: "5m", op: "below", threshold: 10 } };

/** The reason codes of a refused rule, by field path. */
function problems(input: unknown): Record<string, string> {
  const result = alertRuleInputSchema.safeParse(input);
  if (result.success) return {};
  return Object.fromEntries(result.error.issues.map((issue) => [issue.path.join("."), issue.message]));
}

describe("alertRuleInputSchema", () => {
  it("takes a rule and fills in the defaults", () => {
    expect(alertRuleInputSchema.parse(valid)).toEqual({ ...valid, pendingMs: 0, language: "en", channelIds: [], enabled: true });
    expect(alertRuleInputSchema.parse({ ...valid, scope: { kind: "watched" }, condition: { kind: "drop", key: "totalGiftCoins", percent: 50, withinMs: 600_000 } }).condition).toEqual({
      kind: "drop",
      key: "totalGiftCoins",
      percent: 50,
      withinMs: 600_000,
      rateWindow: "1m",
    });
  });

  it("refuses bad input with a reason code per field", () => {
    expect(problems({ ...valid, name: "  " })).toEqual({ name: "empty" });
    expect(problems({ ...valid, scope: { kind: "room", roomId: "a b" } })).toEqual({ "scope.roomId": "room_id" });
    expect(problems({ ...valid, scope: { kind: "everything" } })).toEqual({ "scope.kind": "alert_scope" });
    expect(problems({ ...valid, condition: { ...valid.condition, window: "2m" } })).toEqual({ "condition.window": "rate_window" });
    expect(problems({ ...valid, condition: { ...valid.condition, key: "viewers" } })).toEqual({ "condition.key": "stat_key" });
    expect(problems({ ...valid, condition: { ...valid.condition, threshold: -1 } })).toEqual({ "condition.threshold": "too_small" });
    expect(problems({ ...valid, condition: { kind: "drop", key: "totalMsgCount", percent: 150, withinMs: 60_000 } })).toEqual({ "condition.percent": "too_big" });
    expect(problems({ ...valid, condition: { kind: "stale", cadences: 1 } })).toEqual({ "condition.cadences": "too_small" });
    expect(problems({ ...valid, pendingMs: 1.5 })).toEqual({ pendingMs: "whole_number" });
    expect(problems({ ...valid, language: "fr" })).toEqual({ language: "language" });
  });
});
