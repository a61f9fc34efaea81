"use client";

import { useTranslations } from "next-intl";
import { useId } from "react";
import { useShortcuts } from "@/components/shortcuts/shortcuts-provider";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { formatSeconds } from "@/lib/format";
import { useLocale } from "@/lib/hooks/use-locale";

export interface RefreshPickerProps<S extends number> {
  /** The intervals on offer, in seconds. */
  options: readonly S[];
  interval: S;
  paused: boolean;
  refreshing: boolean;
  /** False once refreshing cannot help (an invalid RoomId): the controls would do nothing. */
  disabled?: boolean;
  /** Intervals shorter than the server's freshness window are offered disabled. */
  floorMs?: number;
  onIntervalChange: (interval: S) => void;
  onPausedChange: (paused: boolean) => void;
  onRefresh: () => void;
}

/** `space` pauses or resumes the page while `enabled`: the picker's, and a wall's, which has no picker. */
export function usePauseShortcut(paused: boolean, onPausedChange: (paused: boolean) => void, enabled = true) {
  const shortcut = useTranslations("shortcuts.actions");
  useShortcuts(enabled ? [{ keys: "space", label: paused ? shortcut("resume") : shortcut("pause"), run: () => onPausedChange(!paused) }] : []);
}

/**
 * The refresh picker every page with data over time has: how often, pause, refresh now. It owns
 * `space` (pause or resume) while it is on the page; `r` (refresh everything now) applies
 * everywhere. A paused picker is drawn in amber so the page looks paused (PausedNotice says it).
 */
export function RefreshPicker<S extends number>({
  options,
  interval,
  paused,
  refreshing,
  disabled = false,
  floorMs = 0,
  onIntervalChange,
  onPausedChange,
  onRefresh,
}: RefreshPickerProps<S>) {
  const t = useTranslations("time.refresh");
  const locale = useLocale();
  const selectId = useId();
  usePauseShortcut(paused, onPausedChange, !disabled);

  return (
    <div className="flex flex-wrap items-center gap-2 print:hidden">
      <label htmlFor={selectId} className="text-sm text-zinc-600 dark:text-zinc-400">
        {t("interval")}
      </label>
      <select
        id={selectId}
        value={interval}
        disabled={disabled}
        onChange={(event) => onIntervalChange(Number(event.target.value) as S)}
        className="h-8 rounded-md border border-zinc-300 bg-white px-2 text-sm tabular-nums focus-visible:outline-2 focus-visible:outline-sky-500 dark:border-zinc-700 dark:bg-zinc-900"
      >
        {options.map((seconds) => (
          <option key={seconds} value={seconds} disabled={seconds * 1000 < floorMs}>
            {formatSeconds(seconds, locale)}
          </option>
        ))}
      </select>
      <Button
        size="sm"
        disabled={disabled}
        onClick={() => onPausedChange(!paused)}
        className={cn(paused && "border-amber-400 bg-amber-50 text-amber-900 hover:bg-amber-100 dark:border-amber-600 dark:bg-amber-950 dark:text-amber-100 dark:hover:bg-amber-900")}
      >
        {paused ? (
          <svg aria-hidden="true" viewBox="0 0 16 16" className="size-3.5 fill-current">
            <path d="M4 2.5v11a.5.5 0 0 0 .77.42l8.5-5.5a.5.5 0 0 0 0-.84l-8.5-5.5A.5.5 0 0 0 4 2.5Z" />
          </svg>
        ) : (
          <svg aria-hidden="true" viewBox="0 0 16 16" className="size-3.5 fill-current">
            <path d="M4 2h2.5v12H4zM9.5 2H12v12H9.5z" />
          </svg>
        )}
        {paused ? t("resume") : t("pause")}
      </Button>
      <Button size="sm" variant="ghost" disabled={disabled || refreshing} onClick={onRefresh}>
        <svg aria-hidden="true" viewBox="0 0 16 16" className={`size-3.5 fill-current ${refreshing ? "animate-spin" : ""}`}>
          <path d="M8 2.5a5.5 5.5 0 1 0 5.3 7h-1.57A4 4 0 1 1 8 4a3.98 3.98 0 0 1 2.82 1.18L9 7h4.5V2.5l-1.6 1.6A5.48 5.48 0 0 0 8 2.5Z" />
        </svg>
        {t("refreshNow")}
      </Button>
    </div>
  );
}
