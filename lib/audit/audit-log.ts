import "server-only";
import type { AccessDb } from "@/lib/store/access-db";
import type { AuditAction } from "@/lib/contract/audit-actions";
import { log } from "@/lib/log";

// The audit log: who did what, when, from where, to which room, with what result and Tencent's
// RequestId. record() only queues the entry (the lookup path never waits for a write); the queue is
// written in one transaction every FLUSH_MS or at MAX_BATCH entries, and flushed on a clean shutdown
// (lib/server/container.ts stop()). A write that fails is retried with the next batch; entries are
// dropped, loudly, only past MAX_QUEUE, so a dead database cannot take the console's memory with it.


export type { AuditAction };

export interface AuditEntry {
  at: number;
  actorType: "user" | "token" | "anonymous" | "system";
  actorId: string | null;
  /** Email for a user, name for a token, the email tried for a failed sign-in. */
  actor: string | null;
  role: string | null;
  address: string | null;
  action: AuditAction;
  roomId: string | null;
  status: number;
  /** "ok", or the API's error code. */
  outcome: string;
  requestId: string | null;
  /** Small JSON: what changed (a role, a token's name), never a secret. */
  detail: Record<string, string | number | boolean | null> | null;
}

export interface AuditQuery {
  actor?: string;
  roomId?: string;
  action?: AuditAction;
  from?: number;
  to?: number;
  /** Entries older than this id (paging backwards from the newest). */
  before?: number;
  limit: number;
}

export type StoredAuditEntry = AuditEntry & { id: number };

const FLUSH_MS = 1000;
const MAX_BATCH = 5000;
const MAX_QUEUE = 200_000;

export function createAuditLog(db: AccessDb, ready: Promise<void>) {
  let queue: AuditEntry[] = [];
  let timer: ReturnType<typeof setInterval> | null = null;
  let flushing: Promise<void> | null = null;
  let dropped = 0;

  async function write(batch: AuditEntry[]) {
    await ready;
    await db.transaction().execute(async (tx) => {
      // SQLite allows 32766 bound values per statement; 13 columns each.
      for (let i = 0; i < batch.length; i += 2000) {
        await tx
          .insertInto("audit_event")
          .values(
            batch.slice(i, i + 2000).map((e) => ({
              at: e.at,
              actor_type: e.actorType,
              actor_id: e.actorId,
              actor: e.actor,
              role: e.role,
              address: e.address,
              action: e.action,
              room_id: e.roomId,
              status: e.status,
              outcome: e.outcome,
              request_id: e.requestId,
              detail: e.detail ? JSON.stringify(e.detail) : null,
            })),
          )
          .execute();
      }
    });
  }

  async function flushNow(): Promise<void> {
    while (queue.length > 0) {
      const batch = queue.slice(0, MAX_BATCH);
      try {
        await write(batch);
        queue = queue.slice(batch.length);
      } catch (error) {
        log.error("could not write the audit log; will retry", { queued: queue.length, error: (error as Error).message });
        return;
      }
    }
  }

  function flush(): Promise<void> {
    flushing ??= flushNow().finally(() => {
      flushing = null;
    });
    return flushing;
  }

  return {
    record(entry: AuditEntry) {
      if (queue.length >= MAX_QUEUE) {
        if (dropped++ % 10_000 === 0) log.error("audit log queue is full; entries are being dropped", { dropped });
        return;
      }
      queue.push(entry);
      if (queue.length >= MAX_BATCH) void flush();
    },

    flush,

    async query(q: AuditQuery): Promise<StoredAuditEntry[]> {
      await flush();
      let query = db.selectFrom("audit_event").selectAll().orderBy("id", "desc").limit(q.limit);
      if (q.actor) query = query.where("actor", "=", q.actor);
      if (q.roomId) query = query.where("room_id", "=", q.roomId);
      if (q.action) query = query.where("action", "=", q.action);
      if (q.from !== undefined) query = query.where("at", ">=", q.from);
      if (q.to !== undefined) query = query.where("at", "<=", q.to);
      if (q.before !== undefined) query = query.where("id", "<", q.before);
      const rows = await query.execute();
      return rows.map((r) => ({
        id: Number(r.id),
        at: Number(r.at),
        actorType: r.actor_type as AuditEntry["actorType"],
        actorId: r.actor_id,
        actor: r.actor,
        role: r.role,
        address: r.address,
        action: r.action as AuditAction,
        roomId: r.room_id,
        status: r.status,
        outcome: r.outcome,
        requestId: r.request_id,
        detail: r.detail ? (JSON.parse(r.detail) as AuditEntry["detail"]) : null,
      }));
    },

    async prune(before: number): Promise<number> {
      await ready;
      const result = await db.deleteFrom("audit_event").where("at", "<", before).executeTakeFirst();
      return Number(result.numDeletedRows);
    },

    start() {
      timer ??= setInterval(() => void flush(), FLUSH_MS);
      timer.unref?.();
    },

    async stop() {
      if (timer) clearInterval(timer);
      timer = null;
      await flush();
    },
  };
}

export type AuditLog = ReturnType<typeof createAuditLog>;
