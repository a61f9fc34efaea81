import "server-only";
import { createHash } from "node:crypto";
import { Redis, ReplyError } from "ioredis";

// The Redis connection of an instance that shares its budget, cache and recorder leases with the
// rest of the fleet (REDIS_URL). Commands fail at once while the connection is down instead of
// queueing (enableOfflineQueue: false) and after COMMAND_TIMEOUT_MS: every user has a local
// fallback and must not wait behind a dead server. ioredis reconnects by itself, at most a second
// apart, and the users notice it is back on their next command.

const COMMAND_TIMEOUT_MS = 500;

export function connectRedis(url: string): Redis {
  const redis = new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    commandTimeout: COMMAND_TIMEOUT_MS,
    retryStrategy: (attempt) => Math.min(100 * attempt, 1000),
    // A refused connection is expected while Redis restarts; the fallbacks log the switch once.
    lazyConnect: false,
  });
  redis.on("error", () => undefined);
  return redis;
}

/** Resolves true once the connection is ready (at once if it is), false after `ms` without. */
export function whenReady(redis: Redis, ms: number): Promise<boolean> {
  if (redis.status === "ready") return Promise.resolve(true);
  return new Promise((resolve) => {
    const ready = () => {
      clearTimeout(timer);
      resolve(true);
    };
    const timer = setTimeout(() => {
      redis.off("ready", ready);
      resolve(false);
    }, ms);
    redis.once("ready", ready);
  });
}

export type RedisScript = (keys: readonly string[], args: readonly (string | number)[]) => Promise<unknown>;

/** A Lua script run by its SHA (EVALSHA, falling back to EVAL once when the server lacks it). */
export function redisScript(redis: Redis, lua: string): RedisScript {
  const name = `roomscope_${createHash("sha1").update(lua).digest("hex").slice(0, 16)}`;
  if (!(name in redis)) redis.defineCommand(name, { lua });
  const command = (redis as unknown as Record<string, (numberOfKeys: number, ...rest: (string | number)[]) => Promise<unknown>>)[name]!.bind(redis);
  return (keys, args) => command(keys.length, ...keys, ...args);
}

/**
 * An error of the Redis connection or of a command, as opposed to one the caller's own work threw.
 * By class and message, not by name: the production bundle renames ioredis's error classes.
 */
export function isRedisFailure(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  return (
    error instanceof ReplyError ||
    /max retries per request|Connection is closed|Stream isn't writeable|Command timed out|ECONNREFUSED|ECONNRESET|EPIPE/i.test(error.message)
  );
}
