"use client";

import { useTranslations } from "next-intl";
import { memo, useMemo } from "react";
import { CartesianGrid, Line, LineChart, Tooltip, XAxis, YAxis, type TooltipContentProps } from "recharts";
import { chartAxes } from "@/lib/charts/axes";
import { formatDateTime, formatElapsed, formatTimeZone } from "@/lib/format";
import { useLocale, useTimeZone } from "@/lib/hooks/use-locale";
import { CHART, seriesColor } from "./chart-theme";
import { ChartTooltip } from "./chart-tooltip";

// The console's Recharts renderer: the live chart and the compared rooms. The recorded-history small
// multiples are the other renderer (history-chart.tsx, plain SVG, for speed); both take their ticks
// from lib/charts/axes.ts and their look from chart-theme.ts, and show the same tooltip.

export interface TimeSeriesPoint {
  t: number;
  /** null breaks the line: a gap in the samples. */
  value: number | null;
}

export interface TimeSeries {
  name: string;
  /** Where several are overlaid; otherwise, and by default, SERIES_COLORS in order. */
  color?: string;
  points: readonly TimeSeriesPoint[];
}

export interface TimeSeriesChartProps {
  /** One line each; several are told apart by colour and a legend. */
  series: readonly TimeSeries[];
  /** Totals hug their own range in whole numbers; rates start at zero. */
  kind: "total" | "rate";
  /** `t` as times of day, or as durations since each series' start. */
  x?: "time" | "elapsed";
  /** A value in the tooltip, in the reader's locale. */
  format: (value: number, locale: string) => string;
  /** Dots on the samples, for a line of few of them. */
  dots?: boolean;
  /** The plot's size (a height class); the width is the container's. */
  className: string;
}

const TICK = { fontSize: CHART.fontSize, fill: CHART.axis };
const MARGIN = { top: 8, right: 24, bottom: 0, left: 0 };

/** Memoised: the pages around it re-render on every poll. */
export const TimeSeriesChart = memo(function TimeSeriesChart({ series, kind, x = "time", format, dots = false, className }: TimeSeriesChartProps) {
  const t = useTranslations("charts");
  const locale = useLocale();
  const timeZone = useTimeZone();
  const axes = useMemo(() => {
    const values = series.flatMap((s) => s.points.flatMap((p) => p.value ?? []));
    const times = series.flatMap((s) => s.points.map((p) => p.t));
    const domain: [number, number] = [Math.min(...times), Math.max(...times)];
    return chartAxes(values, domain, { fromZero: kind === "rate", integer: kind === "total", fontSize: CHART.fontSize, locale, timeZone, x });
  }, [series, kind, x, locale, timeZone]);
  // Overlaid series (compared rooms) are told apart by colour, in the legend and the tooltip too.
  const overlaid = series.length > 1 || series.some((s) => s.color);
  const color = (i: number) => series[i]!.color ?? (overlaid ? seriesColor(i) : CHART.line);

  return (
    <>
      <div className={className}>
        <LineChart responsive style={{ width: "100%", height: "100%" }} margin={MARGIN}>
          {/* Ticks chosen beforehand and given as-is (interval 0), so Recharts measures no label; the grid at
              the value ticks directly, since left to itself it measures the labels again (bench/README.md). */}
          <CartesianGrid
            stroke={CHART.grid}
            vertical={false}
            horizontalCoordinatesGenerator={({ yAxis }) => axes.y.ticks.flatMap((v) => yAxis?.scale?.map(v) ?? [])}
            verticalCoordinatesGenerator={() => []}
          />
          <XAxis
            dataKey="t"
            type="number"
            scale={x === "time" ? "time" : "linear"}
            domain={axes.xDomain}
            ticks={axes.x}
            interval={0}
            tickFormatter={axes.xLabel}
            stroke={CHART.axis}
            tick={TICK}
            tickSize={CHART.tickSize}
          />
          <YAxis
            type="number"
            domain={axes.y.domain}
            ticks={axes.y.ticks}
            interval={0}
            tickFormatter={axes.yLabel}
            stroke={CHART.axis}
            tick={TICK}
            tickLine={false}
            width={axes.yWidth}
          />
          <Tooltip
            content={(props) => <SeriesTooltip {...props} x={x} format={format} locale={locale} colored={overlaid} />}
            cursor={{ stroke: CHART.cursor }}
            isAnimationActive={false}
          />
          {series.map((s, i) => (
            <Line
              key={s.name}
              // Each series its own array: compared rooms were sampled at different moments.
              data={s.points as TimeSeriesPoint[]}
              dataKey="value"
              name={s.name}
              type="linear"
              stroke={color(i)}
              strokeWidth={CHART.lineWidth}
              dot={dots ? { r: 2, fill: color(i) } : false}
              activeDot={{ r: 3 }}
              isAnimationActive={false}
              connectNulls={false}
            />
          ))}
        </LineChart>
      </div>
      {overlaid ? (
        <ul className="mt-1 flex flex-wrap justify-center gap-x-4 gap-y-1 text-xs text-zinc-600 dark:text-zinc-400">
          {series.map((s, i) => (
            <li key={s.name} className="flex items-center gap-1.5">
              <span aria-hidden="true" className="h-0.5 w-3 rounded-full" style={{ background: color(i) }} />
              {s.name}
            </li>
          ))}
        </ul>
      ) : null}
      {/* Times of day on the axis go without their zone: it is said once, here. */}
      {x === "time" && Number.isFinite(axes.xDomain[1]) ? (
        <p className="mt-1 text-right text-xs text-zinc-500 dark:text-zinc-400">{t("timesIn", { zone: formatTimeZone(axes.xDomain[1], locale, timeZone) })}</p>
      ) : null}
    </>
  );
});

function SeriesTooltip({
  active,
  payload,
  label,
  x,
  format,
  locale,
  colored,
}: TooltipContentProps & Pick<TimeSeriesChartProps, "format"> & { x: "time" | "elapsed"; locale: string; colored: boolean }) {
  const rows = (payload ?? []).flatMap((item) =>
    typeof item.value === "number" ? [{ label: String(item.name), value: format(item.value, locale), color: colored ? item.color : undefined }] : [],
  );
  const timeZone = useTimeZone();
  if (!active || rows.length === 0) return null;
  const t = (payload?.[0]?.payload as TimeSeriesPoint | undefined)?.t ?? Number(label);
  return <ChartTooltip time={x === "time" ? formatDateTime(t, locale, timeZone) : formatElapsed(t, locale)} rows={rows} />;
}
