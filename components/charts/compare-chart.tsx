"use client";

import { useId } from "react";
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatCompact, formatDateTime, formatElapsed, formatNumber, formatTime } from "@/lib/format";
import type { CompareAlign, ComparePoint } from "@/lib/history/compare";
import { useLocale } from "@/lib/hooks/use-locale";
import { Card } from "@/components/ui/card";

/** Four colours that stay apart in light and dark mode and for the common colour-vision deficiencies. */
export const COMPARE_COLORS = ["#0284c7", "#d97706", "#059669", "#c026d3"] as const;

export interface CompareChartProps {
  title: string;
  align: CompareAlign;
  series: { roomId: string; points: ComparePoint[] }[];
}

/** One counter, every compared room overlaid on the same axis. */
export function CompareChart({ title, align, series }: CompareChartProps) {
  const locale = useLocale();
  const headingId = useId();
  const formatX = (x: number) => (align === "clock" ? formatTime(x, locale) : formatElapsed(x, locale));
  return (
    <Card as="section" aria-labelledby={headingId} className="p-4">
      <h2 id={headingId} className="text-sm font-semibold">
        {title}
      </h2>
      <div className="mt-2 h-56">
        <ResponsiveContainer width="100%" height="100%">
          <LineChart margin={{ top: 8, right: 12, bottom: 0, left: 0 }}>
            <CartesianGrid stroke="var(--chart-grid)" vertical={false} />
            <XAxis
              dataKey="x"
              type="number"
              domain={["dataMin", "dataMax"]}
              tickFormatter={formatX}
              stroke="var(--chart-axis)"
              tick={{ fontSize: 11, fill: "var(--chart-axis)" }}
              minTickGap={40}
              allowDuplicatedCategory={false}
            />
            <YAxis tickFormatter={(v: number) => formatCompact(v, locale)} stroke="var(--chart-axis)" tick={{ fontSize: 11, fill: "var(--chart-axis)" }} width={48} />
            <Tooltip
              labelFormatter={(x) => (align === "clock" ? formatDateTime(Number(x), locale) : formatElapsed(Number(x), locale))}
              formatter={(value) => (typeof value === "number" ? formatNumber(value, locale) : "—")}
              contentStyle={{ fontSize: 12 }}
            />
            <Legend wrapperStyle={{ fontSize: 12 }} />
            {series.map((s, i) => (
              <Line
                key={s.roomId}
                data={s.points}
                dataKey="value"
                name={s.roomId}
                stroke={COMPARE_COLORS[i % COMPARE_COLORS.length]}
                strokeWidth={2}
                dot={false}
                connectNulls={false}
                isAnimationActive={false}
              />
            ))}
          </LineChart>
        </ResponsiveContainer>
      </div>
    </Card>
  );
}
