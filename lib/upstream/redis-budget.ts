import "server-only";
import type { Redis } from "ioredis";
import { redisScript } from "@/lib/cluster/redis";
import { log } from "@/lib/log";
import { BudgetExceededError, createTokenBucket, type UpstreamBudget } from "./budget";

// The upstream budget of a fleet: every instance takes its calls from one schedule in Redis, so all
// of them together stay within the budget where Tencent counts, and a rate-limit answer holds off
// the whole fleet. Each instance brings its share (the budget / CONSOLE_INSTANCES) to a pool while
// it is a member (a heartbeat in Redis); the pool is what the members spend together, so one busy
// instance may use the shares of idle ones.
//
// The schedule is GCRA (the generic cell rate algorithm, as in ATM networks and redis-cell): one
// number, the theoretical arrival time, updated by a script so that checking and taking are one
// atomic step. With burst b and interval 1/(rate - b) it allows what the local bucket allows: at most
// b + (rate - b) x W calls in any W seconds. A call is taken only when it may go now (never a slot
// reserved for later), so a late timer delays calls and cannot bunch them.
//
// Without Redis an instance spends only its own share, from a local bucket. The switch keeps the
// total within the budget both ways:
//  - Leaving: the pool counts an instance's share until its membership expires, so the instance
//    spends nothing locally until its last heartbeat's expiry plus one window has passed.
//  - Coming back: its local calls of the last window are added to the pool's schedule as it rejoins,
//    so nobody spends them twice.

const WINDOW_MS = 1000;
const HEARTBEAT_MS = 1000;
const MEMBER_TTL_MS = 3000;

/** now (Redis's clock, ms), the live members, and the pool's burst and interval for them. */
const PRELUDE = `
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now)
local instances = tonumber(ARGV[2])
local function pool()
  local live = math.min(redis.call('ZCARD', KEYS[2]), instances)
  local rate = tonumber(ARGV[1]) * live / instances
  local burst = math.max(1, math.floor(rate / 20))
  return burst, 1000 / math.max(1, rate - burst)
end
local function tat()
  return math.max(tonumber(redis.call('GET', KEYS[1]) or '0'), now)
end
local function save(value)
  redis.call('SET', KEYS[1], string.format('%.3f', value), 'PX', 60000)
end
`;

/** ARGV: rate, instances, id. {1} taken; {0, ms} not before ms from now; {-1} not a member. */
const TAKE = `${PRELUDE}
if not redis.call('ZSCORE', KEYS[2], ARGV[3]) then return {-1, 0} end
local burst, interval = pool()
local t = tat()
local allowAt = t - (burst - 1) * interval
if allowAt > now then return {0, math.ceil(allowAt - now)} end
save(t + interval)
return {1, 0}
`;

/** ARGV: rate, instances, id, ttl ms, local calls to account for. */
const JOIN = `${PRELUDE}
redis.call('ZADD', KEYS[2], now + tonumber(ARGV[4]), ARGV[3])
local spent = tonumber(ARGV[5])
if spent > 0 then
  local burst, interval = pool()
  save(tat() + spent * interval)
end
return 1
`;

/** ARGV: rate, instances, hold ms. Nothing goes before now + hold, for any member. */
const HOLD = `${PRELUDE}
local burst, interval = pool()
save(math.max(tat(), now + tonumber(ARGV[3]) + (burst - 1) * interval))
return 1
`;

const LEAVE = `redis.call('ZREM', KEYS[2], ARGV[1]) return 1`;


