import "server-only";
import { log } from "@/lib/log";
import type { RoomStatsAnswer } from "@/lib/tencent/client";
import { UpstreamError } from "@/lib/tencent/errors";
import { isStorageFailure, type HistoryStore, type RecordingFailureCode } from "@/lib/store/store";
import { allRooms, type RoomLeases } from "./leases";

// The recorder samples every room on the watchlist and every room someone looked up recently, on a
// schedule, whether or not a browser is open. It only ever spends its share of the upstream budget
// and only tokens nobody is queueing for (see the service's recorder budget), so interactive lookups
// always come first. When the share cannot cover every room at the configured cadence, every room's
// cadence stretches by the same factor rather than some rooms starving. It records only the rooms its
// leases give it, and keeps why an attempt failed in the store, where every instance can read it.

export interface RecorderOptions {
  store: HistoryStore;
  /** One upstream lookup through the recorder's own budget (never queues ahead of lookups). */
  fetchStats: (roomId: string) => Promise<RoomStatsAnswer>;
  /** Cadence per room when the budget allows it. */
  intervalMs: number;
  /** Rooms looked up this recently are recorded. */
  viewedWindowMs: number;
  /** Upstream calls per second the recorder may make. */
  callsPerSecond: number;
  /** Which rooms are this process's to record; by default all of them. */
  leases?: RoomLeases;
  now?: () => number;
  random?: () => number;
  /** How often the schedule is checked. */
  tickMs?: number;
  /** How often the set of rooms is read again from the store (and the leases claimed); the leases' own need by default. */
  refreshMs?: number;
}

interface Slot {
  nextDueAt: number;
  inFlight: boolean;
  /** forget() dropped the room while a sample was on its way: that sample is not kept. */
  dropped?: boolean;
  /** The attempt in flight, which forget() waits for. */
  attempt?: Promise<void>;
}

/** The API's code for why an attempt failed, as the overview shows it. */
function failureCode(error: unknown): RecordingFailureCode {
  return UpstreamError.is(error) ? error.code : "internal_error";
}

export interface RecorderStatus {
  running: boolean;
  rooms: number;
  /** The cadence every room gets now: the configured one, or longer when the budget is short. */
  cadenceMs: number;
  /** How long the most overdue room has been waiting past its due time (0 when none is). */
  lagMs: number;
  lastError: string | null;
}

