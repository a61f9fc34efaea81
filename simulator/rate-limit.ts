// Tencent's per-SDKAppID limit, enforced strictly where Tencent counts: at most `limit` accepted calls
// in ANY 1-second window of arrival times, kept as a log of timestamps rather than fixed buckets.
// Fixed buckets would let 2x the limit through across a bucket edge and hide a console that bursts.
// It also keeps the busiest window of arrivals, refused ones included: a client that stays inside
// the limit where it sends but not where its calls arrive shows up there.

/** Drops the entries of a sorted log that fall out of the half-open window ending at `nowMs`. */
function trim(log: number[], nowMs: number, windowMs: number): void {
  let expired = 0;
  while (expired < log.length && log[expired]! <= nowMs - windowMs) expired += 1;
  if (expired > 0) log.splice(0, expired);
}

export class SlidingWindowLimiter {
  private readonly accepted = new Map<string, number[]>();
  private readonly arrived = new Map<string, number[]>();
  private busiest = 0;

  constructor(
    private readonly limit: number,
    private readonly windowMs = 1000,
  ) {}

  /**
   * Takes a slot at `nowMs` or refuses. Refused calls are not logged: a client that keeps retrying
   * is refused while it exceeds the limit, not locked out after it slows down.
   * The window is half-open, so calls exactly `windowMs` apart never share one.
   */
  tryAcquire(key: string, nowMs: number): boolean {
    const arrivals = this.logOf(this.arrived, key);
    trim(arrivals, nowMs, this.windowMs);
    arrivals.push(nowMs);
    this.busiest = Math.max(this.busiest, arrivals.length);

    const log = this.logOf(this.accepted, key);
    trim(log, nowMs, this.windowMs);
    if (log.length >= this.limit) return false;
    log.push(nowMs);
    return true;
  }

  /** The most calls that arrived for one key within any one window so far, refused ones included. */
  busiestWindow(): number {
    return this.busiest;
  }

  private logOf(logs: Map<string, number[]>, key: string): number[] {
    let log = logs.get(key);
    if (!log) {
      log = [];
      logs.set(key, log);
    }
    return log;
  }
}
