// What only a fleet's request quota and sign-in throttle do, against the real Redis: instances on
// their own connections (as separate processes have) count together, and one that loses Redis
// counts on its own until Redis is back, then together again. The rules themselves are checked on
// both implementations in ./request-quota.test.ts and ./sign-in-throttle.test.ts.
import { afterEach, describe, expect, it } from "vitest";
import { connectTestRedis, REDIS_TEST_URL, redisLink, testPrefix } from "@/lib/testing/redis";
import { createRedisRequestQuota, createRedisSignInThrottle } from "./redis-limits";

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** `urls.length` instances' connections to one Redis, sharing one prefix. */
async function instances(urls: string[]) {
  const prefix = testPrefix();
  return Promise.all(
    urls.map(async (url) => {
      const connection = await connectTestRedis(url, prefix);
      cleanups.push(connection.close);
      return connection;
    }),
  );
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("the fleet's request quota and sign-in throttle", () => {
  it("gives a principal one quota across instances, however its requests are spread", async () => {
    let t = 1_000_000;
    const [a, b] = (await instances([REDIS_TEST_URL, REDIS_TEST_URL])).map((c) =>
      createRedisRequestQuota({ ...c, perMinute: 60, now: () => t }),
    );
    // A burst of 10 in all: alternating instances, the 11th request is refused on either.
    for (let i = 0; i < 10; i++) expect((await (i % 2 ? a! : b!).take("token:x")).ok).toBe(true);
    expect(await a!.take("token:x")).toEqual({ ok: false, retryAfterMs: 1000 });
    expect((await b!.take("token:x")).ok).toBe(false);
    t += 1000;
    expect((await b!.take("token:x")).ok).toBe(true);
    expect((await a!.take("token:x")).ok).toBe(false);
  });

  it("throttles an account on every instance after failures on any, and a success anywhere clears it", async () => {
    const [a, b] = (await instances([REDIS_TEST_URL, REDIS_TEST_URL])).map((c) => createRedisSignInThrottle(c));
    // Four free failures spread over both instances, then the fifth locks the account everywhere.
    for (let i = 0; i < 5; i++) await (i % 2 ? a! : b!).failed("ana@example.com", `10.0.0.${i}`);
    expect(await a!.check("ana@example.com", "10.9.9.9")).toMatchObject({ ok: false });
    expect(await b!.check("ANA@example.com ", "10.9.9.8")).toMatchObject({ ok: false });
    await b!.succeeded("ana@example.com");
    expect(await a!.check("ana@example.com", "10.9.9.9")).toEqual({ ok: true });
  });

  it("counts on its own while Redis is out of reach, and with the fleet again once it is back", async () => {
    const link = await redisLink();
    cleanups.push(() => link.close());
    const t = 1_000_000;
    const [cutOff, other] = (await instances([link.url, REDIS_TEST_URL])).map((c) =>
      createRedisRequestQuota({ ...c, perMinute: 60, now: () => t }),
    );
    // The other instance spends the shared burst.
    for (let i = 0; i < 10; i++) expect((await other!.take("token:x")).ok).toBe(true);
    expect((await cutOff!.take("token:x")).ok).toBe(false);

    link.cut();
    // Its own buckets, full: requests are answered (not refused for want of Redis), up to a burst.
    let allowed = 0;
    while ((await cutOff!.take("token:x")).ok) allowed++;
    expect(allowed).toBe(10);
    for (let i = 0; i < 10; i++) await cutOff!.take("token:z");
    expect((await cutOff!.take("token:z")).ok).toBe(false);

    link.restore();
    // Once Redis answers again (a second after the failure, plus the reconnect), the shared buckets
    // decide once more: token:z's is full, as nothing was taken from it there.
    await sleep(2500);
    expect((await cutOff!.take("token:z")).ok).toBe(true);
    expect((await cutOff!.take("token:x")).ok).toBe(false);
  });
});