export function createRecorder(options: RecorderOptions) {
  const { store, fetchStats, intervalMs, viewedWindowMs, callsPerSecond, leases = allRooms, now = Date.now, random = Math.random, tickMs = 250 } = options;
  const refreshMs = options.refreshMs ?? leases.renewEveryMs ?? 5000;
  const slots = new Map<string, Slot>();
  /**
   * Rooms whose latest sample could not be saved, and since when. The one failure the store cannot
   * hold (the store is what failed), so this process keeps it until a sample is saved again.
   */
  const unsaved = new Map<string, number>();
  /** Rooms forget() dropped, and when: a refresh that read the store before then must not bring them back. */
  const forgotten = new Map<string, number>();
  let timer: ReturnType<typeof setInterval> | null = null;
  let refreshedAt = -Infinity;
  let refreshing = false;
  let lastError: string | null = null;

  const cadenceMs = () => Math.max(intervalMs, Math.ceil((slots.size / Math.max(callsPerSecond, 0.001)) * 1000));
  /** ±10 % so rooms that joined together drift apart instead of firing in step. */
  const jittered = (ms: number) => Math.round(ms * (0.9 + 0.2 * random()));

  /**
   * When a room new to this process is first due: one cadence after its last sample, wherever that
   * was taken (a room taken over from another instance keeps its rhythm and is not sampled twice);
   * within a second when that is past; somewhere within one cadence for a room never sampled, so a
   * first start does not fire every room at once.
   */
  function firstDue(lastSampleAt: number | undefined, at: number): number {
    if (lastSampleAt === undefined) return at + Math.round(random() * cadenceMs());
    return Math.max(lastSampleAt + cadenceMs(), at + Math.round(random() * 1000));
  }

  async function refreshRooms(at: number) {
    if (refreshing) return;
    refreshing = true;
    try {
      let wanted: readonly string[];
      try {
        wanted = await store.roomsToRecord(at - viewedWindowMs);
      } catch (error) {
        // The database is out of reach: keep recording (and holding the leases of) the rooms this
        // process has, rather than let the leases lapse and the fleet start over when it is back.
        noteError("could not read the rooms to record", error);
        wanted = [...slots.keys()];
      }
      const rooms = new Set(await leases.claim(wanted));
      for (const roomId of slots.keys()) if (!rooms.has(roomId) && !slots.get(roomId)!.inFlight) slots.delete(roomId);
      const newcomers = [...rooms].filter((roomId) => !slots.has(roomId) && !((forgotten.get(roomId) ?? -Infinity) >= at));
      for (const [roomId, forgottenAt] of forgotten) if (forgottenAt < at) forgotten.delete(roomId);
      const latest = newcomers.length > 0 ? await store.latestSamples(newcomers) : new Map<string, { t: number }>();
      for (const roomId of newcomers) slots.set(roomId, { nextDueAt: firstDue(latest.get(roomId)?.t, at), inFlight: false });
      refreshedAt = at;
    } catch (error) {
      noteError("could not read the rooms to record", error);
    } finally {
      refreshing = false;
    }
  }

  function noteError(msg: string, error: unknown) {
    lastError = `${msg}: ${(error as Error)?.message ?? String(error)}`;
    if (isStorageFailure(error)) return; // logged by the outage guard, once per outage
    log.error(`recorder ${msg}`, { error: (error as Error)?.message });
  }

  async function record(roomId: string, slot: Slot) {
    slot.inFlight = true;
    const startedAt = now();
    try {
      const answer = await fetchStats(roomId);
      // Ended meanwhile (the destroy callback): a later sample would make the room live again.
      if (slot.dropped) return;
      await store.addSample(roomId, { t: Date.parse(answer.fetchedAt), stats: answer.stats });
      unsaved.delete(roomId);
      slot.nextDueAt = startedAt + jittered(cadenceMs());
    } catch (error) {
      if (UpstreamError.is(error) && error.kind === "not_found") {
        // Ended: marked at its last good sample and no longer polled until someone looks it up. A
        // room Tencent's destroy callback already ended keeps the callback's time, which is exact.
        const room = await store.room(roomId).catch(() => null);
        if (room?.status !== "ended") {
          await store.markEnded(roomId, room?.lastSampleAt ?? startedAt).catch((e: unknown) => noteError("could not mark a room ended", e));
        }
        slots.delete(roomId);
        return;
      }
      if (UpstreamError.is(error) && error.fromBudget) {
        // Lookups have the budget right now; come back shortly rather than a whole cadence later.
        slot.nextDueAt = now() + 200 + Math.round(random() * 300);
        return;
      }
      // Anything else leaves a gap in the history (never a made-up value) and is tried next cadence.
      if (!UpstreamError.is(error)) noteError("could not store a sample", error);
      if (isStorageFailure(error)) {
        if (!unsaved.has(roomId)) unsaved.set(roomId, now());
      } else {
        const failure = { at: now(), code: failureCode(error), upstreamCode: UpstreamError.is(error) ? (error.errorCode ?? null) : null };
        await store.noteFailure(roomId, failure).catch((e: unknown) => noteError("could not note a failed attempt", e));
      }
      slot.nextDueAt = startedAt + jittered(cadenceMs());
    } finally {
      slot.inFlight = false;
    }
  }

  function tick() {
    const at = now();
    if (at - refreshedAt >= refreshMs) void refreshRooms(at);
    for (const [roomId, slot] of slots) {
      if (!slot.inFlight && slot.nextDueAt <= at) slot.attempt = record(roomId, slot);
    }
  }

  return {
    start() {
      if (timer) return;
      timer = setInterval(tick, tickMs);
      // The recorder must never keep a process alive on its own (tests, a stopping server).
      timer.unref?.();
      tick();
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = null;
    },
    /**
     * Someone looked a room up: record it from now on without waiting for the next refresh. `soon`:
     * its first sample at once rather than a cadence later (a room that has just started).
     */
    track(roomId: string, options: { soon?: boolean } = {}) {
      if (!timer || slots.has(roomId)) return;
      void leases.claim([roomId]).then(
        (mine) => {
          if (timer && mine.includes(roomId) && !slots.has(roomId)) slots.set(roomId, { nextDueAt: options.soon ? now() : now() + jittered(cadenceMs()), inFlight: false });
        },
        (error: unknown) => noteError("could not claim a room", error),
      );
    },
    /**
     * The room has ended (Tencent's destroy callback): this process stops polling it now, and
     * resolves once an attempt in flight has settled. The caller then marks it ended in the store,
     * so the instance that holds its lease drops it at its next refresh.
     */
    async forget(roomId: string): Promise<void> {
      const slot = slots.get(roomId);
      if (slot) slot.dropped = true;
      slots.delete(roomId);
      forgotten.set(roomId, now());
      // Its sample on the way is written (or dropped) before the caller marks the room ended.
      if (slot?.inFlight) await slot.attempt;
    },
    /** Since when this room's samples have not been saved (the store failing), or null. */
    unsavedSince(roomId: string): number | null {
      return unsaved.get(roomId) ?? null;
    },
    status(): RecorderStatus {
      const at = now();
      let lagMs = 0;
      for (const slot of slots.values()) if (!slot.inFlight) lagMs = Math.max(lagMs, at - slot.nextDueAt);
      return { running: timer !== null, rooms: slots.size, cadenceMs: cadenceMs(), lagMs, lastError };
    },
  };
}

export type Recorder = ReturnType<typeof createRecorder>;
