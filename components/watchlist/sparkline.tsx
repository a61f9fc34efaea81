import { useTranslations } from "next-intl";
import { formatRate } from "@/lib/format";
import { useLocale } from "@/lib/hooks/use-locale";
import { sparklinePath } from "./sparkline-path";

const WIDTH = 96;
const HEIGHT = 28;

/** Messages per minute (over a 1-minute window) through the time range (`range` names it), drawn inline; gaps stay gaps. */
export function Sparkline({ points, label, range }: { points: readonly { t: string; v: number | null }[]; label: string; range: string }) {
  const locale = useLocale();
  const t = useTranslations("watchlist.sparkline");
  const parsed = points.map((p) => ({ t: Date.parse(p.t), v: p.v }));
  const path = sparklinePath(parsed, WIDTH, HEIGHT);
  const values = parsed.flatMap((p) => (p.v === null ? [] : [p.v]));
  if (!path) return <span className="text-xs text-zinc-400 dark:text-zinc-500">{t("noData")}</span>;
  return (
    <svg
      role="img"
      aria-label={t("range", { label, range, min: formatRate(Math.min(...values), locale, 1), max: formatRate(Math.max(...values), locale, 1) })}
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      width={WIDTH}
      height={HEIGHT}
      className="overflow-visible text-sky-600 dark:text-sky-400"
    >
      <line x1="0" x2={WIDTH} y1={HEIGHT - 0.5} y2={HEIGHT - 0.5} className="stroke-zinc-200 dark:stroke-zinc-700" strokeWidth="1" />
      <path d={path} fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinejoin="round" strokeLinecap="round" />
    </svg>
  );
}
