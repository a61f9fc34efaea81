"use client";

import { useTranslations } from "next-intl";
import { useRef, useState } from "react";
import type { OverviewRoom } from "@/lib/contract/api";
import { formatNumber, formatTime, formatTimeZone } from "@/lib/format";
import { useLocale, useTimeZone } from "@/lib/hooks/use-locale";
import { useNow } from "@/lib/hooks/use-now";
import { pageAt, pageCount, PAGE_INTERVAL_MS, pageSlice, tileFreshness, wallGrid } from "@/lib/views/wall";
import { cn } from "@/components/ui/cn";
import { useElementSize } from "./use-element-size";
import { WallFrame } from "./wall-frame";
import { WallTile } from "./wall-tile";

export interface WatchlistWallProps {
  /** In the watchlist's sort order; undefined until the first answer. */
  rooms: readonly OverviewRoom[] | undefined;
  /** When the figures on screen were fetched (0 before the first answer). */
  updatedAt: number;
  /** The latest refresh's failure in words, while older figures stay on screen; else null. */
  refreshError: string | null;
  refreshFailedAt: number | null;
  /** The first load's failure in words, when there is nothing to show. */
  loadError: string | null;
  /** The recorder's cadence, for judging a tile stale. */
  cadenceMs: number;
  onExit: () => void;
}

/** What a 1080p TV's wall measures before the browser has: the grid the server renders. */
const INITIAL_GRID_SIZE = { width: 1880, height: 980 };

/**
 * The watchlist on a TV: a tile per room, as big as the screen allows, and page after page on
 * their own every PAGE_INTERVAL_MS when more rooms are watched than fit.
 */
export function WatchlistWall({ rooms, updatedAt, refreshError, refreshFailedAt, loadError, cadenceMs, onExit }: WatchlistWallProps) {
  const t = useTranslations("wall");
  const title = useTranslations("watchlist");
  const locale = useLocale();
  const timeZone = useTimeZone();
  const now = useNow();
  const gridRef = useRef<HTMLDivElement>(null);
  const size = useElementSize(gridRef, INITIAL_GRID_SIZE);
  const count = rooms?.length ?? 0;
  const grid = wallGrid(size, count);
  const pages = pageCount(count, grid.perPage);
  // The cycle's clock starts when the wall opens; until the page's clock ticks (the server's render,
  // hydration) it shows the first page.
  const [startedAt] = useState(() => Date.now());
  const page = now === 0 ? 0 : pageAt(now - startedAt, PAGE_INTERVAL_MS, pages);
  const shown = rooms ? pageSlice(rooms, page, grid.perPage) : [];

  const status = (
    <>
      {rooms ? <span>{t("rooms", { count, number: formatNumber(count, locale) })}</span> : null}
      {updatedAt > 0 ? <span>{t("updated", { time: formatTime(updatedAt, locale, timeZone), zone: formatTimeZone(updatedAt, locale, timeZone) })}</span> : null}
      {pages > 1 ? (
        <span className="flex items-center gap-2 font-semibold text-zinc-950 dark:text-white" data-page={page + 1}>
          {t("page", { page: formatNumber(page + 1, locale), pages: formatNumber(pages, locale) })}
          <span aria-hidden="true" className="flex gap-1.5">
            {Array.from({ length: pages }, (_, i) => (
              <span key={i} className={cn("size-3 rounded-full ring-2 ring-zinc-500 ring-inset", i === page && "bg-zinc-950 ring-zinc-950 dark:bg-white dark:ring-white")} />
            ))}
          </span>
        </span>
      ) : null}
    </>
  );

  return (
    <WallFrame label={title("title")} title={title("title")} status={status} onExit={onExit}>
      <div className="flex h-full flex-col gap-3">
        {refreshError ? (
          <p role="alert" className="rounded-lg bg-amber-400 px-4 py-2 text-xl font-semibold text-black">
            <span aria-hidden="true">⚠ </span>
            {t("refreshFailed", { error: refreshError })}
          </p>
        ) : null}
        <div ref={gridRef} className="min-h-0 flex-1">
          {loadError && !rooms ? (
            <p role="alert" className="text-4xl font-semibold">
              {t("loadFailed", { error: loadError })}
            </p>
          ) : !rooms ? (
            <p className="text-4xl font-semibold text-zinc-600 dark:text-zinc-400" aria-busy="true">
              {t("loading")}
            </p>
          ) : rooms.length === 0 ? (
            <p className="text-4xl font-semibold">{t("empty")}</p>
          ) : (
            <div
              className="grid h-full gap-4"
              style={{ gridTemplateColumns: `repeat(${grid.cols}, minmax(0, 1fr))`, gridTemplateRows: `repeat(${grid.rows}, minmax(0, 1fr))` }}
            >
              {shown.map((room) => (
                <WallTile key={room.roomId} room={room} now={now} freshness={tileFreshness(room, { now, cadenceMs, refreshFailedAt })} />
              ))}
            </div>
          )}
        </div>
      </div>
    </WallFrame>
  );
}
