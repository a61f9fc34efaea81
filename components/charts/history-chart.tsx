"use client";

import { memo, useId, useMemo, type ReactNode } from "react";
import { Line, LineChart, ReferenceLine, Tooltip, type TooltipContentProps } from "recharts";
import { useValueInTurn } from "@/components/charts/chart-turn";
import { FixedAxes } from "@/components/charts/fixed-axes";
import { chartAxes } from "@/lib/charts/axes";
import { formatDateTime } from "@/lib/format";

export interface HistoryChartProps<Row extends { t: number }> {
  title: string;
  rows: readonly Row[];
  dataKey: keyof Row & string;
  /** Every small multiple shares one time axis, so they line up and share a crosshair. */
  domain: [number, number];
  syncId: string;
  format: (value: number) => string;
  /** Shown beside the title: the final total, the peak… */
  summary?: string;
  /**
   * Totals (whole numbers) and ratios are scaled to their own range, since a recording that starts
   * mid-stream would otherwise draw every total as a flat line near the top; rates start at zero.
   */
  kind: "total" | "rate" | "ratio";
  /** Moments drawn as labelled vertical lines: stream start and end, counter resets. */
  markers?: readonly { t: number; label: string }[];
}

function ValueTooltip({ active, payload, title, format }: TooltipContentProps & { title: string; format: (v: number) => string }) {
  const entry = payload?.[0];
  const point = entry?.payload as { t: number } | undefined;
  const value = entry?.value;
  if (!active || !point || typeof value !== "number") return null;
  return (
    <div className="rounded-md border border-zinc-200 bg-white px-3 py-2 text-sm shadow-md dark:border-zinc-700 dark:bg-zinc-900">
      <p className="text-xs text-zinc-500 dark:text-zinc-400">{formatDateTime(point.t)}</p>
      <p className="font-medium tabular-nums">
        {title}: {format(value)}
      </p>
    </div>
  );
}

const nearEnd = (t: number, [from, to]: readonly [number, number]) => to > from && (to - t) / (to - from) < 0.2;

const NO_MARKERS: NonNullable<HistoryChartProps<{ t: number }>["markers"]> = [];

/**
 * One metric over recorded history (the room page and the post-stream report), small enough to sit
 * in a grid of six. Null values are holes (connectNulls false), which is how gaps in the recording
 * and counter resets show.
 *
 * Memoised, since the pages around it re-render every second for their clocks; and it draws new
 * props in its turn (chart-turn.ts), showing the previous ones until then, caption included, so
 * title and plot always agree.
 */
export const HistoryChart = memo(function HistoryChart<Row extends { t: number }>(props: HistoryChartProps<Row>) {
  const headingId = useId();
  const shown = useValueInTurn(props);
  const { title, summary, rows, dataKey } = shown ?? props;
  const recorded = rows.some((row) => typeof row[dataKey] === "number");
  return (
    <figure
      aria-labelledby={headingId}
      className="min-w-0 rounded-xl border border-zinc-200 bg-white p-3 shadow-xs break-inside-avoid dark:border-zinc-800 dark:bg-zinc-900 print:border-zinc-300 print:bg-white print:shadow-none"
    >
      <figcaption className="flex items-baseline justify-between gap-2 px-1">
        <span id={headingId} className="text-sm font-medium">
          {title}
        </span>
        {summary ? <span className="text-xs text-zinc-500 tabular-nums dark:text-zinc-400 print:text-zinc-600">{summary}</span> : null}
      </figcaption>
      {!recorded ? (
        <div className="mt-2 flex h-36 items-center justify-center text-xs text-zinc-500">Nothing recorded</div>
      ) : !shown ? (
        <div className="mt-2 h-36 print:h-32" aria-busy="true" />
      ) : (
        <HistoryPlot {...shown} />
      )}
    </figure>
  );
}) as <Row extends { t: number }>(props: HistoryChartProps<Row>) => ReactNode;

function HistoryPlot<Row extends { t: number }>({ title, rows, dataKey, domain, syncId, format, kind, markers = NO_MARKERS }: HistoryChartProps<Row>) {
  const axes = useMemo(() => {
    const values = rows.flatMap((row) => {
      const v = row[dataKey];
      return typeof v === "number" ? [v] : [];
    });
    return chartAxes(values, domain, { fromZero: kind === "rate", integer: kind === "total" });
  }, [rows, dataKey, kind, domain]);
  return (
    <div className="mt-2 h-36 print:h-32 print:[&_.recharts-wrapper]:!h-auto print:[&_.recharts-wrapper]:!w-full print:[&_svg]:!h-auto print:[&_svg]:!w-full">
      <LineChart
        responsive
        data={rows as Row[]}
        syncId={syncId}
        style={{ width: "100%", height: "100%" }}
        // Room on the right for half a time label: a tick can sit right at the end.
        margin={{ top: 4, right: 24, bottom: 0, left: 0 }}
      >
        <FixedAxes axes={axes} />
        <Tooltip
          content={(props) => <ValueTooltip {...props} title={title} format={format} />}
          cursor={{ stroke: "var(--chart-cursor)" }}
          isAnimationActive={false}
        />
        {markers.map((m) => (
          <ReferenceLine
            key={`${m.label}-${m.t}`}
            x={m.t}
            stroke="var(--chart-axis)"
            strokeDasharray="3 3"
            // The label sits right of the line, or left of it near the right edge, to stay inside.
            label={{ value: m.label, position: nearEnd(m.t, domain) ? "insideTopRight" : "insideTopLeft", fontSize: 10, fill: "var(--chart-axis)" }}
          />
        ))}
        <Line
          type="linear"
          dataKey={dataKey}
          name={title}
          stroke="var(--chart-line)"
          strokeWidth={1.5}
          dot={false}
          activeDot={{ r: 3 }}
          isAnimationActive={false}
          connectNulls={false}
        />
      </LineChart>
    </div>
  );
}
