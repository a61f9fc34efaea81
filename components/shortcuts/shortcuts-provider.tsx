"use client";

// Keyboard shortcuts: one listener on the window, and a registry the pages add their keys to while
// they are mounted (useShortcuts). Keys a page registers come before the ones that apply
// everywhere, so a page with a RoomId search takes "/" for itself. `?` lists what applies here.

import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { createContext, use, useCallback, useEffect, useId, useMemo, useRef, useState, type ReactNode } from "react";
import { useCan } from "@/lib/hooks/use-session";
import { isTypingTarget, keyToken, matchSequence, SEQUENCE_TIMEOUT_MS, targetUsesKey, type KeySequence, type TargetLike } from "@/lib/shortcuts/keys";
import { ShortcutsDialog } from "./shortcuts-dialog";

export interface Shortcut {
  /** One key or two separated by a space ("g w"), as lib/shortcuts/keys.ts names them. */
  keys: KeySequence;
  /** What it does, in the reader's language, for the list `?` opens. */
  label: string;
  run: () => void;
}

interface Registry {
  register: (id: string, shortcuts: { current: readonly Shortcut[] }) => () => void;
}

const ShortcutsContext = createContext<Registry | null>(null);

/**
 * Registers the page's shortcuts while the calling component is mounted. The list may change on
 * every render (labels, what an action closes over): the latest one is used when a key is pressed.
 */
export function useShortcuts(shortcuts: readonly Shortcut[]) {
  const registry = use(ShortcutsContext);
  const id = useId();
  const latest = useRef(shortcuts);
  useEffect(() => {
    latest.current = shortcuts;
  });
  useEffect(() => registry?.register(id, latest), [registry, id]);
}

export function ShortcutsProvider({ children }: { children: ReactNode }) {
  const t = useTranslations("shortcuts");
  const router = useRouter();
  const queryClient = useQueryClient();
  const canLookUp = useCan("rooms.lookup");
  const canWatchlist = useCan("watchlist.read");
  const canCompare = useCan("rooms.read_watched");
  const layers = useRef(new Map<string, { current: readonly Shortcut[] }>());
  const [listed, setListed] = useState<{ page: readonly Shortcut[]; everywhere: readonly Shortcut[] } | null>(null);

  const everywhere = useMemo<Shortcut[]>(
    () => [
      { keys: "?", label: t("actions.help"), run: () => undefined },
      ...(canLookUp ? [{ keys: "/", label: t("actions.search"), run: () => router.push("/") }] : []),
      // Every query the page shows, at once: what its own "Refresh now" does, and the rest too.
      { keys: "r", label: t("actions.refresh"), run: () => void queryClient.refetchQueries({ type: "active" }) },
      ...(canWatchlist ? [{ keys: "g w", label: t("actions.watchlist"), run: () => router.push("/watchlist") }] : []),
      ...(canCompare ? [{ keys: "g c", label: t("actions.compare"), run: () => router.push("/compare") }] : []),
    ],
    [t, router, queryClient, canLookUp, canWatchlist, canCompare],
  );

  /** The page's shortcuts, the latest registered first, each key once. */
  const active = useCallback(() => {
    const seen = new Set<string>();
    const take = (list: readonly Shortcut[]) => list.filter((s) => !seen.has(s.keys) && seen.add(s.keys));
    const page = take([...layers.current.values()].reverse().flatMap((layer) => layer.current));
    return { page, everywhere: take(everywhere) };
  }, [everywhere]);

  const open = useCallback(() => setListed(active()), [active]);
  const dialogOpen = listed !== null;

  useEffect(() => {
    let pending: readonly string[] = [];
    let timer: ReturnType<typeof setTimeout> | undefined;
    const forget = () => {
      pending = [];
      clearTimeout(timer);
    };
    function onKeyDown(event: KeyboardEvent) {
      // The open list is a modal dialog: it handles its own keys (Esc closes it).
      if (event.defaultPrevented || dialogOpen) return;
      const key = keyToken(event);
      if (key === null) return;
      const target = event.target instanceof Element ? (event.target as unknown as TargetLike) : null;
      if (isTypingTarget(target) || targetUsesKey(target, key)) return forget();
      const { page, everywhere: rest } = active();
      const shortcuts = [...page, ...rest];
      const match = matchSequence(pending, key, shortcuts.map((s) => s.keys));
      forget();
      if (match.kind === "none") return;
      event.preventDefault();
      if (match.kind === "pending") {
        pending = match.pending;
        timer = setTimeout(forget, SEQUENCE_TIMEOUT_MS);
        return;
      }
      if (match.sequence === "?") return open();
      shortcuts.find((s) => s.keys === match.sequence)?.run();
    }
    window.addEventListener("keydown", onKeyDown);
    return () => {
      window.removeEventListener("keydown", onKeyDown);
      forget();
    };
  }, [active, open, dialogOpen]);

  const registry = useMemo<Registry>(
    () => ({
      register(id, shortcuts) {
        layers.current.set(id, shortcuts);
        return () => void layers.current.delete(id);
      },
    }),
    [],
  );

  return (
    <ShortcutsContext value={registry}>
      {children}
      {listed ? <ShortcutsDialog page={listed.page} everywhere={listed.everywhere} onClose={() => setListed(null)} /> : null}
    </ShortcutsContext>
  );
}
