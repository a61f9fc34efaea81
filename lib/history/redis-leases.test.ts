// Recorder leases against the real Redis: each instance is its own connection and lease provider,
// claiming as the recorder does on every refresh.
import { afterEach, describe, expect, it } from "vitest";
import { connectRedis, whenReady } from "@/lib/cluster/redis";
import { deleteKeys, REDIS_TEST_URL, redisLink, testPrefix } from "@/lib/testing/redis";
import { createRedisLeases, preferredMember, type RedisLeases } from "./redis-leases";

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const ROOMS = Array.from({ length: 60 }, (_, i) => `room-${i}`);
const TTL_MS = 600;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function instance(prefix: string, id: string, url = REDIS_TEST_URL): Promise<RedisLeases> {
  const redis = connectRedis(url);
  await whenReady(redis, 2000);
  cleanups.push(() => redis.disconnect());
  return createRedisLeases({ redis, prefix, instanceId: id, ttlMs: TTL_MS });
}

/** Instances by id, each its own connection. */
async function fleetOf(prefix: string, ids: string[]): Promise<Map<string, RedisLeases>> {
  return new Map(await Promise.all(ids.map(async (id) => [id, await instance(prefix, id)] as const)));
}

function newPrefix() {
  const prefix = testPrefix();
  cleanups.push(() => deleteKeys(prefix));
  return prefix;
}

/** One claim round by every instance, in turn, as their refreshes come; what each holds after it. */
async function round(instances: Map<string, RedisLeases>): Promise<Map<string, readonly string[]>> {
  const held = new Map<string, readonly string[]>();
  for (const [id, leases] of instances) held.set(id, await leases.claim(ROOMS));
  return held;
}

function expectDisjoint(held: Map<string, readonly string[]>) {
  const all = [...held.values()].flat();
  expect(new Set(all).size).toBe(all.length);
}

describe("recorder leases in Redis", () => {
  it("give each room to one instance, spread evenly", async () => {
    const prefix = newPrefix();
    const fleet = await fleetOf(prefix, ["a", "b", "c"]);
    // The first round registers everyone (a newcomer takes nothing yet); from the second, rooms sit
    // with their preferred member.
    await round(fleet);
    await round(fleet);
    const held = await round(fleet);
    expectDisjoint(held);
    expect([...held.values()].flat().sort()).toEqual([...ROOMS].sort());
    for (const rooms of held.values()) expect(rooms.length).toBeGreaterThan(10);
    for (const [id, rooms] of held) for (const room of rooms) expect(preferredMember(["a", "b", "c"], room)).toBe(id);
  });

  it("move a dead instance's rooms to the others once its leases expire, and back to a newcomer without overlap", async () => {
    const prefix = newPrefix();
    const fleet = await fleetOf(prefix, ["a", "b", "c"]);
    await round(fleet);
    const before = await round(fleet);
    const orphaned = before.get("c")!;
    expect(orphaned.length).toBeGreaterThan(0);

    // c is killed: it never claims again.
    fleet.delete("c");
    let held = await round(fleet);
    expectDisjoint(held);
    for (const room of orphaned) expect([...held.values()].flat()).not.toContain(room);
    // The living keep claiming, as their recorders do; c's leases run out meanwhile.
    const until = Date.now() + TTL_MS + 200;
    while (Date.now() < until) {
      held = await round(fleet);
      expectDisjoint(held);
      await sleep(100);
    }
    held = await round(fleet);
    expect([...held.values()].flat().sort()).toEqual([...ROOMS].sort());

    // A new instance joins: its share moves to it over two rounds, never held twice meanwhile.
    fleet.set("d", await instance(prefix, "d"));
    for (let i = 0; i < 3; i++) {
      held = await round(fleet);
      expectDisjoint(held);
    }
    expect(held.get("d")!.length).toBeGreaterThan(10);
    expect([...held.values()].flat().sort()).toEqual([...ROOMS].sort());
  });

  it("hand every lease back on a clean stop, so the others take the rooms at once", async () => {
    const prefix = newPrefix();
    const fleet = await fleetOf(prefix, ["a", "b"]);
    await round(fleet);
    await round(fleet);
    await fleet.get("b")!.release();
    fleet.delete("b");
    const held = await round(fleet);
    expect([...held.get("a")!].sort()).toEqual([...ROOMS].sort());
  });

  it("without Redis keep to the share the last known fleet gives each", async () => {
    const prefix = newPrefix();
    const link = await redisLink();
    cleanups.push(() => link.close());
    const a = await instance(prefix, "a", link.url);
    const b = await instance(prefix, "b");
    await a.claim(ROOMS);
    await b.claim(ROOMS);
    await a.claim(ROOMS);
    link.cut();
    const alone = await a.claim(ROOMS);
    expect(alone.length).toBeGreaterThan(10);
    expect(alone.every((room) => preferredMember(["a", "b"], room) === "a")).toBe(true);
  });

  it("after Redis lost everything (a restart), no instance takes every room while the others rejoin", async () => {
    const prefix = newPrefix();
    const fleet = await fleetOf(prefix, ["a", "b", "c"]);
    await round(fleet);
    await round(fleet);
    await deleteKeys(prefix);
    // Each one's first claim after it only registers; the next spreads the rooms as before.
    const first = await round(fleet);
    expect([...first.values()].flat()).toEqual([]);
    const second = await round(fleet);
    expectDisjoint(second);
    expect([...second.values()].flat().sort()).toEqual([...ROOMS].sort());
    for (const rooms of second.values()) expect(rooms.length).toBeGreaterThan(10);
  });
});
