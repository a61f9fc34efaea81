// Failed sign-ins slow down the next attempt, per account and per address, with delays that double
// from 15 s up to 15 minutes. The account key is the email as typed (normalised), whether or not an
// account has it, so the answer does not tell anyone which emails exist. An address gets more free
// attempts than an account: a whole office may share one. In memory per instance; a fleet keeps the
// counters in Redis (./redis-limits.ts), so trying each instance in turn gains nothing.

export interface SignInThrottle {
  /** Whether an attempt may go ahead now, or how long to wait. */
  check(email: string, address: string | null): Promise<{ ok: true } | { ok: false; retryAfterMs: number }>;
  failed(email: string, address: string | null): Promise<void>;
  succeeded(email: string): Promise<void>;
}

export const FREE_FAILURES = { account: 4, address: 20 };
export const FIRST_DELAY_MS = 15_000;
export const MAX_DELAY_MS = 15 * 60_000;
/** A key with no failure for this long starts over. */
export const FORGET_AFTER_MS = 30 * 60_000;
const MAX_KEYS = 50_000;

export const normaliseEmail = (email: string) => email.trim().toLowerCase();

/** The counters an attempt counts against: its account's, and its address's when known. */
export const throttleKeys = (email: string, address: string | null) =>
  [["account", accountKey(email)], ...(address ? [["address", `address:${address}`]] : [])] as ["account" | "address", string][];

export const accountKey = (email: string) => `account:${normaliseEmail(email)}`;

export function createMemorySignInThrottle(options: { now?: () => number } = {}): SignInThrottle {
  const now = options.now ?? Date.now;
  const entries = new Map<string, { failures: number; lastAt: number; lockedUntil: number }>();

  function entry(key: string, t: number) {
    const found = entries.get(key);
    if (found && t - found.lastAt < FORGET_AFTER_MS) return found;
    return undefined;
  }

  return {
    async check(email, address) {
      const t = now();
      const waits = throttleKeys(email, address).map(([, key]) => (entry(key, t)?.lockedUntil ?? 0) - t);
      const wait = Math.max(0, ...waits);
      return wait > 0 ? { ok: false, retryAfterMs: wait } : { ok: true };
    },
    async failed(email, address) {
      const t = now();
      for (const [kind, key] of throttleKeys(email, address)) {
        const current = entry(key, t) ?? { failures: 0, lastAt: t, lockedUntil: 0 };
        current.failures += 1;
        current.lastAt = t;
        const over = current.failures - FREE_FAILURES[kind];
        if (over > 0) current.lockedUntil = t + Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** (over - 1));
        if (!entries.has(key) && entries.size >= MAX_KEYS) entries.delete(entries.keys().next().value!);
        entries.set(key, current);
      }
    },
    async succeeded(email) {
      entries.delete(accountKey(email));
    },
  };
}
