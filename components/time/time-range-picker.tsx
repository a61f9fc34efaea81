"use client";

import { useTranslations } from "next-intl";
import { useMemo } from "react";
import { useShortcuts } from "@/components/shortcuts/shortcuts-provider";
import { Button } from "@/components/ui/button";
import { SegmentedControl } from "@/components/ui/segmented-control";
import { HISTORY_RANGES, RANGE_SHORTCUT_KEYS, shiftWindow, windowOf, zoomOut, type HistoryRangeKey, type TimeWindow } from "@/lib/history/range";
import { useNow } from "@/lib/hooks/use-now";
import { CustomRangeForm } from "./custom-range-form";

export interface TimeRangePickerProps {
  range: HistoryRangeKey;
  /** The window of range "custom", null otherwise. */
  custom: TimeWindow | null;
  /** The ranges this page offers, in their order; every one of them by default. */
  ranges?: readonly HistoryRangeKey[];
  /** Where the whole recording starts, when known: "Custom" and the arrows start from it for "all". */
  firstSampleAt?: number | null;
  onChange: (range: HistoryRangeKey, custom: TimeWindow | null) => void;
}

/**
 * The time range picker of every page with data over time (room, report, watchlist, compare): the
 * presets, a custom window, a step back or forward by the window's own length, and zoom out. What
 * it picks goes into the page's URL (lib/views/time-state.ts), as does a drag across a chart. It
 * owns `t` then a key, and `←`/`→`, while it is on the page.
 */
export function TimeRangePicker({ range, custom, ranges = HISTORY_RANGES, firstSampleAt = null, onChange }: TimeRangePickerProps) {
  const t = useTranslations("time.range");
  const shortcut = useTranslations("shortcuts.actions");
  // 0 until mounted: the server renders no clock, and the custom fields are in the browser's zone.
  const now = useNow(30_000);
  const names = useMemo(() => Object.fromEntries(ranges.map((key) => [key, t(`presets.${key}`)])) as Record<HistoryRangeKey, string>, [ranges, t]);

  const shift = (direction: -1 | 1) => {
    const next = shiftWindow(range, custom, direction, Date.now(), firstSampleAt);
    if (next) onChange("custom", next);
  };
  const wider = (at: number) => {
    const next = zoomOut(range, custom, at);
    return next && ranges.includes(next.range) ? next : null;
  };
  const zoom = () => {
    const next = wider(Date.now());
    if (next) onChange(next.range, next.custom);
  };
  // Nothing is earlier than the whole recording, and a window ending now has nothing later.
  const canGoEarlier = range !== "all";
  const canGoLater = range === "custom" && custom !== null && now > 0 && custom.to < now;
  const canZoomOut = wider(now) !== null;

  useShortcuts([
    ...RANGE_SHORTCUT_KEYS.filter((key) => ranges.includes(key)).map((key, i) => ({ keys: `t ${i + 1}`, label: shortcut("range", { range: names[key] }), run: () => onChange(key, null) })),
    { keys: "t z", label: shortcut("zoomOut"), run: zoom },
    { keys: "arrowleft", label: shortcut("earlier"), run: () => canGoEarlier && shift(-1) },
    { keys: "arrowright", label: shortcut("later"), run: () => shift(1) },
  ]);

  return (
    <div className="flex flex-wrap items-center gap-2 print:hidden">
      <SegmentedControl
        label={t("label")}
        value={range}
        options={ranges}
        names={names}
        // "Custom" starts from the window on screen, fixed at this minute, for the operator to adjust.
        onChange={(next) => onChange(next, next === "custom" ? windowOf(range, custom, Date.now(), firstSampleAt) : null)}
      />
      <div className="flex items-center gap-1">
        <Button size="sm" variant="secondary" disabled={!canGoEarlier} onClick={() => shift(-1)} title={t("earlierTitle")} aria-label={t("earlier")}>
          <svg aria-hidden="true" viewBox="0 0 16 16" className="size-3.5 fill-current">
            <path d="M10.5 3 5.5 8l5 5V3Z" />
          </svg>
        </Button>
        <Button size="sm" variant="secondary" disabled={!canGoLater} onClick={() => shift(1)} title={t("laterTitle")} aria-label={t("later")}>
          <svg aria-hidden="true" viewBox="0 0 16 16" className="size-3.5 fill-current">
            <path d="m5.5 3 5 5-5 5V3Z" />
          </svg>
        </Button>
        <Button size="sm" variant="secondary" disabled={!canZoomOut} onClick={zoom} title={t("zoomOutTitle")}>
          <svg aria-hidden="true" viewBox="0 0 16 16" className="size-3.5 fill-none stroke-current" strokeWidth="1.5">
            <circle cx="7" cy="7" r="4.5" />
            <path d="M4.75 7h4.5M10.5 10.5 14 14" />
          </svg>
          {t("zoomOut")}
        </Button>
      </div>
      {range === "custom" && custom && now > 0 ? (
        // Keyed by the window, so a change from elsewhere (Back, a pasted link, a drag) refills the fields.
        <div className="basis-full">
          <CustomRangeForm key={`${custom.from}-${custom.to}`} window={custom} onApply={(window) => onChange("custom", window)} />
        </div>
      ) : null}
    </div>
  );
}
