import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { connectRedis, whenReady } from "@/lib/cluster/redis";
import { tcpLink, type TcpLink } from "./tcp-link";

// The real Redis for integration tests: REDIS_TEST_URL, else the one on this machine. Every test
// gets keys under a prefix of its own, deleted afterwards.

export const REDIS_TEST_URL = process.env.REDIS_TEST_URL ?? "redis://127.0.0.1:6379";

export function testPrefix(): string {
  return `roomscope-test:${randomUUID().slice(0, 8)}:`;
}

/** Deletes every key under `prefix`. */
export async function deleteKeys(prefix: string): Promise<void> {
  const redis = new Redis(REDIS_TEST_URL);
  try {
    let cursor = "0";
    do {
      const [next, keys] = await redis.scan(cursor, "MATCH", `${prefix}*`, "COUNT", 1000);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
    } while (cursor !== "0");
  } finally {
    redis.disconnect();
  }
}

/**
 * A connection as an instance makes it (lib/cluster/redis.ts), once ready, with a prefix of its own;
 * `close()` deletes the prefix's keys and disconnects. `url` may be a link (below) to the test Redis.
 */
export async function connectTestRedis(url = REDIS_TEST_URL, prefix = testPrefix()): Promise<{ redis: Redis; prefix: string; close(): Promise<void> }> {
  const redis = connectRedis(url);
  if (!(await whenReady(redis, 5000))) throw new Error(`no Redis at ${url}`);
  return {
    redis,
    prefix,
    async close() {
      await deleteKeys(prefix);
      redis.disconnect();
    },
  };
}

/** A TCP hop in front of the test Redis that a test can cut and restore (see ./tcp-link.ts). */
export function redisLink(target = REDIS_TEST_URL): Promise<TcpLink> {
  const { hostname, port } = new URL(target);
  return tcpLink(hostname, Number(port || 6379), "redis");
}

/** The most timestamps within any window of `windowMs` (half-open, as Tencent's limiter counts). */
export function busiestWindow(times: readonly number[], windowMs = 1000): number {
  const sorted = [...times].sort((a, b) => a - b);
  let most = 0;
  for (let i = 0, j = 0; i < sorted.length; i++) {
    while (sorted[i]! - sorted[j]! >= windowMs) j++;
    most = Math.max(most, i - j + 1);
  }
  return most;
}
