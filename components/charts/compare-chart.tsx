"use client";

import { useTranslations } from "next-intl";
import { memo, useCallback, useId, useMemo } from "react";
import { Card } from "@/components/ui/card";
import { formatElapsed, formatNumber, formatRate, formatTime, rateFormatter } from "@/lib/format";
import type { CompareAlign, CompareScale, ScaledSeries } from "@/lib/history/compare";
import type { TimeWindow } from "@/lib/history/range";
import { useTimeZone } from "@/lib/hooks/use-locale";
import { TimeSeriesChart } from "./time-series-chart";

export interface CompareChartProps {
  title: string;
  align: CompareAlign;
  /** Totals or per-minute rates. */
  kind: "total" | "rate";
  /** The window the rates are over, in minutes, which says how they round. */
  rateWindowMinutes: number;
  scale: CompareScale;
  /** Each room's line, already on `scale` (scaleSeries), in the colour the page's one legend gives it. */
  series: readonly ({ roomId: string; color: string } & ScaledSeries)[];
  /** A drag across the chart (times of day only) selects a window to zoom into. */
  onZoom?: (window: TimeWindow) => void;
}

/** A point as the chart draws it, carrying what its tooltip says besides the drawn value. */
interface ComparedPoint {
  t: number;
  value: number | null;
  real: number | null;
  base: ScaledSeries["base"];
  lateBase: boolean;
}

/**
 * One counter, every compared room overlaid on the same axis: a card of the same size and look as
 * the recorded history's small multiples (history-chart.tsx), without a legend of its own.
 */
export const CompareChart = memo(function CompareChart({ title, align, kind, rateWindowMinutes, scale, series, onZoom }: CompareChartProps) {
  const t = useTranslations("compare.tooltip");
  const headingId = useId();
  const timeZone = useTimeZone();
  const lines = useMemo(
    () =>
      series.map((s) => ({
        name: s.roomId,
        color: s.color,
        points: s.points.map((p): ComparedPoint => ({ t: p.x, value: p.value, real: p.real, base: s.base, lateBase: s.lateBase })),
      })),
    [series],
  );
  const real = kind === "rate" ? rateFormatter(rateWindowMinutes) : formatNumber;
  // The drawn figure and the recorded one: "index 240 · 1,234".
  const format = useCallback(
    (value: number, locale: string, point: ComparedPoint) => {
      const recorded = point.real === null ? "" : real(point.real, locale);
      if (scale === "absolute" || scale === "log") return recorded;
      // An index or a percentage: three figures, one decimal at most, as a 10-minute rate rounds.
      const shown = formatRate(value, locale, 10);
      if (scale === "peak") return t("peak", { percent: shown, value: recorded });
      if (!point.lateBase || !point.base) return t("index", { index: shown, value: recorded });
      const at = align === "clock" ? formatTime(point.base.x, locale, timeZone) : formatElapsed(point.base.x, locale);
      return t("indexFrom", { index: shown, value: recorded, base: real(point.base.value, locale), at });
    },
    [scale, align, real, t, timeZone],
  );
  return (
    <Card as="figure" aria-labelledby={headingId} className="min-w-0 p-3">
      <figcaption id={headingId} className="px-1 text-sm font-medium">
        {title}
      </figcaption>
      <TimeSeriesChart
        series={lines}
        kind={scale === "index" || scale === "peak" ? (kind === "rate" ? "rate" : "ratio") : kind}
        scale={scale === "log" ? "log" : "linear"}
        x={align === "clock" ? "time" : "elapsed"}
        format={format}
        className="mt-2 h-36"
        syncId="compare"
        onZoom={onZoom}
      />
    </Card>
  );
});
