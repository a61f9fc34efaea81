"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useRouter, useSearchParams } from "next/navigation";
import { useTranslations } from "next-intl";
import { useDeferredValue, useId, useState } from "react";
import { LiveRoomsTable } from "@/components/live/live-rooms-table";
import { RefreshPicker } from "@/components/time/refresh-picker";
import { Button } from "@/components/ui/button";
import { LoadFailed } from "@/components/ui/load-failed";
import { CopyButton } from "@/components/ui/copy-button";
import { inputClasses } from "@/components/ui/field";
import { PageHeader } from "@/components/ui/page-header";
import { useWatchlistMutations } from "@/components/watchlist/use-watchlist";
import type { LiveRoomsResponse } from "@/lib/contract/live-rooms";
import { formatNumber, formatTime } from "@/lib/format";
import { useLocale, useTimeZone } from "@/lib/hooks/use-locale";
import { useCan } from "@/lib/hooks/use-session";
import { ApiRequestError } from "@/lib/queries/api-client";
import { useErrorText } from "@/lib/queries/error-text";
import { liveRoomsQueryOptions } from "@/lib/queries/live-rooms";
import { filterLiveRooms, liveDefaultDirection, liveListHref, MAX_QUERY_LENGTH, parseLiveListSearchParams, sortLiveRooms, type LiveListState, type LiveSortKey } from "@/lib/views/live-list";
import { REFRESH_OPTIONS_S, refreshMs } from "@/lib/views/time-state";

/** Rows drawn at first: a thousand rows re-rendered every refresh would slow the page for a list nobody reads to the end. */
const FIRST_ROWS = 100;

const sameView = (a: LiveListState, b: LiveListState) => liveListHref(a) === liveListHref(b);

export function LiveView() {
  const t = useTranslations("live");
  const locale = useLocale();
  const timeZone = useTimeZone();
  const errorText = useErrorText();
  const router = useRouter();
  const urlView = parseLiveListSearchParams(useSearchParams());
  // Next applies replaceState to useSearchParams a moment later; until then show the choice made.
  const [pendingView, setPendingView] = useState<LiveListState | null>(null);
  if (pendingView && sameView(pendingView, urlView)) setPendingView(null);
  const view = pendingView ?? urlView;
  const updateView = (change: Partial<LiveListState>) => {
    const next = { ...view, ...change };
    setPendingView(next);
    router.replace(liveListHref(next), { scroll: false });
  };

  const live = useQuery({ ...liveRoomsQueryOptions(refreshMs(view)), placeholderData: keepPreviousData });
  const canWatch = useCan("watchlist.write");
  const { add } = useWatchlistMutations();
  const [showAll, setShowAll] = useState(false);
  // Typing filters a thousand rows: the input stays responsive, the table follows.
  const query = useDeferredValue(view.q);
  const searchId = useId();

  const data = live.data;
  const matching = data ? sortLiveRooms(filterLiveRooms(data.rooms, query), view.sort, view.dir) : [];
  const shown = showAll ? matching : matching.slice(0, FIRST_ROWS);
  const onSort = (sort: LiveSortKey) => updateView({ sort, dir: sort === view.sort ? (view.dir === "asc" ? "desc" : "asc") : liveDefaultDirection(sort) });

  return (
    <main className="mx-auto w-full max-w-7xl space-y-5 px-4 py-6 sm:px-6 sm:py-8">
      <PageHeader
        title={t("title")}
        description={t("description")}
        actions={
          <RefreshPicker
            options={REFRESH_OPTIONS_S}
            interval={view.refresh}
            paused={view.paused}
            refreshing={live.isFetching}
            onIntervalChange={(refresh) => updateView({ refresh })}
            onPausedChange={(paused) => updateView({ paused })}
            onRefresh={() => void live.refetch()}
          />
        }
      />

      <form role="search" className="flex max-w-xl items-end gap-2" onSubmit={(e) => e.preventDefault()}>
        <div className="min-w-0 flex-1 space-y-1.5">
          <label htmlFor={searchId} className="block text-sm font-medium">
            {t("search.label")}
          </label>
          <input
            id={searchId}
            type="search"
            value={view.q}
            maxLength={MAX_QUERY_LENGTH}
            placeholder={t("search.placeholder")}
            autoComplete="off"
            spellCheck={false}
            onChange={(e) => updateView({ q: e.target.value })}
            className={inputClasses}
          />
        </div>
        {view.q ? (
          <Button type="button" variant="secondary" onClick={() => updateView({ q: "" })}>
            {t("search.clear")}
          </Button>
        ) : null}
      </form>

      {data ? <ListingSummary data={data} /> : null}
      {data?.incomplete ? <IncompleteNotice data={data} /> : null}

      {add.error && add.variables ? (
        <p role="alert" className="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800 dark:border-red-800 dark:bg-red-950 dark:text-red-200">
          {t("table.watchFailed", { roomId: add.variables, error: errorText(add.error) })}
        </p>
      ) : null}

      {live.isPending ? (
        <p className="text-sm text-zinc-500 dark:text-zinc-400" aria-busy="true">
          {t("loading")}
        </p>
      ) : live.isError && !data ? (
        <LoadFailed title={t("loadFailed")} reason={errorText(live.error)} retryLabel={t("tryAgain")} onRetry={() => void live.refetch()} retrying={live.isFetching}>
          {live.error instanceof ApiRequestError && live.error.requestId ? <RequestIdLine requestId={live.error.requestId} /> : null}
        </LoadFailed>
      ) : data && data.rooms.length === 0 ? (
        <p className="rounded-xl border border-dashed border-zinc-300 p-6 text-sm text-zinc-600 dark:border-zinc-700 dark:text-zinc-400">{t("empty")}</p>
      ) : matching.length === 0 ? (
        <p className="rounded-xl border border-dashed border-zinc-300 p-6 text-sm text-zinc-600 dark:border-zinc-700 dark:text-zinc-400">{t("noMatch", { q: query })}</p>
      ) : (
        <>
          {query.trim() ? (
            <p role="status" className="text-sm text-zinc-600 dark:text-zinc-400">
              {t("matches", { shown: matching.length, q: query.trim() })}
            </p>
          ) : null}
          <LiveRoomsTable
            rooms={shown}
            sort={view.sort}
            dir={view.dir}
            onSort={onSort}
            onWatch={canWatch ? (roomId) => add.mutate(roomId) : undefined}
            watching={add.isPending ? add.variables : undefined}
          />
          {shown.length < matching.length ? (
            <div className="flex flex-wrap items-center gap-3 text-sm text-zinc-600 dark:text-zinc-400">
              <span>{t("showingFirst", { shown: formatNumber(shown.length, locale), count: formatNumber(matching.length, locale) })}</span>
              <Button variant="secondary" size="sm" onClick={() => setShowAll(true)}>
                {t("showAll", { count: formatNumber(matching.length, locale) })}
              </Button>
            </div>
          ) : null}
        </>
      )}
      {live.isError && data ? (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {errorText(live.error)} · {formatTime(live.errorUpdatedAt, locale, timeZone)}
        </p>
      ) : null}
    </main>
  );
}

