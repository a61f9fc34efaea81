"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useId } from "react";
import type { OverviewRoom } from "@/lib/contract/api";
import { formatAgo, formatCompact, formatElapsed, formatFitting, NO_VALUE } from "@/lib/format";
import { useLocale } from "@/lib/hooks/use-locale";
import type { TileFreshness } from "@/lib/views/wall";
import { roomHref } from "@/lib/views/room-view-state";
import { cn } from "@/components/ui/cn";
import { WallSparkline } from "./wall-sparkline";
import { WALL_STATE_FIGURES, WALL_STATE_FRAME, WallStateChip } from "./wall-state";

/** The totals under a tile's big figure, in their order. */
const TILE_TOTALS = [
  ["messages", "totalMsgCount"],
  ["likes", "totalLikesReceived"],
  ["coins", "totalGiftCoins"],
] as const;

/**
 * One watched room on the wall. Its type scales with the tile (container query units), so 4 × 3
 * tiles on a 1080p TV put the viewers at about 80 px and a single room fills the screen.
 */
export function WallTile({ room, freshness, now }: { room: OverviewRoom; freshness: TileFreshness; now: number }) {
  const t = useTranslations("wall");
  const locale = useLocale();
  const headingId = useId();
  const state = freshness.kind;
  const ago = (at: number) => (now === 0 ? "" : formatAgo(at, now, locale));
  const reason =
    freshness.kind === "stale"
      ? freshness.since === null
        ? freshness.reason === "no_recent_sample"
          ? null
          : t(`reason.${freshness.reason}_never`)
        : freshness.reason === "no_recent_sample"
          ? t("reason.no_recent_sample", { elapsed: formatElapsed(now - freshness.since, locale) })
          : t(`reason.${freshness.reason}`, { ago: ago(freshness.since) })
      : freshness.kind === "ended"
        ? t("reason.ended")
        : freshness.kind === "waiting"
          ? t("reason.waiting")
          : null;
  const totals = room.totals;
  return (
    <article
      aria-labelledby={headingId}
      data-state={state}
      className={cn("flex h-full min-h-0 flex-col overflow-hidden rounded-2xl p-[4cqmin] [container-type:size]", WALL_STATE_FRAME[state])}
    >
      <div className="flex items-center gap-3">
        <h2 id={headingId} className="min-w-0 flex-1 truncate font-mono text-[min(7cqw,11cqh)] leading-tight font-bold" title={room.roomId}>
          <Link href={roomHref(room.roomId, { kiosk: true })} className="focus-visible:outline-2 focus-visible:outline-sky-500">
            {room.roomId}
          </Link>
        </h2>
        <WallStateChip state={state} className="text-[min(4.5cqw,7cqh)]" />
      </div>
      <p className="min-h-[1.3em] truncate text-[min(4cqw,6.5cqh)] font-semibold">{reason}</p>
      <div className={cn("flex min-h-0 flex-1 flex-col", WALL_STATE_FIGURES[state])}>
        <p className="text-[min(4cqw,6.5cqh)] text-zinc-700 dark:text-zinc-300">{t("viewers")}</p>
        <p data-figure="totalViewers" className="text-[min(17cqw,26cqh)] leading-none font-bold tracking-tight tabular-nums">
          {totals ? formatFitting(totals.totalViewers, locale, 7) : NO_VALUE}
        </p>
        <dl className="mt-[2cqh] grid grid-cols-3 gap-3">
          {TILE_TOTALS.map(([label, key]) => (
            <div key={key} className="min-w-0">
              <dt className="truncate text-[min(4cqw,6cqh)] text-zinc-700 dark:text-zinc-300">{t(label)}</dt>
              <dd className="truncate text-[min(7cqw,11cqh)] leading-tight font-semibold tabular-nums">{totals ? formatCompact(totals[key], locale) : NO_VALUE}</dd>
            </div>
          ))}
        </dl>
        <WallSparkline
          points={room.sparkline.map((p) => ({ t: Date.parse(p.t), v: p.v }))}
          label={t("sparkline")}
          className="mt-[2cqh] min-h-0 flex-1"
          captionClassName="text-[min(3.2cqw,5cqh)]"
        />
      </div>
    </article>
  );
}
