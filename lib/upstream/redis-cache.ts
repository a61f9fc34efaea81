import "server-only";
import type { Redis } from "ioredis";
import { isRedisFailure, redisScript, whenReady } from "@/lib/cluster/redis";
import type { CoalescingCache, FailureCodec } from "./coalescing-cache";

// The coalescing cache of a fleet: one upstream call per key per freshness window however many
// instances ask. An outcome lives in Redis for the freshness window; a miss takes the key's lock
// (SET NX, expiring after the longest a load can take) and loads, and everyone else waits for its
// outcome, which is written, published and unlocked in one script. Waiters hear it on a pattern
// subscription every instance holds, and look again every WAIT_POLL_MS in case the message crossed
// their registration; a holder that died lets its lock expire and the next asker loads.
//
// Within one instance, concurrent askers of a key share one trip to Redis. When Redis fails, a get
// falls back to the local cache (`fallback`): coalescing per instance, as without Redis.

const WAIT_POLL_MS = 100;
/** How long start-up waits for Redis before going on without the subscription (it comes later). */
const SUBSCRIBE_WAIT_MS = 2000;

const UNLOCK = `if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1]) end return 1`;

/** Publishes the outcome, keeps it for the freshness window, and unlocks: one step for the waiters. */
const FINISH = `
redis.call('PUBLISH', ARGV[4], ARGV[1])
if tonumber(ARGV[2]) > 0 then redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2]) end
if redis.call('GET', KEYS[2]) == ARGV[3] then redis.call('DEL', KEYS[2]) end
return 1
`;

type Outcome<T, F> = { ok: true; value: T } | { ok: false; failure: F };

export interface RedisCacheOptions<T, F> {
  redis: Redis;
  /** A second connection for the subscription (a subscribed connection can do nothing else). */
  subscriber: Redis;
  prefix: string;
  instanceId: string;
  freshnessMs: number;
  /** The longest a load may take: after that its lock expires and another asker loads. */
  lockMs: number;
  failures: FailureCodec<F>;
  /** How long a failure is reused (default: freshnessMs). */
  failureFreshnessMs?: number;
  fallback: CoalescingCache<T>;
}

export interface RedisCoalescingCache<T> extends CoalescingCache<T> {
  start(): Promise<void>;
  stop(): Promise<void>;
}

export function createRedisCoalescingCache<T, F>(options: RedisCacheOptions<T, F>): RedisCoalescingCache<T> {
  const { redis, subscriber, prefix, instanceId, freshnessMs, lockMs, failures, fallback } = options;
  const failureFreshnessMs = Math.min(options.failureFreshnessMs ?? freshnessMs, freshnessMs);
  const channelPattern = `${prefix}answer:*`;
  const inFlight = new Map<string, Promise<T>>();
  const waiters = new Map<string, Set<(message: string) => void>>();
  const finish = redisScript(redis, FINISH);
  const unlock = redisScript(redis, UNLOCK);

  function settle(raw: string): T {
    const outcome = JSON.parse(raw) as Outcome<T, F>;
    if (outcome.ok) return outcome.value;
    throw failures.decode(outcome.failure);
  }

  /** The next outcome published for `key`, or null after `ms`. */
  function published(key: string, ms: number): Promise<string | null> {
    return new Promise((resolve) => {
      const set = waiters.get(key) ?? new Set();
      waiters.set(key, set);
      const done = (message: string | null) => {
        clearTimeout(timer);
        set.delete(done);
        if (set.size === 0) waiters.delete(key);
        resolve(message);
      };
      const timer = setTimeout(() => done(null), ms);
      set.add(done);
    });
  }

  async function viaRedis(key: string, load: () => Promise<T>): Promise<T> {
    const valueKey = `${prefix}value:${key}`;
    const lockKey = `${prefix}lock:${key}`;
    for (;;) {
      const cached = await redis.get(valueKey);
      if (cached !== null) return settle(cached);
      if ((await redis.set(lockKey, instanceId, "PX", lockMs, "NX")) === "OK") break;
      // Someone else is loading it: their outcome, or a look again shortly.
      const message = await published(key, WAIT_POLL_MS);
      if (message !== null) return settle(message);
    }
    let outcome: Outcome<T, F>;
    try {
      outcome = { ok: true, value: await load() };
    } catch (error) {
      const failure = failures.encode(error);
      // Not to be reused: unlock for the next asker, who loads for itself.
      if (failure === null) await unlock([lockKey], [instanceId]).catch(() => undefined);
      else await finish([valueKey, lockKey], [JSON.stringify({ ok: false, failure }), failureFreshnessMs, instanceId, `${prefix}answer:${key}`]).catch(() => undefined);
      throw error;
    }
    // The answer stands even if Redis failed just now; the lock then expires by itself.
    await finish([valueKey, lockKey], [JSON.stringify(outcome), freshnessMs, instanceId, `${prefix}answer:${key}`]).catch(() => undefined);
    return outcome.value;
  }

  return {
    get(key, load) {
      const pending = inFlight.get(key);
      if (pending) return pending;
      let loaded = false;
      const tracked = () => {
        loaded = true;
        return load();
      };
      const promise = viaRedis(key, tracked).catch((error: unknown) => {
        // A failure of Redis before anything was loaded: this instance on its own, as without Redis.
        if (!loaded && isRedisFailure(error)) return fallback.get(key, load);
        throw error;
      });
      inFlight.set(key, promise);
      const settled = () => inFlight.delete(key);
      promise.then(settled, settled);
      return promise;
    },

    /** Subscribes now if Redis is there, else whenever it comes (waiters poll until then). */
    async start() {
      subscriber.on("pmessage", (pattern: string, channel: string, message: string) => {
        // Several caches may share one subscriber connection, each with its own pattern.
        if (pattern !== channelPattern) return;
        const set = waiters.get(channel.slice(`${prefix}answer:`.length));
        if (set) for (const resolve of [...set]) resolve(message);
      });
      // ioredis subscribes again by itself after a reconnection, once a first subscription took.
      const subscribe = () => subscriber.psubscribe(channelPattern).then(() => true, () => false);
      if ((await whenReady(subscriber, SUBSCRIBE_WAIT_MS)) && (await subscribe())) return;
      subscriber.once("ready", () => void subscribe());
    },

    async stop() {
      await subscriber.punsubscribe(channelPattern).catch(() => undefined);
    },
  };
}
