import "server-only";
import { createHash } from "node:crypto";
import type { Redis } from "ioredis";
import { redisScript } from "@/lib/cluster/redis";
import { log } from "@/lib/log";
import type { RoomLeases } from "./leases";

// Recorder leases of a fleet: each room to record is sampled by one instance. Every claim is also
// the instance's heartbeat; a room belongs to the live member that rendezvous hashing prefers
// (highest SHA-1 of member and room), so the rooms spread evenly and only a joining or leaving
// member's share moves. A lease is a key holding its owner that expires unless renewed:
//  - an instance that dies stops renewing; its members' entry and its leases expire after TTL_MS,
//    and the preferred live members take its rooms at their next claim (see TTL_MS);
//  - an instance that (re)starts becomes the preferred owner of its share again; the holder hands
//    each such room over at its own next claim, and the newcomer takes it at the claim after, so
//    the two never hold one room at once. The recorder starts a room it takes over one cadence after
//    its last sample in the store, wherever that was taken, so nothing is sampled twice.
// Without Redis each instance keeps to the rooms rendezvous hashing gives it among the members it
// saw last: no coordination, but no room sampled twice while the membership stood still.

/**
 * A member or lease not renewed within this is gone; the recorder claims every RENEW_MS. A dead
 * instance's room is then sampled again within its cadence + TTL_MS + RENEW_MS + 1 s (the first
 * sample's spread): 19 s at the default 10 s cadence, inside two cadences.
 */
const TTL_MS = 6000;
const RENEW_MS = 2000;

/** ARGV: id, ttl ms, lease key prefix, rooms... Returns the rooms this member now holds, then the live members. */
const CLAIM = `
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local id, ttl, prefix = ARGV[1], tonumber(ARGV[2]), ARGV[3]
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
local joining = not redis.call('ZSCORE', KEYS[1], id)
redis.call('ZADD', KEYS[1], now + ttl, id)
local live = redis.call('ZRANGE', KEYS[1], 0, -1)
-- A member new to the set (starting, or after Redis lost everything) only registers this time: if
-- it took free leases now it would see itself alone and take every room, and the others would
-- start their share a claim later than they could.
if joining then return {{}, live} end
local mine = {}
for i = 4, #ARGV do
  local room = ARGV[i]
  local best, bestScore = nil, nil
  for _, member in ipairs(live) do
    local score = redis.sha1hex(member .. '\\n' .. room)
    if bestScore == nil or score > bestScore then best, bestScore = member, score end
  end
  local key = prefix .. room
  local holder = redis.call('GET', key)
  if holder == id then
    if best == id then
      redis.call('PEXPIRE', key, ttl)
      mine[#mine + 1] = room
    else
      redis.call('DEL', key)
    end
  elseif not holder and best == id then
    redis.call('SET', key, id, 'PX', ttl)
    mine[#mine + 1] = room
  end
end
return {mine, live}
`;

const RELEASE = `
redis.call('ZREM', KEYS[1], ARGV[1])
for i = 3, #ARGV do
  local key = ARGV[2] .. ARGV[i]
  if redis.call('GET', key) == ARGV[1] then redis.call('DEL', key) end
end
return 1
`;

/** The member rendezvous hashing prefers for `room` (the same rule as the script's). */
export function preferredMember(members: readonly string[], room: string): string | undefined {
  let best: string | undefined;
  let bestScore = "";
  for (const member of members) {
    const score = createHash("sha1").update(`${member}\n${room}`).digest("hex");
    if (best === undefined || score > bestScore) [best, bestScore] = [member, score];
  }
  return best;
}

export interface RedisLeases extends RoomLeases {
  /** Hands every lease back and leaves, so the others take the rooms at their next claim. */
  release(): Promise<void>;
}

export function createRedisLeases(options: { redis: Redis; prefix: string; instanceId: string; ttlMs?: number }): RedisLeases {
  const { redis, prefix, instanceId, ttlMs = TTL_MS } = options;
  const membersKey = `${prefix}recorders`;
  const leasePrefix = `${prefix}lease:`;
  const claim = redisScript(redis, CLAIM);
  const release = redisScript(redis, RELEASE);
  let members: string[] = [instanceId];
  /** The leases this instance holds, to hand back on a clean stop. */
  const held = new Set<string>();
  let shared = true;

  return {
    renewEveryMs: RENEW_MS,
    async claim(rooms) {
      try {
        const [mine, live] = (await claim([membersKey], [instanceId, ttlMs, leasePrefix, ...rooms])) as [string[], string[]];
        members = live;
        if (!shared) log.info("Redis reachable: recorder leases are shared again", {});
        shared = true;
        for (const room of rooms) held.delete(room);
        for (const room of mine) held.add(room);
        return mine;
      } catch (error) {
        if (shared) log.warn("Redis unreachable: recording the rooms this instance's last view of the fleet gives it", { error: (error as Error).message });
        shared = false;
        return rooms.filter((room) => preferredMember(members, room) === instanceId);
      }
    },

    async release() {
      await release([membersKey], [instanceId, leasePrefix, ...held]).catch(() => undefined);
      held.clear();
    },
  };
}
