"use client";

import { memo, useId, useMemo } from "react";
import { CartesianGrid, Line, LineChart, Tooltip, XAxis, YAxis, type TooltipContentProps } from "recharts";
import { chartAxes } from "@/lib/charts/axes";
import { formatDateTime, formatNumber, formatTime } from "@/lib/format";
import { useLocale } from "@/lib/hooks/use-locale";
import { STAT_KEYS, type StatKey } from "@/lib/contract/stats";
import { chartPoints, MAX_SAMPLES, type StatSample } from "@/lib/stats/derived";
import { STAT_LABELS } from "@/components/stats/stat-labels";
import { Card } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";

function PointTooltip({ active, payload, metric }: TooltipContentProps & { metric: StatKey }) {
  const locale = useLocale();
  const point = payload?.[0]?.payload as { t: number; value: number | null } | undefined;
  if (!active || !point || point.value === null) return null;
  return (
    <div className="rounded-md border border-zinc-200 bg-white px-3 py-2 text-sm shadow-md dark:border-zinc-700 dark:bg-zinc-900">
      <p className="text-xs text-zinc-500 dark:text-zinc-400">{formatDateTime(point.t, locale)}</p>
      <p className="font-medium tabular-nums">
        {STAT_LABELS[metric].label}: {formatNumber(point.value, locale)}
      </p>
    </div>
  );
}

const TICK = { fontSize: 12, fill: "var(--chart-axis)" };

export interface StatHistoryChartProps {
  samples: readonly StatSample[];
  metric: StatKey;
  onMetricChange: (metric: StatKey) => void;
  /** Samples further apart than this are drawn with a break between them. */
  maxGapMs: number;
}

/** The chosen counter over the samples taken while this page has been open. */
export const StatHistoryChart = memo(function StatHistoryChart({ samples, metric, onMetricChange, maxGapMs }: StatHistoryChartProps) {
  const locale = useLocale();
  const headingId = useId();
  const data = useMemo(() => chartPoints(samples, metric, maxGapMs), [samples, metric, maxGapMs]);
  const label = STAT_LABELS[metric].label;
  const first = samples[0];
  const last = samples.at(-1);
  const axes = useMemo(
    () => (first && last ? chartAxes(samples.map((s) => s.stats[metric]), [first.t, last.t], { fromZero: false, integer: true, fontSize: TICK.fontSize, locale }) : null),
    [samples, metric, first, last, locale],
  );

  return (
    <Card as="section" aria-labelledby={headingId} className="p-4">
      <div className="flex flex-col gap-3 lg:flex-row lg:items-start lg:justify-between">
        <div>
          <h2 id={headingId} className="text-base font-semibold">
            Live samples
          </h2>
          <p className="text-sm text-zinc-500 dark:text-zinc-400">
            {formatNumber(samples.length, locale)} {samples.length === 1 ? "sample" : "samples"} taken while this page is open (the
            latest {formatNumber(MAX_SAMPLES, locale)} are kept)
          </p>
        </div>
        <div role="radiogroup" aria-label="Chart metric" className="flex flex-wrap gap-1.5">
          {STAT_KEYS.map((key) => (
            <label
              key={key}
              className={cn(
                "cursor-pointer rounded-full border px-3 py-1 text-xs font-medium transition-colors",
                "has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-offset-2 has-[:focus-visible]:outline-sky-500",
                key === metric
                  ? "border-sky-600 bg-sky-600 text-white dark:border-sky-400 dark:bg-sky-400 dark:text-zinc-950"
                  : "border-zinc-300 text-zinc-700 hover:bg-zinc-100 dark:border-zinc-700 dark:text-zinc-300 dark:hover:bg-zinc-800",
              )}
            >
              <input
                type="radio"
                name={`${headingId}-metric`}
                value={key}
                checked={key === metric}
                onChange={() => onMetricChange(key)}
                className="sr-only"
              />
              {STAT_LABELS[key].label}
            </label>
          ))}
        </div>
      </div>

      <figure className="mt-4">
        {samples.length < 2 || !axes ? (
          <div className="flex h-64 items-center justify-center rounded-lg border border-dashed border-zinc-300 text-sm text-zinc-500 sm:h-72 dark:border-zinc-700 dark:text-zinc-400">
            {samples.length === 0 ? "Waiting for the first figures…" : "The chart starts with the next update."}
          </div>
        ) : (
          <div className="h-64 sm:h-72">
            <LineChart responsive data={data} style={{ width: "100%", height: "100%" }} margin={{ top: 8, right: 24, bottom: 0, left: 0 }}>
              {/* Ticks chosen beforehand and given as-is (interval 0), so Recharts measures no label; the grid at
                  the value ticks directly, since left to itself it measures the labels again (bench/README.md). */}
              <CartesianGrid
                stroke="var(--chart-grid)"
                vertical={false}
                horizontalCoordinatesGenerator={({ yAxis }) => axes.y.ticks.flatMap((v) => yAxis?.scale?.map(v) ?? [])}
                verticalCoordinatesGenerator={() => []}
              />
              <XAxis dataKey="t" type="number" scale="time" domain={axes.xDomain} ticks={axes.x} interval={0} tickFormatter={axes.xLabel} stroke="var(--chart-axis)" tick={TICK} />
              <YAxis
                type="number"
                domain={axes.y.domain}
                ticks={axes.y.ticks}
                interval={0}
                tickFormatter={axes.yLabel}
                stroke="var(--chart-axis)"
                tick={TICK}
                width={axes.yWidth}
              />
              <Tooltip
                content={(props) => <PointTooltip {...props} metric={metric} />}
                cursor={{ stroke: "var(--chart-cursor)" }}
                isAnimationActive={false}
              />
              <Line
                type="linear"
                dataKey="value"
                name={label}
                stroke="var(--chart-line)"
                strokeWidth={2}
                dot={samples.length <= 60 ? { r: 2, fill: "var(--chart-line)" } : false}
                activeDot={{ r: 4 }}
                isAnimationActive={false}
                connectNulls={false}
              />
            </LineChart>
          </div>
        )}
        <figcaption className="sr-only">
          {label} over time
          {first && last
            ? `, from ${formatNumber(first.stats[metric], locale)} at ${formatTime(first.t, locale)} to ${formatNumber(last.stats[metric], locale)} at ${formatTime(last.t, locale)}`
            : ""}
        </figcaption>
      </figure>
    </Card>
  );
});