function ListingSummary({ data }: { data: LiveRoomsResponse }) {
  const t = useTranslations("live");
  const locale = useLocale();
  const timeZone = useTimeZone();
  return (
    <p className="text-sm text-zinc-600 tabular-nums dark:text-zinc-400">
      {t(data.incomplete ? "summary.incomplete" : "summary.complete", {
        count: data.rooms.length,
        listedAt: formatTime(Date.parse(data.listedAt), locale, timeZone),
        nextAt: formatTime(Date.parse(data.nextListingAt), locale, timeZone),
      })}
    </p>
  );
}

/** A listing that stopped before Tencent's last page: what it has is shown, and this says so. */
function IncompleteNotice({ data }: { data: LiveRoomsResponse }) {
  const t = useTranslations("live");
  const incomplete = data.incomplete!;
  const count = data.rooms.length;
  const text =
    incomplete.reason === "page_limit"
      ? t("incomplete.page_limit", { count, maxPages: incomplete.maxPages ?? data.pages })
      : incomplete.reason === "time_limit"
        ? t("incomplete.time_limit", { count, pages: data.pages })
        : t("incomplete.failed", { count, pages: data.pages, message: incomplete.error?.message ?? "" });
  return (
    <div
      role="status"
      className="space-y-2 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100"
    >
      <p>{text}</p>
      {incomplete.error?.requestId ? <RequestIdLine requestId={incomplete.error.requestId} /> : null}
    </div>
  );
}

function RequestIdLine({ requestId }: { requestId: string }) {
  const t = useTranslations("live");
  return (
    <p className="flex flex-wrap items-center gap-2">
      <span>{t("requestId")}</span>
      <code className="font-mono break-all">{requestId}</code>
      <CopyButton value={requestId} label={t("requestId")} />
    </p>
  );
}
