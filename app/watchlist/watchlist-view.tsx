"use client";

import { useQuery } from "@tanstack/react-query";
import { useSearchParams } from "next/navigation";
import { useTranslations } from "next-intl";
import { useMemo, useState } from "react";
import { AddRoomForm } from "@/components/watchlist/add-room-form";
import { useCan } from "@/lib/hooks/use-session";
import { defaultDirection, sortRooms, type SortKey } from "@/components/watchlist/sort-rooms";
import { useWatchlistMutations } from "@/components/watchlist/use-watchlist";
import { WatchlistTable } from "@/components/watchlist/watchlist-table";
import { Button } from "@/components/ui/button";
import { useWallShortcuts, WallModeButton } from "@/components/wall/wall-mode";
import { WatchlistWall } from "@/components/wall/watchlist-wall";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { formatNumber, formatSeconds, formatTime, formatTimeZone } from "@/lib/format";
import { useNow } from "@/lib/hooks/use-now";
import { useHydrated } from "@/lib/hooks/use-hydrated";
import { useLocale, useTimeZone } from "@/lib/hooks/use-locale";
import { useErrorText } from "@/lib/queries/error-text";
import { healthQueryOptions } from "@/lib/queries/health";
import { watchlistOverviewQueryOptions } from "@/lib/queries/watchlist";
import { parseWatchlistSearchParams, watchlistHref, type WatchlistViewState } from "./search-params";

export function WatchlistView() {
  const locale = useLocale();
  const timeZone = useTimeZone();
  const t = useTranslations("watchlist");
  const errorText = useErrorText();
  const urlView = parseWatchlistSearchParams(useSearchParams());
  // Next applies replaceState to useSearchParams a moment later; until then show the choice made.
  const [pendingView, setPendingView] = useState<WatchlistViewState | null>(null);
  if (pendingView && watchlistHref(pendingView) === watchlistHref(urlView)) setPendingView(null);
  const view = pendingView ?? urlView;

  const now = useNow();
  const overview = useQuery(watchlistOverviewQueryOptions());
  const { data: health } = useQuery(healthQueryOptions());
  const { remove } = useWatchlistMutations();
  const canChange = useCan("watchlist.write");
  const [removing, setRemoving] = useState<ReadonlySet<string>>(new Set());

  const rooms = overview.data?.rooms;
  const sorted = useMemo(() => (rooms ? sortRooms(rooms, view.sort, view.dir) : []), [rooms, view.sort, view.dir]);

  function updateView(patch: Partial<WatchlistViewState>) {
    const next = { ...view, ...patch };
    setPendingView(next);
    // replaceState (which Next's router observes): sorting is not a page worth a Back step, and
    // leaving wall mode comes back to the same page rather than a step back.
    window.history.replaceState(null, "", watchlistHref(next));
  }

  function onSort(sort: SortKey) {
    updateView({ sort, dir: sort === view.sort ? (view.dir === "asc" ? "desc" : "asc") : defaultDirection(sort) });
  }

  const setKiosk = (kiosk: boolean) => updateView({ kiosk });
  useWallShortcuts(view.kiosk, setKiosk);

  function onRemove(roomId: string) {
    setRemoving((current) => new Set(current).add(roomId));
    remove.mutate(roomId, {
      onSettled: () =>
        setRemoving((current) => {
          const next = new Set(current);
          next.delete(roomId);
          return next;
        }),
    });
  }

  // The site header shares the health query from outside this page's Suspense boundary, so it can
  // have answered before the boundary hydrates; the server rendered the page without it.
  const hydrated = useHydrated();
  const cadence = hydrated ? health?.history.recorder.cadenceSeconds : undefined;

  if (view.kiosk) {
    return (
      <WatchlistWall
        rooms={rooms ? sorted : undefined}
        updatedAt={overview.dataUpdatedAt}
        refreshError={overview.isError && rooms ? errorText(overview.error) : null}
        refreshFailedAt={overview.isError && rooms ? overview.errorUpdatedAt : null}
        loadError={overview.isError && !rooms ? errorText(overview.error) : null}
        cadenceMs={(cadence ?? 10) * 1000}
        onExit={() => setKiosk(false)}
      />
    );
  }

  return (
    <main className="mx-auto w-full max-w-7xl space-y-6 px-4 py-6 sm:px-6 sm:py-8">
      <PageHeader
        title={t("title")}
        description={cadence ? t("descriptionWithCadence", { interval: formatSeconds(cadence, locale) }) : t("description")}
        actions={
          <div className="flex w-full flex-col items-start gap-3 lg:max-w-md lg:items-end">
            <WallModeButton onClick={() => setKiosk(true)} />
            {canChange ? (
              <Card className="w-full p-4">
                <AddRoomForm />
              </Card>
            ) : null}
          </div>
        }
      />

      {remove.error ? (
        <p role="alert" className="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800 dark:border-red-800 dark:bg-red-950 dark:text-red-200">
          {t("removeFailed", { roomId: remove.variables ?? "", error: errorText(remove.error) })}
        </p>
      ) : null}

      {overview.isPending ? (
        <p className="text-sm text-zinc-500 dark:text-zinc-400" aria-busy="true">
          {t("loading")}
        </p>
      ) : overview.isError && !rooms ? (
        <div role="alert" className="space-y-3 rounded-xl border border-red-300 bg-red-50 p-4 text-sm text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100">
          <p className="font-medium">{t("loadFailed")}</p>
          <p>{errorText(overview.error)}</p>
          <Button onClick={() => void overview.refetch()} disabled={overview.isFetching}>
            {t("tryAgain")}
          </Button>
        </div>
      ) : sorted.length === 0 ? (
        <section aria-labelledby="watchlist-empty" className="rounded-xl border border-dashed border-zinc-300 p-6 text-sm dark:border-zinc-700">
          <h2 id="watchlist-empty" className="text-base font-semibold">
            {t("empty.title")}
          </h2>
          <p className="mt-2 max-w-2xl text-zinc-600 dark:text-zinc-400">
            {t("empty.body")}
          </p>
        </section>
      ) : (
        <section aria-label={t("regionLabel")} className="space-y-2">
          <WatchlistTable
            rooms={sorted}
            sort={view.sort}
            dir={view.dir}
            onSort={onSort}
            onRemove={canChange ? onRemove : undefined}
            removing={removing}
            now={now}
          />
          <p className="text-xs text-zinc-500 dark:text-zinc-400">
            {t("footer.rooms", { count: sorted.length, number: formatNumber(sorted.length, locale) })}
            {overview.dataUpdatedAt ? (
              <>
                {" · "}
                {t("footer.updated", {
                  time: formatTime(overview.dataUpdatedAt, locale, timeZone),
                  zone: formatTimeZone(overview.dataUpdatedAt, locale, timeZone),
                })}
              </>
            ) : null}
            {overview.isError ? (
              <>
                {" · "}
                {t("footer.refreshFailed", { error: errorText(overview.error) })}
              </>
            ) : null}
          </p>
        </section>
      )}
    </main>
  );
}
