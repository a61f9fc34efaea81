"use client";

import { useQueries } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter, useSearchParams } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { seriesColor } from "@/components/charts/chart-theme";
import { CompareChart } from "@/components/charts/compare-chart";
import { useRateTitle } from "@/components/history/rate-window-control";
import { useStatLabels } from "@/components/stats/stat-labels";
import { Button } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { SegmentedControl } from "@/components/ui/segmented-control";
import { formatNumber } from "@/lib/format";
import { alignSeries, MAX_COMPARED, parseComparedRooms, type CompareAlign } from "@/lib/history/compare";
import { useLocale } from "@/lib/hooks/use-locale";
import { useProblems } from "@/lib/i18n/use-problems";
import { roomHistoryQueryOptions } from "@/lib/queries/room-history";
import { STAT_KEYS } from "@/lib/contract/stats";
import { DEFAULT_RATE_WINDOW, RATE_WINDOW_MINUTES } from "@/lib/contract/api";
import { reportHref } from "@/lib/views/room-view-state";

type Series = "totals" | "rates";
/** Compared rooms' rates are over the default window (the charts' titles say it). */
const COMPARE_RATE_WINDOW = DEFAULT_RATE_WINDOW;

/** The URL is the state: `?rooms=a,b&align=start&series=rates`. */
function compareHref(rooms: string[], align: CompareAlign, series: Series): string {
  const params = new URLSearchParams({ rooms: rooms.join(",") });
  if (align !== "clock") params.set("align", align);
  if (series !== "totals") params.set("series", series);
  return `/compare?${params.toString().replace(/%2C/g, ",")}`;
}

export function CompareView() {
  const t = useTranslations("compare");
  const STAT_LABELS = useStatLabels();
  const rateTitle = useRateTitle(COMPARE_RATE_WINDOW);
  const locale = useLocale();
  const { comparedRoomsProblem } = useProblems();
  const params = useSearchParams();
  const router = useRouter();
  const parsed = parseComparedRooms(params.get("rooms"));
  const align: CompareAlign = params.get("align") === "start" ? "start" : "clock";
  const series: Series = params.get("series") === "rates" ? "rates" : "totals";
  const [draft, setDraft] = useState(parsed.rooms.join(", "));

  const histories = useQueries({
    queries: (parsed.ok ? parsed.rooms : []).map((roomId) => roomHistoryQueryOptions(roomId, { points: 500, rateWindow: COMPARE_RATE_WINDOW })),
  });

  function go(rooms: string[], nextAlign = align, nextSeries = series) {
    router.replace(compareHref(rooms, nextAlign, nextSeries), { scroll: false });
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    go(draft.split(",").map((r) => r.trim()).filter(Boolean));
  }

  // Each room keeps the colour of its place in the list, loaded or not, so the key above matches.
  const loaded = histories.flatMap((h, i) => (h.data ? [{ ...h.data, color: seriesColor(i) }] : []));
  const maxGapMs = (cadence: number | null) => 3 * (cadence ?? 10) * 1000;

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
          <div className="flex flex-wrap items-center gap-3">
            <SegmentedControl
              label={t("align.label")}
              value={align}
              options={["clock", "start"] as const}
              names={{ clock: t("align.clock"), start: t("align.start") }}
              onChange={(a) => go(parsed.rooms, a, series)}
            />
            <SegmentedControl
              label={t("series.label")}
              value={series}
              options={["totals", "rates"] as const}
              names={{ totals: t("series.totals"), rates: t("series.rates") }}
              onChange={(s) => go(parsed.rooms, align, s)}
            />
          </div>
          <ul className="flex flex-wrap gap-x-5 gap-y-1 text-sm">
            {parsed.rooms.map((roomId, i) => {
              const h = histories[i];
              const state = h?.isPending ? "loading" : h?.error ? "failed" : h?.data?.status;
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
          {loaded.length > 0 ? (
            <div className="grid grid-cols-1 gap-3 lg:grid-cols-2">
              {STAT_KEYS.map((key) => (
                <CompareChart
                  key={key}
                  title={series === "rates" ? rateTitle(STAT_LABELS[key].rate) : STAT_LABELS[key].label}
                  align={align}
                  kind={series === "rates" ? "rate" : "total"}
                  rateWindowMinutes={RATE_WINDOW_MINUTES[COMPARE_RATE_WINDOW]}
                  series={loaded.map((h) => ({
                    roomId: h.roomId,
                    color: h.color,
                    points: alignSeries(series === "rates" ? h.rates : h.samples, key, align, maxGapMs(h.cadenceSeconds)),
                  }))}
                />
              ))}
            </div>
          ) : null}
        </>
      )}
    </main>
  );
}
