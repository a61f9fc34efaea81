import { useTranslations } from "next-intl";
import { cn } from "@/components/ui/cn";

/** How a tile or a room's wall reads: each state with a word, a symbol, an outline and a pattern. */
export type WallState = "live" | "waiting" | "ended" | "stale" | "paused" | "notFound" | "recorded";

/** The outline and background of a tile in each state: solid, dotted, double-hatched, dashed-striped. */
export const WALL_STATE_FRAME: Record<WallState, string> = {
  live: "border-2 border-zinc-300 bg-white dark:border-zinc-700 dark:bg-zinc-950",
  recorded: "border-2 border-zinc-300 bg-white dark:border-zinc-700 dark:bg-zinc-950",
  waiting: "border-4 border-dotted border-zinc-400 bg-white dark:border-zinc-600 dark:bg-zinc-950",
  paused: "border-4 border-dotted border-zinc-400 bg-white dark:border-zinc-600 dark:bg-zinc-950",
  ended: "wall-ended border-[6px] border-double border-zinc-500 bg-zinc-100 dark:border-zinc-400 dark:bg-zinc-900",
  notFound: "wall-ended border-[6px] border-double border-zinc-500 bg-zinc-100 dark:border-zinc-400 dark:bg-zinc-900",
  stale: "wall-stale border-[6px] border-dashed border-amber-500 bg-amber-50 dark:border-amber-400 dark:bg-amber-950/40",
};

/** Figures that are not current are dimmed, so the word and the pattern stand out first. */
export const WALL_STATE_FIGURES: Partial<Record<WallState, string>> = {
  ended: "opacity-70",
  notFound: "opacity-70",
  stale: "opacity-60",
};

const CHIP: Record<WallState, { tone: string; symbol: string }> = {
  live: { tone: "bg-emerald-600 text-white dark:bg-emerald-500 dark:text-black", symbol: "●" },
  recorded: { tone: "bg-zinc-200 text-zinc-900 dark:bg-zinc-800 dark:text-zinc-100", symbol: "●" },
  waiting: { tone: "bg-zinc-200 text-zinc-900 dark:bg-zinc-800 dark:text-zinc-100", symbol: "…" },
  paused: { tone: "bg-zinc-200 text-zinc-900 dark:bg-zinc-800 dark:text-zinc-100", symbol: "❚❚" },
  ended: { tone: "bg-zinc-800 text-white dark:bg-zinc-200 dark:text-black", symbol: "■" },
  notFound: { tone: "bg-zinc-800 text-white dark:bg-zinc-200 dark:text-black", symbol: "■" },
  stale: { tone: "bg-amber-400 text-black", symbol: "⚠" },
};

/** The state's word in capitals with its symbol, large enough to read from the back of the room. */
export function WallStateChip({ state, className }: { state: WallState; className?: string }) {
  const t = useTranslations("wall.state");
  const chip = CHIP[state];
  return (
    <span className={cn("inline-flex shrink-0 items-center gap-2 rounded-lg px-3 py-1 font-bold tracking-wide uppercase", chip.tone, className)}>
      <span aria-hidden="true" className={state === "live" ? "motion-safe:animate-pulse" : undefined}>
        {chip.symbol}
      </span>
      <span>{t(state)}</span>
    </span>
  );
}
