// RoomIds this browser looked up recently, kept in localStorage so an operator can get back to the
// rooms they watch without retyping 48-byte IDs. Nothing here is sent to the server.
//
// The list operations are pure; `recentLookupsStore` wraps them around localStorage in the shape
// useSyncExternalStore wants (and keeps other tabs in sync through the `storage` event).

import { z } from "zod";
import { checkRoomId } from "@/lib/contract/room-id";

export const RECENT_LOOKUPS_KEY = "roomscope:recent-lookups";
export const MAX_RECENT_LOOKUPS = 10;

/** Puts `roomId` first, removing an earlier copy, and keeps at most `max`. */
export function addRecentLookup(list: readonly string[], roomId: string, max = MAX_RECENT_LOOKUPS): string[] {
  return [roomId, ...list.filter((id) => id !== roomId)].slice(0, max);
}

export function removeRecentLookup(list: readonly string[], roomId: string): string[] {
  return list.filter((id) => id !== roomId);
}

const storedSchema = z.array(z.unknown());

/**
 * Reads what was stored, tolerating anything: another version of the console, a hand-edited
 * value, or a full disk that left half a write. Invalid RoomIds and duplicates are dropped.
 */
export function parseRecentLookups(raw: string | null, max = MAX_RECENT_LOOKUPS): string[] {
  if (!raw) return [];
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return [];
  }
  const parsed = storedSchema.safeParse(value);
  if (!parsed.success) return [];
  const ids: string[] = [];
  for (const item of parsed.data) {
    if (typeof item !== "string" || !checkRoomId(item).ok || ids.includes(item)) continue;
    ids.push(item);
    if (ids.length === max) break;
  }
  return ids;
}

const EMPTY: readonly string[] = [];
const listeners = new Set<() => void>();
let snapshotRaw: string | null = null;
let snapshot: readonly string[] = EMPTY;

function storage(): Storage | null {
  try {
    return typeof window === "undefined" ? null : window.localStorage;
  } catch {
    // Storage can be disabled by policy or privacy settings; the console works without it.
    return null;
  }
}

function read(): readonly string[] {
  const raw = storage()?.getItem(RECENT_LOOKUPS_KEY) ?? null;
  // useSyncExternalStore needs the same array back while nothing changed.
  if (raw !== snapshotRaw) {
    snapshotRaw = raw;
    snapshot = parseRecentLookups(raw);
  }
  return snapshot;
}

function write(list: readonly string[]): void {
  try {
    const store = storage();
    if (!store) return;
    if (list.length === 0) store.removeItem(RECENT_LOOKUPS_KEY);
    else store.setItem(RECENT_LOOKUPS_KEY, JSON.stringify(list));
  } catch {
    // Quota exceeded or storage disabled: recent lookups are a convenience, not worth an error.
  }
  for (const listener of listeners) listener();
}

function onStorage(event: StorageEvent) {
  if (event.key === RECENT_LOOKUPS_KEY || event.key === null) for (const listener of listeners) listener();
}

export const recentLookupsStore = {
  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    if (listeners.size === 1 && typeof window !== "undefined") window.addEventListener("storage", onStorage);
    return () => {
      listeners.delete(listener);
      if (listeners.size === 0 && typeof window !== "undefined") window.removeEventListener("storage", onStorage);
    };
  },
  getSnapshot: read,
  /** On the server there is no history; the list appears after hydration. */
  getServerSnapshot: (): readonly string[] => EMPTY,
  add(roomId: string) {
    write(addRecentLookup(read(), roomId));
  },
  remove(roomId: string) {
    write(removeRecentLookup(read(), roomId));
  },
  clear() {
    write([]);
  },
};
