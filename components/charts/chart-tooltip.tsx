import { useTranslations } from "next-intl";
import type { CSSProperties } from "react";
import { cn } from "@/components/ui/cn";

export interface ChartTooltipRow {
  label: string;
  /** Already formatted in the reader's locale. */
  value: string;
  /** The series' colour, where a chart overlays several. */
  color?: string;
}

/** The exact figures at one moment, the same box for every chart: its time, then one line a series. */
export function ChartTooltip({ time, rows, className, style }: { time: string; rows: readonly ChartTooltipRow[]; className?: string; style?: CSSProperties }) {
  const t = useTranslations("charts");
  return (
    <div
      className={cn(
        "pointer-events-none rounded-md border border-zinc-200 bg-white px-3 py-2 text-sm whitespace-nowrap shadow-md dark:border-zinc-700 dark:bg-zinc-900 print:hidden",
        className,
      )}
      style={style}
    >
      <p className="text-xs text-zinc-500 dark:text-zinc-400">{time}</p>
      {rows.map((row) => (
        <p key={row.label} className="flex items-center gap-1.5 font-medium tabular-nums">
          {row.color ? <span aria-hidden="true" className="size-2 shrink-0 rounded-full" style={{ background: row.color }} /> : null}
          {t("tooltipRow", { label: row.label, value: row.value })}
        </p>
      ))}
    </div>
  );
}
