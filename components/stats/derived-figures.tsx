import { useTranslations } from "next-intl";
import { useId } from "react";
import { formatRatio } from "@/lib/format";
import { useLocale } from "@/lib/hooks/use-locale";
import type { RoomStats } from "@/lib/contract/stats";
import { coinsPerGift, giftsPerSender } from "@/lib/stats/derived";
import { cn } from "@/components/ui/cn";
import { Card } from "@/components/ui/card";

function Figure({ label, value, explanation, stale }: { label: string; value: string; explanation: string; stale: boolean }) {
  const headingId = useId();
  return (
    <Card as="section" aria-labelledby={headingId} stale={stale} className="flex items-baseline justify-between gap-4 px-4 py-3">
      <div className="min-w-0">
        <h2 id={headingId} className="text-sm font-medium text-zinc-600 dark:text-zinc-400">
          {label}
        </h2>
        <p className="text-xs text-zinc-500 dark:text-zinc-500">{explanation}</p>
      </div>
      <p className={cn("text-2xl font-semibold tabular-nums", stale && "text-zinc-500 dark:text-zinc-400")}>{value}</p>
    </Card>
  );
}

/** Ratios of the raw counters; "—" when the divisor is still zero. */
export function DerivedFigures({ stats, stale }: { stats: RoomStats | null; stale: boolean }) {
  const t = useTranslations("room.derived");
  const locale = useLocale();
  return (
    <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
      <Figure
        label={t("coinsPerGift.label")}
        explanation={t("coinsPerGift.explanation")}
        value={formatRatio(stats ? coinsPerGift(stats) : null, locale)}
        stale={stale}
      />
      <Figure
        label={t("giftsPerSender.label")}
        explanation={t("giftsPerSender.explanation")}
        value={formatRatio(stats ? giftsPerSender(stats) : null, locale)}
        stale={stale}
      />
    </div>
  );
}
