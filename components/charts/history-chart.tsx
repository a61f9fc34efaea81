"use client";

import { useId } from "react";
import { CartesianGrid, Line, LineChart, ReferenceLine, Tooltip, XAxis, YAxis, type TooltipContentProps } from "recharts";
import { formatAxisTick, formatDateTime, formatTime } from "@/lib/format";

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
   * Rates start the axis at zero; running totals are scaled to their own range, since a recording
   * that starts mid-stream would otherwise draw every total as a flat line near the top.
   */
  zeroBaseline?: boolean;
  /** Moments drawn as labelled vertical lines: stream start and end, counter resets. */
  /** `side`: which side of the line the label sits on (the end marker's label goes left, inside the chart). */
  markers?: readonly { t: number; label: string; side?: "left" | "right" }[];
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

/**
 * One metric over recorded history (the room page and the post-stream report), small enough to sit
 * in a grid of six. Null values are holes
 * (connectNulls false), which is how gaps in the recording and counter resets show.
 */
export function HistoryChart<Row extends { t: number }>({
  title,
  rows,
  dataKey,
  domain,
  syncId,
  format,
  summary,
  zeroBaseline = false,
  markers = [],
}: HistoryChartProps<Row>) {
  const headingId = useId();
  const values = rows.flatMap((row) => {
    const v = row[dataKey];
    return typeof v === "number" ? [v] : [];
  });
  const span = values.length ? Math.max(...values) - Math.min(...values) : 0;
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
      {values.length === 0 ? (
        <div className="mt-2 flex h-36 items-center justify-center text-xs text-zinc-500">Nothing recorded</div>
      ) : (
        <div className="mt-2 h-36 print:h-32 print:[&_.recharts-wrapper]:!h-auto print:[&_.recharts-wrapper]:!w-full print:[&_svg]:!h-auto print:[&_svg]:!w-full">
          <LineChart
            responsive
            data={rows as Row[]}
            syncId={syncId}
            style={{ width: "100%", height: "100%" }}
            margin={{ top: 4, right: 8, bottom: 0, left: 0 }}
          >
            <CartesianGrid stroke="var(--chart-grid)" vertical={false} />
            <XAxis
              dataKey="t"
              type="number"
              scale="time"
              domain={domain}
              tickFormatter={(t: number) => formatTime(t)}
              stroke="var(--chart-axis)"
              tick={{ fontSize: 11, fill: "var(--chart-axis)" }}
              minTickGap={40}
            />
            <YAxis
              domain={zeroBaseline ? [0, "auto"] : ["auto", "auto"]}
              allowDecimals={zeroBaseline}
              tickFormatter={(v: number) => formatAxisTick(v, span)}
              stroke="var(--chart-axis)"
              tick={{ fontSize: 11, fill: "var(--chart-axis)" }}
              width="auto"
            />
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
                label={{ value: m.label, position: m.side === "left" ? "insideTopRight" : "insideTopLeft", fontSize: 10, fill: "var(--chart-axis)" }}
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
      )}
    </figure>
  );
}
