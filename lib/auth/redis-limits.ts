import "server-only";
import type { Redis } from "ioredis";
import { isRedisFailure, redisScript } from "@/lib/cluster/redis";
import { log } from "@/lib/log";
import { createMemoryRequestQuota, quotaCapacity, type RequestQuota } from "./request-quota";
import {
  accountKey,
  createMemorySignInThrottle,
  FIRST_DELAY_MS,
  FORGET_AFTER_MS,
  FREE_FAILURES,
  MAX_DELAY_MS,
  throttleKeys,
  type SignInThrottle,
} from "./sign-in-throttle";

// The request quota and the sign-in throttle of a fleet, in Redis: a principal's quota, and an
// account's or address's failed sign-ins, count the same whichever instance a request reaches (a
// load balancer spreads them, so per-instance counters would give each principal CONSOLE_INSTANCES
// times its quota and an attacker that many more guesses). Each check is one script, so counting
// and deciding are one atomic step. Times are the instance's clock, as the in-memory versions'
// are (instances keep NTP time; a few ms of skew moves a decision by as much).
//
// Without Redis each instance falls back to its own counters (./request-quota.ts,
// ./sign-in-throttle.ts): a principal then gets its quota per instance, which the upstream budget
// still bounds, and refusing every request while Redis restarts would be the bigger harm. After a
// failure the fallback answers for RETRY_REDIS_MS before Redis is asked again, so a Redis that hangs
// costs one command timeout a second, not one per request.

const RETRY_REDIS_MS = 1000;

/**
 * GCRA (as the upstream budget's schedule): the key holds the theoretical arrival time. KEYS: the
 * bucket. ARGV: now, interval ms, capacity. 0 when taken, else ms until one may be.
 */
const TAKE_QUOTA = `
local now = tonumber(ARGV[1])
local interval = tonumber(ARGV[2])
local tat = math.max(tonumber(redis.call('GET', KEYS[1]) or '0'), now)
local allowAt = tat - (tonumber(ARGV[3]) - 1) * interval
if allowAt > now then return math.ceil(allowAt - now) end
tat = tat + interval
redis.call('SET', KEYS[1], string.format('%.3f', tat), 'PX', math.max(1, math.ceil(tat - now)))
return 0
`;

/** KEYS: the counters. ARGV: now, forget after ms. The longest wait any of them imposes, ms. */
const CHECK_SIGN_IN = `
local now = tonumber(ARGV[1])
local wait = 0
for _, key in ipairs(KEYS) do
  local entry = redis.call('HMGET', key, 'lastAt', 'lockedUntil')
  if entry[1] and now - tonumber(entry[1]) < tonumber(ARGV[2]) then
    wait = math.max(wait, tonumber(entry[2] or '0') - now)
  end
end
return math.ceil(wait)
`;

/** KEYS: the counters. ARGV: now, forget after ms, first delay, max delay, then each key's free failures. */
const FAILED_SIGN_IN = `
local now = tonumber(ARGV[1])
local forget = tonumber(ARGV[2])
for i, key in ipairs(KEYS) do
  local lastAt = tonumber(redis.call('HGET', key, 'lastAt') or '0')
  if now - lastAt >= forget then redis.call('DEL', key) end
  local over = redis.call('HINCRBY', key, 'failures', 1) - tonumber(ARGV[4 + i])
  redis.call('HSET', key, 'lastAt', now)
  if over > 0 then
    redis.call('HSET', key, 'lockedUntil', now + math.min(tonumber(ARGV[4]), tonumber(ARGV[3]) * 2 ^ (over - 1)))
  end
  redis.call('PEXPIRE', key, forget)
end
return 1
`;

interface SharedOptions {
  redis: Redis;
  /** Where the counters live (REDIS_PREFIX and the SDKAppID). */
  prefix: string;
  now?: () => number;
}

/**
 * Runs `shared` unless Redis failed in the last RETRY_REDIS_MS; on a Redis failure, `local`. On the
 * process's monotonic clock: the one the counters use may be a test's, or jump.
 */
function withFallback(what: string) {
  const now = () => performance.now();
  let localUntil = -Infinity;
  return async <T>(shared: () => Promise<T>, local: () => Promise<T>): Promise<T> => {
    if (now() < localUntil) return local();
    try {
      const answer = await shared();
      if (localUntil !== -Infinity) {
        localUntil = -Infinity;
        log.info(`Redis reachable: the ${what} is shared by the fleet again`, {});
      }
      return answer;
    } catch (error) {
      if (!isRedisFailure(error)) throw error;
      if (localUntil === -Infinity) log.warn(`Redis unreachable: the ${what} counts on this instance alone`, { error: (error as Error).message });
      localUntil = now() + RETRY_REDIS_MS;
      return local();
    }
  };
}

export function createRedisRequestQuota(options: SharedOptions & { perMinute: number }): RequestQuota {
  const { redis, prefix, perMinute, now = Date.now } = options;
  const take = redisScript(redis, TAKE_QUOTA);
  const intervalMs = 60_000 / perMinute;
  const capacity = quotaCapacity(perMinute);
  const local = createMemoryRequestQuota({ perMinute, now });
  const run = withFallback("request quota");
  return {
    take: (key) =>
      run(
        async () => {
          const wait = Number(await take([`${prefix}quota:${key}`], [now(), intervalMs, capacity]));
          return wait === 0 ? { ok: true } : { ok: false, retryAfterMs: wait };
        },
        () => local.take(key),
      ),
  };
}

export function createRedisSignInThrottle(options: SharedOptions): SignInThrottle {
  const { redis, prefix, now = Date.now } = options;
  const check = redisScript(redis, CHECK_SIGN_IN);
  const failed = redisScript(redis, FAILED_SIGN_IN);
  const local = createMemorySignInThrottle({ now });
  const run = withFallback("sign-in throttle");
  const redisKeys = (email: string, address: string | null) => throttleKeys(email, address).map(([, key]) => `${prefix}signin:${key}`);
  return {
    check: (email, address) =>
      run(
        async () => {
          const wait = Number(await check(redisKeys(email, address), [now(), FORGET_AFTER_MS]));
          return wait > 0 ? { ok: false, retryAfterMs: wait } : { ok: true };
        },
        () => local.check(email, address),
      ),
    failed: (email, address) =>
      run(
        async () => {
          const free = throttleKeys(email, address).map(([kind]) => FREE_FAILURES[kind]);
          await failed(redisKeys(email, address), [now(), FORGET_AFTER_MS, FIRST_DELAY_MS, MAX_DELAY_MS, ...free]);
        },
        () => local.failed(email, address),
      ),
    succeeded: (email) =>
      run(
        async () => void (await redis.del(`${prefix}signin:${accountKey(email)}`)),
        () => local.succeeded(email),
      ),
  };
}
