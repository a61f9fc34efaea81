// The fleet's coalescing cache against the real Redis: instances are separate caches on their own
// connections, as separate processes are.
import { afterEach, describe, expect, it } from "vitest";
import { connectRedis, whenReady } from "@/lib/cluster/redis";
import { deleteKeys, REDIS_TEST_URL, redisLink, testPrefix } from "@/lib/testing/redis";
import { createMemoryCoalescingCache } from "./coalescing-cache";
import { createRedisCoalescingCache } from "./redis-cache";

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const failures = {
  encode: (error: unknown) => (error instanceof Error && error.message.startsWith("upstream") ? { message: error.message } : null),
  decode: ({ message }: { message: string }) => new Error(message),
};

async function instances(count: number, options: { freshnessMs?: number; lockMs?: number; url?: string; prefix?: string; start?: boolean } = {}) {
  const prefix = options.prefix ?? testPrefix();
  cleanups.push(() => deleteKeys(prefix));
  return Promise.all(
    Array.from({ length: count }, async (_, i) => {
      const redis = connectRedis(options.url ?? REDIS_TEST_URL);
      const subscriber = connectRedis(options.url ?? REDIS_TEST_URL);
      const fallback = createMemoryCoalescingCache<string>({ freshnessMs: 0 });
      const cache = createRedisCoalescingCache<string, { message: string }>({
        redis,
        subscriber,
        prefix,
        instanceId: `instance-${i}`,
        freshnessMs: options.freshnessMs ?? 1000,
        lockMs: options.lockMs ?? 5000,
        failures,
        fallback,
      });
      if (!options.url || options.start) {
        expect(await whenReady(redis, 2000)).toBe(true);
        await cache.start();
      }
      cleanups.push(async () => {
        await cache.stop();
        redis.disconnect();
        subscriber.disconnect();
      });
      return { cache, redis };
    }),
  );
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("the fleet's coalescing cache in Redis", () => {
  it("makes one load per key per freshness window, however many instances and callers ask", async () => {
    const fleet = await instances(3);
    let loads = 0;
    const load = async () => {
      loads += 1;
      await sleep(150);
      return `answer ${loads}`;
    };
    const answers = await Promise.all(fleet.flatMap(({ cache }) => Array.from({ length: 10 }, () => cache.get("room-a", load))));
    expect(loads).toBe(1);
    expect(new Set(answers)).toEqual(new Set(["answer 1"]));
    // Within the window every instance is answered from Redis.
    expect(await fleet[2]!.cache.get("room-a", load)).toBe("answer 1");
    expect(loads).toBe(1);
    await sleep(1100);
    expect(await fleet[1]!.cache.get("room-a", load)).toBe("answer 2");
  });

  it("shares a failure Tencent gave, and never one the codec will not keep", async () => {
    const [a, b] = await instances(2);
    let loads = 0;
    const failing = async () => {
      loads += 1;
      await sleep(50);
      throw new Error("upstream said 100001");
    };
    const outcomes = await Promise.allSettled([a!.cache.get("room-b", failing), b!.cache.get("room-b", failing)]);
    expect(outcomes.map((o) => o.status)).toEqual(["rejected", "rejected"]);
    expect(outcomes.map((o) => (o as PromiseRejectedResult).reason.message)).toEqual(["upstream said 100001", "upstream said 100001"]);
    expect(loads).toBe(1);

    let bugs = 0;
    const buggy = async () => {
      bugs += 1;
      throw new TypeError("a bug");
    };
    await expect(a!.cache.get("room-c", buggy)).rejects.toThrow("a bug");
    await expect(b!.cache.get("room-c", buggy)).rejects.toThrow("a bug");
    expect(bugs).toBe(2);
  });

  it("lets the next asker load when the instance holding a key's lock died", async () => {
    const prefix = testPrefix();
    const [a] = await instances(1, { lockMs: 400, prefix });
    // An instance took the lock and was killed before it answered.
    await a!.redis.set(`${prefix}lock:room-d`, "instance-dead", "PX", 400);
    const started = Date.now();
    expect(await a!.cache.get("room-d", async () => "loaded after the lock expired")).toBe("loaded after the lock expired");
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
  });

  it("keeps working on its own when Redis is unreachable", async () => {
    const [a] = await instances(1, { url: "redis://127.0.0.1:1" });
    let loads = 0;
    const load = async () => `loaded ${++loads}`;
    expect(await a!.cache.get("room-e", load)).toBe("loaded 1");
    expect(await Promise.all([a!.cache.get("room-f", load), a!.cache.get("room-f", load)])).toEqual(["loaded 2", "loaded 2"]);
  });

  it("falls back to this instance alone when the connection drops while in use", async () => {
    const link = await redisLink();
    cleanups.push(() => link.close());
    const [a] = await instances(1, { url: link.url, start: true });
    let loads = 0;
    const load = async () => `loaded ${++loads}`;
    expect(await a!.cache.get("room-g", load)).toBe("loaded 1");
    link.cut();
    // Whatever ioredis says of the cut connection (closed, reset, out of retries), a lookup goes on.
    expect(await a!.cache.get("room-h", load)).toBe("loaded 2");
    expect(await a!.cache.get("room-i", load)).toBe("loaded 3");
  });
});
