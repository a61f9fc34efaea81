// Failed sign-ins slow down the next attempt, per account and per address, with delays that double
// from 15 s up to 15 minutes. The account key is the email as typed (normalised), whether or not an
// account has it, so the answer does not tell anyone which emails exist. An address gets more free
// attempts than an account: a whole office may share one. In memory per instance; the shared
// deployment keeps the counters in Redis behind the same interface.

export interface SignInThrottle {
  /** Whether an attempt may go ahead now, or how long to wait. */
  check(email: string, address: string | null): { ok: true } | { ok: false; retryAfterMs: number };
  failed(email: string, address: string | null): void;
  succeeded(email: string): void;
}

const FREE_FAILURES = { account: 4, address: 20 };
const FIRST_DELAY_MS = 15_000;
const MAX_DELAY_MS = 15 * 60_000;
/** A key with no failure for this long starts over. */
const FORGET_AFTER_MS = 30 * 60_000;
const MAX_KEYS = 50_000;

export const normaliseEmail = (email: string) => email.trim().toLowerCase();

export function createMemorySignInThrottle(options: { now?: () => number } = {}): SignInThrottle {
  const now = options.now ?? Date.now;
  const entries = new Map<string, { failures: number; lastAt: number; lockedUntil: number }>();

  const keys = (email: string, address: string | null) =>
    [["account", `account:${normaliseEmail(email)}`], ...(address ? [["address", `address:${address}`]] : [])] as ["account" | "address", string][];

  function entry(key: string, t: number) {
    const found = entries.get(key);
    if (found && t - found.lastAt < FORGET_AFTER_MS) return found;
    return undefined;
  }

  return {
    check(email, address) {
      const t = now();
      const waits = keys(email, address).map(([, key]) => (entry(key, t)?.lockedUntil ?? 0) - t);
      const wait = Math.max(0, ...waits);
      return wait > 0 ? { ok: false, retryAfterMs: wait } : { ok: true };
    },
    failed(email, address) {
      const t = now();
      for (const [kind, key] of keys(email, address)) {
        const current = entry(key, t) ?? { failures: 0, lastAt: t, lockedUntil: 0 };
        current.failures += 1;
        current.lastAt = t;
        const over = current.failures - FREE_FAILURES[kind];
        if (over > 0) current.lockedUntil = t + Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** (over - 1));
        if (!entries.has(key) && entries.size >= MAX_KEYS) entries.delete(entries.keys().next().value!);
        entries.set(key, current);
      }
    },
    succeeded(email) {
      entries.delete(`account:${normaliseEmail(email)}`);
    },
  };
}
