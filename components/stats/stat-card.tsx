import { useTranslations } from "next-intl";
import { useId } from "react";
import { formatCompact, formatDelta, formatNumber, NO_VALUE } from "@/lib/format";
import { useLocale } from "@/lib/hooks/use-locale";
import { cn } from "@/components/ui/cn";
import { Card } from "@/components/ui/card";

export interface StatCardProps {
  label: string;
  description: string;
  /** null while nothing has been fetched yet. */
  value: number | null;
  /** Change since the previous poll, or null before there were two. */
  delta: number | null;
  stale: boolean;
}

/**
 * One counter: the compact figure for reading across the room, the exact figure beneath it for
 * quoting, and how much it moved since the previous poll.
 */
export function StatCard({ label, description, value, delta, stale }: StatCardProps) {
  const t = useTranslations("room.card");
  const locale = useLocale();
  const headingId = useId();
  const full = value === null ? NO_VALUE : formatNumber(value, locale);
  const compact = value === null ? NO_VALUE : formatCompact(value, locale);

  return (
    <Card
      as="section"
      aria-labelledby={headingId}
      aria-busy={value === null ? true : undefined}
      stale={stale}
      className="flex min-w-0 flex-col px-4 py-3 sm:py-4"
    >
      <h2 id={headingId} className="truncate text-sm font-medium text-zinc-600 dark:text-zinc-400" title={description}>
        {label}
      </h2>
      <p
        className={cn(
          "mt-1 truncate text-3xl font-semibold tracking-tight tabular-nums sm:mt-2",
          stale && "text-zinc-500 dark:text-zinc-400",
        )}
        title={full}
      >
        {compact}
      </p>
      <div className="mt-1 flex min-h-6 items-center justify-between gap-2 text-xs tabular-nums">
        <span className="truncate text-zinc-500 dark:text-zinc-400">{compact !== full ? full : null}</span>
        {delta !== null ? (
          <span
            title={t("changeTitle")}
            className={cn(
              "shrink-0 rounded-full px-1.5 py-0.5 font-medium",
              delta > 0 && "bg-emerald-50 text-emerald-700 dark:bg-emerald-950 dark:text-emerald-300",
              delta < 0 && "bg-amber-50 text-amber-800 dark:bg-amber-950 dark:text-amber-300",
              delta === 0 && "bg-zinc-100 text-zinc-500 dark:bg-zinc-800 dark:text-zinc-400",
            )}
          >
            {t.rich("delta", { delta: formatDelta(delta, locale), sr: (chunks) => <span className="sr-only">{chunks}</span> })}
          </span>
        ) : null}
      </div>
    </Card>
  );
}
