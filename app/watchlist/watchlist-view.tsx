"use client";

import { TimeControls } from "@/components/time/time-controls";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useSearchParams } from "next/navigation";
import { useTranslations } from "next-intl";
import { useEffect, useMemo, useState } from "react";
import { AddRoomForm } from "@/components/watchlist/add-room-form";
import { useCan } from "@/lib/hooks/use-session";
import { defaultDirection, sortRooms, type SortKey } from "@/components/watchlist/sort-rooms";
import { useWatchlistMutations } from "@/components/watchlist/use-watchlist";
import { WatchlistTable } from "@/components/watchlist/watchlist-table";
import { Button } from "@/components/ui/button";
import { LoadFailed } from "@/components/ui/load-failed";
import { useWallShortcuts, WallModeButton } from "@/components/wall/wall-mode";
import { WatchlistWall } from "@/components/wall/watchlist-wall";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { formatDateTime, formatNumber, formatSeconds, formatTime, formatTimeZone } from "@/lib/format";
import { useNow, usePausableNow } from "@/lib/hooks/use-now";
import { useHydrated } from "@/lib/hooks/use-hydrated";
import { useLocale, useTimeZone } from "@/lib/hooks/use-locale";
import { useErrorText } from "@/lib/queries/error-text";
import { healthQueryOptions } from "@/lib/queries/health";
import { watchlistOverviewQueryOptions } from "@/lib/queries/watchlist";
import { watchlistCsv, type WatchlistCsvColumn } from "@/lib/csv/watchlist-csv";
import { STAT_KEYS, type StatKey } from "@/lib/contract/stats";
import { HISTORY_RANGES, historyWindow } from "@/lib/history/range";
import { refreshMs } from "@/lib/views/time-state";
import { parseWatchlistSearchParams, watchlistHref, type WatchlistViewState } from "./search-params";

/**
 * Not the whole recording: the overview reads every watched room's samples in the range on every
 * refresh, and rooms' recordings start at different times.
 */
const WATCHLIST_RANGES = HISTORY_RANGES.filter((range) => range !== "all");

/** How long a removal can be undone. */
const UNDO_MS = 10_000;

const sameView = (a: WatchlistViewState, b: WatchlistViewState) => watchlistHref(a) === watchlistHref(b);

export function WatchlistView() {
  const locale = useLocale();
  const timeZone = useTimeZone();
  const t = useTranslations("watchlist");
  const errorText = useErrorText();
  const urlView = parseWatchlistSearchParams(useSearchParams());
  // Next applies replaceState to useSearchParams a moment later; until then show the choice made.
  const [pendingView, setPendingView] = useState<WatchlistViewState | null>(null);
  if (pendingView && sameView(pendingView, urlView)) setPendingView(null);
  const view = pendingView ?? urlView;

  const now = useNow();
  // A preset's window moves a minute at a time (the query key changes with it); 0 until mounted.
  const minute = usePausableNow(60_000, view.paused);
  const closed = view.range === "custom" && view.custom !== null && view.custom.to < minute;
  const overview = useQuery({
    // A wall's sparklines are of the last 30 minutes (the server's default), as its tiles say.
    ...watchlistOverviewQueryOptions(view.kiosk ? {} : historyWindow(view.range, view.custom, minute)),
    enabled: minute > 0,
    placeholderData: keepPreviousData,
    // A window that has closed shows figures that cannot change.
    refetchInterval: closed ? false : refreshMs(view),
  });
  const rangeT = useTranslations("time.range.presets");
  const { data: health } = useQuery(healthQueryOptions());
  const { add, remove } = useWatchlistMutations();
  // The last room removed, which can be put back for UNDO_MS: the list is the team's, and a
  // slipped click would otherwise stop its recording for everyone without a way back.
  const [undoable, setUndoable] = useState<string | null>(null);
  useEffect(() => {
    if (undoable === null) return;
    const timer = setTimeout(() => setUndoable(null), UNDO_MS);
    return () => clearTimeout(timer);
  }, [undoable]);
  const csvT = useTranslations("csv.history");
  const statLabel = (key: StatKey) => csvT(key);
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
  const onPausedChange = (paused: boolean) => {
    updateView({ paused });
    // Resuming shows current figures now rather than one interval later.
    if (!paused) void overview.refetch();
  };
  useWallShortcuts(view.kiosk, setKiosk);

  function csvHeader(column: WatchlistCsvColumn): string {
    if ((STAT_KEYS as readonly string[]).includes(column)) return statLabel(column as StatKey);
    if (column.endsWith("PerMinute")) return t("csv.perMinute", { label: statLabel(column.slice(0, -"PerMinute".length) as StatKey) });
    return t(`csv.${column as "roomId" | "status" | "lastSampleAt"}`);
  }

  function downloadCsv() {
    const blob = new Blob([watchlistCsv(sorted, csvHeader)], { type: "text/csv;charset=utf-8" });
    const url = URL.createObjectURL(blob);
    const link = document.createElement("a");
    link.href = url;
    link.download = `${t("toolbar.fileName")}-${new Date().toISOString().slice(0, 16).replace(":", "")}Z.csv`;
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 0);
  }

  function onUndo(roomId: string) {
    setUndoable(null);
    add.mutate(roomId);
  }

  function onRemove(roomId: string) {
    setRemoving((current) => new Set(current).add(roomId));
    remove.mutate(roomId, {
      onSuccess: () => setUndoable(roomId),
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

      <TimeControls
        view={view}
        ranges={WATCHLIST_RANGES}
        refreshing={overview.isFetching}
        updatedAt={overview.dataUpdatedAt}
        onRangeChange={(range, custom) => updateView({ range, custom })}
        onRefreshChange={(refresh) => updateView({ refresh })}
        onPausedChange={onPausedChange}
        onRefresh={() => void overview.refetch()}
      />
      {view.range === "custom" && view.custom && rooms ? (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">{t("asOf", { time: formatDateTime(Math.min(view.custom.to, overview.dataUpdatedAt || view.custom.to), locale, timeZone) })}</p>
      ) : null}

      {/* Always in the page, so a screen reader hears the removal when its text appears. */}
      <div role="status" className="empty:hidden">
        {undoable !== null ? (
          <div className="flex flex-wrap items-center gap-3 rounded-md border border-zinc-300 bg-white px-3 py-2 text-sm dark:border-zinc-700 dark:bg-zinc-900">
            <span>{t.rich("removed.text", { roomId: undoable, mono: (chunks) => <span className="font-mono">{chunks}</span> })}</span>
            <Button size="sm" variant="secondary" onClick={() => onUndo(undoable)} aria-label={t("removed.undoLabel", { roomId: undoable })}>
              {t("removed.undo")}
            </Button>
          </div>
        ) : null}
      </div>
      {add.error && add.variables ? (
        <p role="alert" className="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800 dark:border-red-800 dark:bg-red-950 dark:text-red-200">
          {t("removed.undoFailed", { roomId: add.variables, error: errorText(add.error) })}
        </p>
      ) : null}

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
        <LoadFailed title={t("loadFailed")} reason={errorText(overview.error)} retryLabel={t("tryAgain")} onRetry={() => void overview.refetch()} retrying={overview.isFetching} />
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
          <div className="flex flex-wrap items-center justify-end gap-2 text-sm">
            <Button size="sm" variant="secondary" onClick={downloadCsv} title={t("toolbar.csvTitle")}>
              {t("toolbar.csv")}
            </Button>
          </div>
          <WatchlistTable
            rooms={sorted}
            rangeLabel={rangeT(view.range)}
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
