"use client";

import { useId, useMemo } from "react";
import { Card } from "@/components/ui/card";
import { formatNumber, rateFormatter } from "@/lib/format";
import type { CompareAlign, ComparePoint } from "@/lib/history/compare";
import { TimeSeriesChart } from "./time-series-chart";

export interface CompareChartProps {
  title: string;
  align: CompareAlign;
  /** Totals or per-minute rates. */
  kind: "total" | "rate";
  /** The window the rates are over, in minutes, which says how they round. */
  rateWindowMinutes: number;
  series: { roomId: string; color: string; points: ComparePoint[] }[];
}

/** One counter, every compared room overlaid on the same axis. */
export function CompareChart({ title, align, kind, rateWindowMinutes, series }: CompareChartProps) {
  const headingId = useId();
  const lines = useMemo(() => series.map((s) => ({ name: s.roomId, color: s.color, points: s.points.map((p) => ({ t: p.x, value: p.value })) })), [series]);
  return (
    <Card as="section" aria-labelledby={headingId} className="p-4">
      <h2 id={headingId} className="text-sm font-semibold">
        {title}
      </h2>
      <TimeSeriesChart
        series={lines}
        kind={kind}
        x={align === "clock" ? "time" : "elapsed"}
        format={kind === "rate" ? rateFormatter(rateWindowMinutes) : formatNumber}
        className="mt-2 h-56"
      />
    </Card>
  );
}