export interface SharedBudgetOptions {
  redis: Redis;
  /** Where this app's schedule and members live (a prefix and the SDKAppID). */
  key: string;
  instanceId: string;
  /** The fleet's calls per second, headroom already taken off. */
  ratePerSecond: number;
  /** CONSOLE_INSTANCES: how many instances share the budget, and so each one's share without Redis. */
  instances: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export type BudgetMode = "shared" | "local";

export interface SharedBudget extends UpstreamBudget {
  mode(): BudgetMode;
  start(): void;
  /** Leaves the pool, so the others may spend this share at once. */
  stop(): Promise<void>;
}

export function createSharedBudget(options: SharedBudgetOptions): SharedBudget {
  const { redis, instanceId, ratePerSecond, instances, now = Date.now, sleep = (ms) => new Promise((r) => setTimeout(r, ms)) } = options;
  const keys = [`${options.key}:schedule`, `${options.key}:members`];
  const rateArgs = [ratePerSecond, instances];
  const take = redisScript(redis, TAKE);
  const join = redisScript(redis, JOIN);
  const hold = redisScript(redis, HOLD);
  const leave = redisScript(redis, LEAVE);

  const local = createTokenBucket({ ratePerSecond: ratePerSecond / instances, now });
  /** Local calls of the last window, to be accounted for when rejoining. */
  let localCalls: number[] = [];
  // Local until the first heartbeat: not yet a member, this instance's share is its own.
  let mode: BudgetMode = "local";
  let lastAck = -Infinity;
  let timer: ReturnType<typeof setInterval> | null = null;
  // Shared-mode waiters of this process go in turn: only the first asks Redis.
  let turn: Promise<unknown> = Promise.resolve();
  let waiting = 0;

  function toLocal(reason: string) {
    if (mode === "local") return;
    mode = "local";
    // The pool may count this share until the membership expires; and the calls it made for us in
    // the last window still stand.
    const from = lastAck + MEMBER_TTL_MS + WINDOW_MS;
    local.holdOff(Math.max(0, from - now()));
    log.warn("Redis unreachable: spending this instance's own share of the upstream budget", { reason, perSecond: ratePerSecond / instances });
  }

  /** Adds calls made locally to the pool's schedule, as if the pool had made them. */
  async function account(calls: number) {
    await join(keys, [...rateArgs, instanceId, MEMBER_TTL_MS, calls]);
    lastAck = now();
  }

  async function heartbeat() {
    const sentAt = now();
    const recent = mode === "local" ? localCalls.filter((t) => t > sentAt - WINDOW_MS && t <= sentAt).length : 0;
    try {
      await account(recent);
    } catch (error) {
      toLocal((error as Error).message);
      return;
    }
    if (mode === "shared") return;
    mode = "shared";
    log.info("Redis reachable: the upstream budget is shared by the fleet", { instances });
    // Calls that went locally while the heartbeat was on its way count too.
    const late = localCalls.filter((t) => t > sentAt).length;
    localCalls = [];
    if (late > 0) await account(late).catch((error: unknown) => toLocal((error as Error).message));
  }

  async function takeShared(deadline: number): Promise<"taken" | "local"> {
    for (;;) {
      let answer: [number, number];
      try {
        answer = (await take(keys, [...rateArgs, instanceId])) as [number, number];
      } catch (error) {
        toLocal((error as Error).message);
        return "local";
      }
      if (answer[0] === 1) return "taken";
      if (answer[0] === -1) {
        // The membership lapsed (this process stalled past its TTL): rejoin, then ask again.
        await heartbeat();
        if (mode === "local") return "local";
        continue;
      }
      if (now() + answer[1] > deadline) throw new BudgetExceededError(answer[1]);
      await sleep(answer[1]);
    }
  }

  async function takeLocal(deadline: number) {
    await local.acquire(Math.max(0, deadline - now()));
    if (mode === "local") {
      localCalls = localCalls.filter((t) => t > now() - WINDOW_MS);
      localCalls.push(now());
    } else {
      // Its wait began before Redis came back.
      await account(1).catch((error: unknown) => toLocal((error as Error).message));
    }
  }

  return {
    mode: () => mode,

    async acquire(maxWaitMs) {
      const deadline = now() + maxWaitMs;
      if (mode === "local") return takeLocal(deadline);
      // Refused at once when the queue ahead cannot be through in time, as the local bucket does.
      const ahead = (waiting * 1000) / ratePerSecond;
      if (ahead > maxWaitMs) throw new BudgetExceededError(Math.ceil(ahead));
      waiting += 1;
      const mine = turn.then(() => (mode === "shared" ? takeShared(deadline) : ("local" as const)));
      turn = mine.catch(() => undefined);
      try {
        if ((await mine) === "local") await takeLocal(deadline);
      } finally {
        waiting -= 1;
      }
    },

    holdOff(ms) {
      local.holdOff(ms);
      if (mode === "shared") hold(keys, [...rateArgs, ms]).catch((error: unknown) => toLocal((error as Error).message));
    },

    start() {
      if (timer) return;
      void heartbeat();
      timer = setInterval(() => void heartbeat(), HEARTBEAT_MS);
      timer.unref?.();
    },

    async stop() {
      if (timer) clearInterval(timer);
      timer = null;
      if (mode === "shared") await leave(keys, [instanceId]).catch(() => undefined);
      mode = "local";
    },
  };
}
