// Tencent's per-SDKAppID limit, enforced strictly: at most `limit` accepted calls in ANY 1-second
// window, kept as a log of timestamps rather than fixed buckets. Fixed buckets would let 2x the limit
// through across a bucket edge and hide a console that bursts.

export class SlidingWindowLimiter {
  private readonly logs = new Map<string, number[]>();

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
    let log = this.logs.get(key);
    if (!log) {
      log = [];
      this.logs.set(key, log);
    }
    let expired = 0;
    while (expired < log.length && log[expired]! <= nowMs - this.windowMs) expired += 1;
    if (expired > 0) log.splice(0, expired);
    if (log.length >= this.limit) return false;
    log.push(nowMs);
    return true;
  }
}
