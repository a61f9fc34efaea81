"use client";

import { TimeControls } from "@/components/time/time-controls";
import { keepPreviousData, useQueries, useQueryClient, type UseQueryResult } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter, useSearchParams } from "next/navigation";
import { useTranslations } from "next-intl";
import { useMemo, useState, type FormEvent } from "react";
import { seriesColor } from "@/components/charts/chart-theme";
import { CompareChart } from "@/components/charts/compare-chart";
import { RateWindowControl, useRateTitle } from "@/components/history/rate-window-control";
import { useStatLabels } from "@/components/stats/stat-labels";
import { Button } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { SegmentedControl } from "@/components/ui/segmented-control";
import { formatNumber, formatTimeZone } from "@/lib/format";
import {
  alignSeries,
  COMPARE_SCALES,
  MAX_COMPARED,
  parseComparedRooms,
  scaleSeries,
} from "@/lib/history/compare";
import { useLocale, useTimeZone } from "@/lib/hooks/use-locale";
import { useProblems } from "@/lib/i18n/use-problems";
import { roomHistoryQueryOptions } from "@/lib/queries/room-history";
import { createdAtMs, roomInfoQueryOptions } from "@/lib/queries/room-info";
import { streamStart } from "@/lib/history/report";
import { useCan } from "@/lib/hooks/use-session";
import { STAT_KEYS } from "@/lib/contract/stats";
import { RATE_WINDOW_MINUTES, type RoomHistoryResponse } from "@/lib/contract/api";
import { historyWindow, type TimeWindow } from "@/lib/history/range";
import { usePausableNow } from "@/lib/hooks/use-now";
import { compareHref, parseCompareSearchParams, type CompareViewState } from "@/lib/views/compare-state";
import { reportHref } from "@/lib/views/room-view-state";

/** Each room's history, pending and failed flags, in the order of the rooms; stable while no query changes, for the memoised charts. */
function combineHistories(results: UseQueryResult<RoomHistoryResponse>[]) {
  return {
    data: results.map((r) => r.data),
    pending: results.map((r) => r.isPending),
    failed: results.map((r) => r.error !== null),
    fetching: results.some((r) => r.isFetching),
    updatedAt: results.map((r) => r.dataUpdatedAt),
  };
}

