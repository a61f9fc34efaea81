// The fleet's budget against the real Redis: several instances (each its own connection, as several
// processes have) spend one budget together; one that loses Redis spends only its own share, and
// the total stays within the budget through the switch both ways.
import { afterEach, describe, expect, it } from "vitest";
import { connectRedis } from "@/lib/cluster/redis";
import { busiestWindow, deleteKeys, REDIS_TEST_URL, redisLink, testPrefix } from "@/lib/testing/redis";
import { BudgetExceededError } from "./budget";
import { createSharedBudget, type SharedBudget } from "./redis-budget";

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function fleet(count: number, ratePerSecond: number, urls: string[] = []) {
  const prefix = testPrefix();
  cleanups.push(() => deleteKeys(prefix));
  const budgets = Array.from({ length: count }, (_, i) => {
    const redis = connectRedis(urls[i] ?? REDIS_TEST_URL);
    const budget = createSharedBudget({ redis, key: `${prefix}budget`, instanceId: `instance-${i}`, ratePerSecond, instances: count });
    cleanups.push(async () => {
      await budget.stop();
      redis.disconnect();
    });
    return budget;
  });
  return budgets;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(check: () => boolean, ms = 5000) {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error("timed out waiting");
    await sleep(20);
  }
}

/** Callers on `budget` that take calls as fast as it gives them, until `stopAt`; the times they got them. */
async function drive(budget: SharedBudget, stopAt: number, times: number[], callers = 5): Promise<void> {
  await Promise.all(
    Array.from({ length: callers }, async () => {
      while (Date.now() < stopAt) {
        try {
          await budget.acquire(Math.max(0, stopAt - Date.now()));
          if (Date.now() < stopAt) times.push(Date.now());
        } catch (error) {
          if (!BudgetExceededError.is(error)) throw error;
          await sleep(Math.min(error.retryAfterMs, 50));
        }
      }
    }),
  );
}

describe("the fleet's budget in Redis", () => {
  it("is one budget for every instance together, and one busy instance may spend the idle ones' shares", async () => {
    const [a, b, c] = fleet(3, 60);
    for (const budget of [a!, b!, c!]) budget.start();
    await until(() => [a, b, c].every((budget) => budget!.mode() === "shared"));

    const all: number[] = [];
    const stopAt = Date.now() + 3000;
    await Promise.all([a, b, c].map((budget) => drive(budget!, stopAt, all)));
    // Taken when they may go (never a slot for later), so no second holds more than the budget;
    // a millisecond or two between taking and noting the time can move one call across an edge.
    expect(busiestWindow(all)).toBeLessThanOrEqual(62);
    expect(all.length).toBeGreaterThan(150);

    const alone: number[] = [];
    const soloStop = Date.now() + 2000;
    await drive(a!, soloStop, alone);
    // Far more than its own share of 20/s: the pool is the fleet's.
    expect(alone.length).toBeGreaterThan(90);
    expect(busiestWindow(alone)).toBeLessThanOrEqual(62);
  });

  it("holds off the whole fleet when one instance hears Tencent's rate limit", async () => {
    const [a, b] = fleet(2, 50);
    a!.start();
    b!.start();
    await until(() => a!.mode() === "shared" && b!.mode() === "shared");
    a!.holdOff(800);
    await sleep(50);
    const started = Date.now();
    await b!.acquire(2000);
    expect(Date.now() - started).toBeGreaterThanOrEqual(650);
  });

  it("without Redis spends only its own share, and returns to the shared budget by itself", async () => {
    const link = await redisLink();
    cleanups.push(() => link.close());
    const [a, b] = fleet(2, 60, [link.url, REDIS_TEST_URL]);
    a!.start();
    b!.start();
    await until(() => a!.mode() === "shared" && b!.mode() === "shared");

    const times: number[] = [];
    const stopAt = Date.now() + 7000;
    const driving = Promise.all([drive(a!, stopAt, times), drive(b!, stopAt, times)]);
    await sleep(1500);
    link.cut();
    await until(() => a!.mode() === "local", 3000);
    // Local spending waits until the pool no longer counts this share: about MEMBER_TTL + a window.
    const cutAt = Date.now();
    await sleep(2500);
    link.restore();
    await until(() => a!.mode() === "shared", 3000);
    await driving;

    // Within the budget in every second: before, during, after and across both switches.
    expect(busiestWindow(times)).toBeLessThanOrEqual(62);
    // And the fleet kept going while one instance was cut off.
    expect(times.filter((t) => t > cutAt && t < cutAt + 2000).length).toBeGreaterThan(40);
  });

  it("spends its own share when Redis was never there", async () => {
    const [a] = fleet(3, 90, ["redis://127.0.0.1:1"]);
    a!.start();
    const times: number[] = [];
    await drive(a!, Date.now() + 2000, times);
    expect(a!.mode()).toBe("local");
    // 90 / 3 = 30 calls a second, and no more.
    expect(busiestWindow(times)).toBeLessThanOrEqual(31);
    expect(times.length).toBeGreaterThan(40);
  });

  it("keeps one schedule per live-engine call: each has its own limit, and a hold-off of one leaves the others", async () => {
    // As container.ts builds them: get_room_stats at `${prefix}budget`, the others at `${prefix}budget:<call>`.
    const prefix = testPrefix();
    cleanups.push(() => deleteKeys(prefix));
    const redis = connectRedis(REDIS_TEST_URL);
    const make = (key: string, ratePerSecond: number) => {
      const budget = createSharedBudget({ redis, key, instanceId: "instance-0", ratePerSecond, instances: 1 });
      cleanups.push(() => budget.stop());
      return budget;
    };
    cleanups.push(() => void redis.disconnect());
    const stats = make(`${prefix}budget`, 85);
    const list = make(`${prefix}budget:get_room_list`, 8);
    stats.start();
    list.start();
    await until(() => stats.mode() === "shared" && list.mode() === "shared");

    const listTimes: number[] = [];
    const statsTimes: number[] = [];
    const stopAt = Date.now() + 2000;
    await Promise.all([drive(list, stopAt, listTimes, 3), drive(stats, stopAt, statsTimes)]);
    expect(busiestWindow(listTimes)).toBeLessThanOrEqual(9);
    // get_room_list's 8/s does not slow get_room_stats' 85/s.
    expect(statsTimes.length).toBeGreaterThan(120);

    list.holdOff(800);
    await sleep(50);
    const started = Date.now();
    await stats.acquire(2000);
    expect(Date.now() - started).toBeLessThan(300);
  });
});
