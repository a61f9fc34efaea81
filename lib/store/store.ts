import "server-only";
import { errorBrand } from "@/lib/errors/brand";
import { STORAGE_FAILURE_CODES, type ApiErrorCode } from "@/lib/contract/api";
import type { Sample } from "@/lib/contract/stats";
import type { AlertStore } from "@/lib/store/alert-store";

// What the console keeps of each room's history, independent of the database behind it: the embedded
// SQLite file (sqlite-store.ts) or a shared PostgreSQL (postgres-store.ts), both through the one set
// of queries in history-store.ts. Every write's promise settles only after it has committed, so a
// resolved write survives a crash.

export type { Sample };

/** Why recording a room failed: the API's code for it (rate_limited, upstream_timeout, ...). */
export type RecordingFailureCode = ApiErrorCode;

/** The latest failed attempt to record a room. */
export interface RecordingFailureRecord {
  at: number;
  code: RecordingFailureCode;
  /** Tencent's ErrorCode, when Tencent answered. */
  upstreamCode: number | null;
}

/** "live" once a sample arrived; "ended" after 100004; "unknown" before either or after a re-view. */
export type RoomStatus = "live" | "ended" | "unknown";

export interface RoomRecord {
  roomId: string;
  status: RoomStatus;
  /** Bounds of the samples still held (prune moves them); null when none are. */
  firstSampleAt: number | null;
  lastSampleAt: number | null;
  /** When the room was last known to end (its last good sample); kept until a newer sample arrives. */
  endedAt: number | null;
  lastViewedAt: number | null;
  /** When Tencent's create callback said the room was created: recorded until it ends (RECORD_ALL_ROOMS). */
  announcedAt: number | null;
  watched: boolean;
  watchedAt: number | null;
  /** The latest failed recording attempt, kept after later successes (compare its time with theirs). */
  lastFailure: RecordingFailureRecord | null;
  /** When Tencent says the room was created (get_room_info's CreateTime, epoch ms), once its details were fetched. */
  createdAt: number | null;
}

export interface SampleRange {
  /** Inclusive, epoch ms. */
  from?: number;
  /** Inclusive, epoch ms. */
  to?: number;
}

export interface StoreHealth {
  /** False from a storage failure until the next successful write. */
  ok: boolean;
  lastError: { code: StorageFailureCode; message: string } | null;
  lastErrorAt: number | null;
  /** Samples that could not be written yet, held to be written when the database takes writes again. */
  heldSamples: number;
  /** Samples dropped because too many were held (a long outage). */
  droppedSamples: number;
}

export interface HistoryStore {
  /** Idempotent on (roomId, t): a second sample at the same t is ignored. */
  addSample(roomId: string, sample: Sample): Promise<void>;
  /** Several rooms' samples in one transaction; resolves with how many were new. */
  addSamples(entries: ReadonlyArray<{ roomId: string; sample: Sample }>): Promise<number>;
  /** Sorted by t. */
  samples(roomId: string, range?: SampleRange): Promise<Sample[]>;
  /** The newest sample of each room that has one, in one query. */
  latestSamples(roomIds: readonly string[]): Promise<Map<string, Sample>>;
  room(roomId: string): Promise<RoomRecord | null>;
  /** Someone looked the room up; an "ended" room becomes "unknown" so that it is tried again. */
  markViewed(roomId: string, at: number): Promise<void>;
  /** Tencent said 100004; `endedAt` is the room's last good sample. */
  markEnded(roomId: string, endedAt: number): Promise<void>;
  /** Keeps the room's creation time, so an ended room's report still measures the stream from it. */
  noteCreated(roomId: string, createdAt: number): Promise<void>;
  /** A recording attempt failed; only a failure newer than the one held replaces it. */
  noteFailure(roomId: string, failure: RecordingFailureRecord): Promise<void>;
  /**
   * Tencent's create callback announced the room, created at `createdAt`: it is recorded until it
   * ends. A room that ended at or after `createdAt` stays ended (the destroy callback came first);
   * one that ended before it is a new stream under the same RoomId and is recorded again.
   */
  markAnnounced(roomId: string, createdAt: number): Promise<void>;
  /**
   * Keeps a callback delivery's key; resolves true the first time a key is offered, false after
   * (whichever instance offered it first).
   */
  claimDelivery(key: string, at: number): Promise<boolean>;
  /** Lets a claimed delivery be handled again (it could not be, and Tencent may deliver it again). */
  releaseDelivery(key: string): Promise<void>;
  /** Watched, announced and recently viewed (at or after `viewedSince`) rooms, minus ended ones; sorted. */
  roomsToRecord(viewedSince: number): Promise<string[]>;
  /** Oldest watch first. */
  watchlist(): Promise<RoomRecord[]>;
  /** Idempotent: watching again keeps the first `at`. */
  watch(roomId: string, at: number): Promise<void>;
  unwatch(roomId: string): Promise<void>;
  /**
   * Deletes samples with t < olderThan, in short batches, and forgets rooms left with no samples,
   * no watch and no view since then. Resolves with the number of samples deleted.
   */
  prune(olderThan: number): Promise<number>;
  /** Idempotent. Later calls of other methods reject with code "closed". */
  close(): Promise<void>;
  /** Alert rules, states, history, silences and notifications, in the same database (./alert-store.ts). */
  readonly alerts: AlertStore;
}

/** A store behind ./outage-guard.ts, which knows how the storage has been doing. */
export interface GuardedStore extends HistoryStore {
  health(): StoreHealth;
}

export type StoreErrorCode =
  /** Another connection held the write lock (or a row) for longer than the busy or lock timeout. */
  | "busy"
  /** The disk (or the configured size cap) is full. */
  | "full"
  /** The file or its folder is write-protected (permissions, a read-only mount), or the server is a standby: reads still work. */
  | "read_only"
  /** The file could not be opened, read or written (permissions, I/O error), or the server cannot be reached. */
  /** A database server that cannot be reached (stopped, restarting, a network cut): passes by itself. */
  | "unreachable"
  | "io"
  /** The file is not a SQLite database, not Roomscope's, or is damaged; or the tables are someone else's. */
  | "corrupt"
  /** The database was written by a newer Roomscope than this one. */
  | "too_new"
  /** Used after close(). */
  | "closed"
  /** The caller passed something the store cannot hold (bad RoomId, non-integer counter). */
  | "invalid"
  | "internal";

/** Failures of the storage itself, as opposed to a caller's mistake: these make health() not ok. */
export type StorageFailureCode = (typeof STORAGE_FAILURE_CODES)[number];
const STORAGE_FAILURES: ReadonlySet<string> = new Set<StorageFailureCode>(STORAGE_FAILURE_CODES);

export function isStorageFailureCode(code: string): code is StorageFailureCode {
  return STORAGE_FAILURES.has(code);
}

const brand = errorBrand("StoreError");

/** Every failure of a store. Messages are for logs and operators; they never contain sample data. */
export class StoreError extends Error {
  static is(error: unknown): error is StoreError {
    return brand.is(error);
  }

  constructor(
    readonly code: StoreErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "StoreError";
    brand.mark(this);
  }

  /** The storage failed (locked, full, unreadable), not the caller. */
  get storageFailure(): boolean {
    return isStorageFailureCode(this.code);
  }
}

/**
 * Whether `error` is a failure of the storage itself (locked, full, unreadable). The outage guard
 * logs an outage, once when it starts and once when it ends; callers log everything else, or every
 * room would repeat it at every cadence.
 */
export function isStorageFailure(error: unknown): error is StoreError {
  return StoreError.is(error) && error.storageFailure;
}