export function CompareView() {
  const t = useTranslations("compare");
  const charts = useTranslations("charts");
  const timeZone = useTimeZone();
  const STAT_LABELS = useStatLabels();
  const locale = useLocale();
  const { comparedRoomsProblem } = useProblems();
  const queryClient = useQueryClient();
  const params = useSearchParams();
  const router = useRouter();
  const view = useMemo(() => parseCompareSearchParams(params), [params]);
  const { align, series, scale, rateWindow } = view;
  const parsed = parseComparedRooms(view.rooms);
  const [draft, setDraft] = useState(parsed.rooms.join(", "));
  const rateTitle = useRateTitle(rateWindow);

  // A preset's window moves a minute at a time (the query keys change with it); 0 until mounted.
  const minute = usePausableNow(60_000, view.paused);
  const relative = view.range !== "all" && view.range !== "custom";
  const histories = useQueries({
    queries: (parsed.ok ? parsed.rooms : []).map((roomId) => ({
      ...roomHistoryQueryOptions(roomId, { ...historyWindow(view.range, view.custom, minute), points: 500, rateWindow }, { everyMs: view.refresh * 1000, paused: view.paused }),
      enabled: !relative || minute > 0,
      placeholderData: keepPreviousData,
    })),
    combine: combineHistories,
  });

  // Each room's creation time, where its details are known: "since stream start" rather than since
  // recording began. Only when every charted room has one, so that all lines share one origin.
  const lookups = useCan("rooms.lookup");
  const infos = useQueries({
    queries: (parsed.ok ? parsed.rooms : []).map((roomId) => roomInfoQueryOptions(roomId, lookups)),
    combine: (results) => results.map((r) => r.data),
  });
  const starts = useMemo(() => {
    // Tencent forgets an ended room: the creation time the console kept serves then.
    const created = histories.data.map((h, i) => createdAtMs(infos[i]) ?? (h?.createdAt ? Date.parse(h.createdAt) : null));
    const loaded = histories.data.flatMap((h, i) => (h?.samples.length ? [streamStart(Date.parse(h.samples[0]!.t), created[i] ?? null)] : []));
    return loaded.length > 0 && loaded.every((s) => s !== null) ? created : null;
  }, [histories.data, infos]);

  function go(rooms: string[], next: Partial<CompareViewState> = {}) {
    router.replace(compareHref(rooms, { ...view, ...next }), { scroll: false });
  }
  const rooms = parsed.rooms;
  const onZoom = (window: TimeWindow) => go(rooms, { range: "custom", custom: window });
  const refetchAll = () => void queryClient.refetchQueries({ queryKey: ["room"], type: "active" });
  const onPausedChange = (paused: boolean) => {
    go(rooms, { paused });
    if (!paused) refetchAll();
  };
  const fetchedAt = Math.max(0, ...histories.updatedAt);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    go(draft.split(",").map((r) => r.trim()).filter(Boolean));
  }

  // Each room keeps the colour of its place in the list, loaded or not, so the legend matches every chart.
  const charted = useMemo(() => {
    const loaded = histories.data.flatMap((h, i) => (h ? [{ ...h, color: seriesColor(i), start: starts?.[i] ?? null }] : []));
    const maxGapMs = (cadence: number | null) => 3 * (cadence ?? 10) * 1000;
    return STAT_KEYS.map((key) => ({
      key,
      lines: loaded.map((h) => ({
        roomId: h.roomId,
        color: h.color,
        ...scaleSeries(alignSeries(series === "rates" ? h.rates : h.samples, key, align, maxGapMs(h.cadenceSeconds), h.start), scale),
      })),
    }));
  }, [histories.data, series, align, scale, starts]);
  const lastSampleAt = Math.max(...histories.data.flatMap((h) => (h?.samples.length ? [Date.parse(h.samples.at(-1)!.t)] : [])));
  const dropped = charted.reduce((sum, chart) => sum + chart.lines.reduce((n, line) => n + line.dropped, 0), 0);

  return (
    <main className="mx-auto w-full max-w-7xl space-y-5 px-4 py-6 sm:px-6 sm:py-8">
      <PageHeader title={t("title")} />
      <form onSubmit={onSubmit} className="flex flex-col gap-2 sm:flex-row sm:items-end">
        <div className="flex-1">
          <label htmlFor="compare-rooms" className="text-sm font-medium">
            {t("roomsLabel", { max: formatNumber(MAX_COMPARED, locale) })}
          </label>
          <input
            id="compare-rooms"
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
            placeholder="live-0001, live-0002"
            className="mt-1 h-9 w-full rounded-md border border-zinc-300 bg-white px-3 font-mono text-sm dark:border-zinc-700 dark:bg-zinc-900"
          />
        </div>
        <Button type="submit">{t("submit")}</Button>
      </form>

      {!parsed.ok ? (
        <p role="alert" className="text-sm text-amber-800 dark:text-amber-300">
          {comparedRoomsProblem(parsed)}
        </p>
      ) : (
        <>
          <TimeControls
            view={view}
            refreshing={histories.fetching}
            updatedAt={fetchedAt}
            onRangeChange={(range, custom) => go(rooms, { range, custom })}
            onRefreshChange={(refresh) => go(rooms, { refresh })}
            onPausedChange={onPausedChange}
            onRefresh={refetchAll}
          />
          <div className="flex flex-wrap items-center gap-3">
            <SegmentedControl
              label={t("align.label")}
              value={align}
              options={["clock", "start"] as const}
              names={{ clock: t("align.clock"), start: starts ? t("align.stream") : t("align.start") }}
              onChange={(a) => go(parsed.rooms, { align: a })}
            />
            <SegmentedControl
              label={t("series.label")}
              value={series}
              options={["totals", "rates"] as const}
              names={{ totals: t("series.totals"), rates: t("series.rates") }}
              onChange={(s) => go(parsed.rooms, { series: s })}
            />
            {series === "rates" ? <RateWindowControl value={rateWindow} onChange={(w) => go(rooms, { rateWindow: w })} /> : null}
            <SegmentedControl
              label={t("scale.label")}
              value={scale}
              options={COMPARE_SCALES}
              names={{ absolute: t("scale.absolute"), index: t("scale.index"), peak: t("scale.peak"), log: t("scale.log") }}
              onChange={(s) => go(parsed.rooms, { scale: s })}
            />
          </div>
          {/* The one legend of the grid: each room's colour in every chart, with its recording's state. */}
          <ul aria-label={t("legend")} className="flex flex-wrap gap-x-5 gap-y-1 text-sm">
            {parsed.rooms.map((roomId, i) => {
              const state = histories.pending[i] ? "loading" : histories.failed[i] ? "failed" : histories.data[i]?.status;
              return (
                <li key={roomId} className="flex items-center gap-2">
                  <span aria-hidden="true" className="size-2.5 rounded-full" style={{ background: seriesColor(i) }} />
                  <Link href={reportHref(roomId)} className="font-mono underline-offset-2 hover:underline">
                    {roomId}
                  </Link>
                  <span className="text-zinc-500 dark:text-zinc-400">{state ? t(`state.${state}`) : null}</span>
                </li>
              );
            })}
          </ul>
          {charted[0]!.lines.length > 0 ? (
            <>
              <div className="grid grid-cols-1 gap-3 sm:grid-cols-2 xl:grid-cols-3">
                {charted.map(({ key, lines }) => (
                  <CompareChart
                    key={key}
                    title={series === "rates" ? rateTitle(STAT_LABELS[key].rate) : STAT_LABELS[key].label}
                    align={align}
                    kind={series === "rates" ? "rate" : "total"}
                    rateWindowMinutes={RATE_WINDOW_MINUTES[rateWindow]}
                    scale={scale}
                    series={lines}
                    onZoom={align === "clock" ? onZoom : undefined}
                  />
                ))}
              </div>
              <div className="space-y-1 text-xs text-zinc-500 dark:text-zinc-400">
                {/* What the scale did to the lines, and the zone the time axes' labels are in, said once for the grid. */}
                {scale !== "absolute" ? <p>{t(`note.${scale}`)}</p> : null}
                {scale === "log" && dropped > 0 ? <p>{t("note.logDropped", { count: dropped, countText: formatNumber(dropped, locale) })}</p> : null}
                {align === "clock" && Number.isFinite(lastSampleAt) ? <p className="text-right">{charts("timesIn", { zone: formatTimeZone(lastSampleAt, locale, timeZone) })}</p> : null}
              </div>
            </>
          ) : null}
        </>
      )}
    </main>
  );
}
