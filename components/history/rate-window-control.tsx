"use client";

import { useTranslations } from "next-intl";
import { useCallback, useMemo } from "react";
import { SegmentedControl } from "@/components/ui/segmented-control";
import { RATE_WINDOW_MINUTES, RATE_WINDOWS, type RateWindow } from "@/lib/contract/api";

// The operator's choice of window for per-minute rates (1, 5 or 15 minutes, as Tencent's own console
// offers granularity), beside the rate charts of the room page and the report, and the words that
// say the window on every rate chart and figure.

/** The chosen window, labelled "Rate window"; its choices explained in a tooltip. */
export function RateWindowControl({ value, onChange }: { value: RateWindow; onChange: (window: RateWindow) => void }) {
  const t = useTranslations("common.rateWindow");
  const names = useMemo(() => Object.fromEntries(RATE_WINDOWS.map((key) => [key, t(`options.${key}`)])) as Record<RateWindow, string>, [t]);
  return (
    <div className="inline-flex items-center gap-2" title={t("explanation")}>
      <span aria-hidden="true" className="text-xs font-medium text-zinc-500 dark:text-zinc-400">
        {t("label")}
      </span>
      <SegmentedControl label={t("label")} value={value} options={RATE_WINDOWS} names={names} onChange={onChange} />
    </div>
  );
}

/** A rate's name with its window: "Messages per minute, 5-minute window" / "每分钟消息（5 分钟窗口）". */
export function useRateTitle(window: RateWindow): (rate: string) => string {
  const t = useTranslations("common.rateWindow");
  return useCallback((rate: string) => t("title", { rate, minutes: RATE_WINDOW_MINUTES[window] }), [t, window]);
}

/** What a rate chart says before a full window is recorded (the first W of a stream, or after a gap). */
export function useNoFullWindowText(window: RateWindow): string {
  const t = useTranslations("common.rateWindow");
  return t("noFullWindow", { minutes: RATE_WINDOW_MINUTES[window] });
}
