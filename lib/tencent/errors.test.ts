import { describe, expect, it } from "vitest";
import { ruleForCode } from "./errors";

describe("ruleForCode", () => {
  it.each([
    [100001, "upstream", "backoff"],
    [70169, "upstream", "backoff"],
    [70202, "upstream", "backoff"],
    [70500, "upstream", "backoff"],
    [100002, "invalid_request", "never"],
    [100004, "not_found", "never"],
    [60007, "rate_limited", "slow_down"],
    [60011, "rate_limited", "slow_down"],
    [60018, "rate_limited", "slow_down"],
    [60019, "rate_limited", "slow_down"],
    [100012, "rate_limited", "slow_down"],
    [70001, "misconfigured", "new_usersig"],
    [70052, "misconfigured", "new_usersig"],
    [60006, "misconfigured", "never"],
    [60010, "misconfigured", "never"],
    [70003, "misconfigured", "never"],
    [70009, "misconfigured", "never"],
    [70050, "misconfigured", "never"],
    [70020, "misconfigured", "never"],
    [60003, "upstream", "never"],
    [60008, "timeout", "never"],
    [60013, "upstream", "never"],
    [12345, "upstream", "never"],
  ])("%i is %s, retry %s", (code, kind, retry) => {
    expect(ruleForCode(code)).toEqual({ kind, retry });
  });
});
