"use client";

import { TimeControls } from "@/components/time/time-controls";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useSearchParams } from "next/navigation";
import { useTranslations } from "next-intl";
import { useCallback, useMemo, useState, useSyncExternalStore } from "react";
import { RateWindowControl, useNoFullWindowText, useRateTitle } from "@/components/history/rate-window-control";
import { NeverRecorded } from "@/components/report/never-recorded";
import { PrintPages, ReportRange } from "@/components/report/print-pages";
import { HistoryChart } from "@/components/charts/history-chart";
import { Averages, FinalTotals, Peaks, Ratios, ReportSection } from "@/components/report/report-figures";
import { useStatLabels } from "@/components/stats/stat-labels";
import { Badge } from "@/components/ui/badge";
import { Button, buttonClasses } from "@/components/ui/button";
import { LoadFailed } from "@/components/ui/load-failed";
import { CopyButton } from "@/components/ui/copy-button";
import { PageHeader } from "@/components/ui/page-header";
import { formatDateTime, formatElapsed, formatNumber, formatRate, formatSeconds, rateFormatter } from "@/lib/format";
import { GAP_CADENCES, streamDuration } from "@/lib/history/report";
import { RoomDetails } from "@/components/room/room-details";
import { createdAtMs, roomInfoQueryOptions } from "@/lib/queries/room-info";
import { useCan } from "@/lib/hooks/use-session";
import { toRatePoints, toSamples, totalsRows } from "@/lib/history/series";
import { useLocale, useTimeZone } from "@/lib/hooks/use-locale";
import { roomHistoryCsvPath, roomReportQueryOptions } from "@/lib/queries/room-history";
import { MAX_HISTORY_POINTS, RATE_WINDOW_MINUTES, type RateWindow } from "@/lib/contract/api";
import { checkRoomId } from "@/lib/contract/room-id";
import { useProblems } from "@/lib/i18n/use-problems";
import { useErrorText } from "@/lib/queries/error-text";
import { STAT_KEYS } from "@/lib/contract/stats";
import { parseReportSearchParams, reportHref, roomHref, type ReportViewState } from "@/lib/views/room-view-state";
import { historyWindow, type TimeWindow } from "@/lib/history/range";
import { usePausableNow } from "@/lib/hooks/use-now";

// A4 portrait with room for the browser's header and footer lines. The charts are drawn for the
// width this leaves (history-chart.tsx's PRINT_FRAME).
const PRINT_PAGE_CSS = "@page { size: A4 portrait; margin: 12mm; }";

const noop = () => () => {};
/** This page's own address, for the Copy link button; empty while rendering on the server. */
function usePageUrl(): string {
  return useSyncExternalStore(
    noop,
    () => window.location.href,
    () => "",
  );
}

export function ReportView({ roomId }: { roomId: string }) {
  const t = useTranslations("report");
  const STAT_LABELS = useStatLabels();
  const { roomIdProblem } = useProblems();
  const errorText = useErrorText();
  const locale = useLocale();
  const timeZone = useTimeZone();
  const idCheck = checkRoomId(roomId);
  // The URL is the state (a link shares the exact view). As on the room page, a choice shows at
  // once while Next catches useSearchParams up with replaceState.
  const searchParams = useSearchParams();
  const urlView = useMemo(() => parseReportSearchParams(searchParams), [searchParams]);
  const [pendingView, setPendingView] = useState<ReportViewState | null>(null);
  if (pendingView !== null && reportHref(roomId, pendingView) === reportHref(roomId, urlView)) setPendingView(null);
  const view = pendingView ?? urlView;
  const { rateWindow } = view;
  const updateView = useCallback(
    (patch: Partial<ReportViewState>) => {
      const next = { ...view, ...patch };
      setPendingView(next);
      window.history.replaceState(null, "", reportHref(roomId, next));
    },
    [view, roomId],
  );
  const onRateWindowChange = (next: RateWindow) => updateView({ rateWindow: next });
  const onRangeChange = useCallback((range: ReportViewState["range"], custom: ReportViewState["custom"]) => updateView({ range, custom }), [updateView]);
  const onZoom = useCallback((window: TimeWindow) => onRangeChange("custom", window), [onRangeChange]);
  // A preset's window moves with the clock, a minute at a time (the query key changes with it).
  const minute = usePausableNow(60_000, view.paused);
  const relative = view.range !== "all" && view.range !== "custom";
  // The previous view's figures stay on screen (under their own window's name) while the next loads.
  const query = useQuery({
    ...roomReportQueryOptions(roomId, { ...historyWindow(view.range, view.custom, minute), rateWindow }, { everyMs: view.refresh * 1000, paused: view.paused }),
    enabled: idCheck.ok && (!relative || minute > 0),
    placeholderData: keepPreviousData,
  });
  const onPausedChange = (paused: boolean) => {
    updateView({ paused });
    // Resuming shows current figures now rather than one interval later.
    if (!paused) void query.refetch();
  };
  const history = query.data;
  const pageUrl = usePageUrl();
  const shownWindow = history?.rateWindow ?? rateWindow;
  const minutes = RATE_WINDOW_MINUTES[shownWindow];
  const rateTitle = useRateTitle(shownWindow);
  const noFullWindow = useNoFullWindowText(shownWindow);
  const windowControl = <RateWindowControl value={rateWindow} onChange={onRateWindowChange} />;

  // The figures come computed from every sample; only the chart rows are laid out here.
  const derived = useMemo(() => {
    if (!history) return null;
    const { report } = history;
    // One array for all twelve charts, so their memoised drawing is not redone on every render.
    const domain: [number, number] | null = report ? [report.startedAt, report.endedAt] : null;
    return { report, domain, totals: totalsRows(toSamples(history), history.gaps), rates: toRatePoints(history) };
  }, [history]);

  const report = derived?.report ?? null;
  // The room's creation time makes the duration the stream's length; without it, what was recorded.
  const lookups = useCan("rooms.lookup");
  const info = useQuery(roomInfoQueryOptions(roomId, idCheck.ok && lookups));
  // Tencent forgets an ended room; the console kept its creation time when it last fetched its details.
  const kept = history?.createdAt ? Date.parse(history.createdAt) : null;
  const duration = report ? streamDuration(report, createdAtMs(info.data) ?? kept) : null;
  const maxPoints = { count: MAX_HISTORY_POINTS, n: formatNumber(MAX_HISTORY_POINTS, locale) };
  const status = history?.status;

  return (
    // Print is black on white whatever the screen's scheme (app/globals.css), on A4 pages that each
    // say what they are (PrintPages).
    <main className="mx-auto w-full max-w-7xl px-4 py-6 sm:px-6 sm:py-8 print:max-w-none print:p-0">
      <style>{PRINT_PAGE_CSS}</style>
      <PrintPages roomId={roomId} range={report} className="space-y-6 print:space-y-4">
        <PageHeader
          eyebrow={t("eyebrow")}
          mono
          title={t.rich("title", { roomId, sans: (chunks) => <span className="font-sans">{chunks}</span> })}
          actions={
            idCheck.ok ? (
              <div className="flex flex-wrap items-center gap-2 print:hidden">
                <CopyButton value={pageUrl} label={t("actions.copyLink")} />
                {report ? (
                  <>
                    <a href={roomHistoryCsvPath(roomId, historyWindow(view.range, view.custom, minute))} download className={buttonClasses("secondary", "sm")}>
                      {t("actions.downloadCsv")}
                    </a>
                    <Button size="sm" onClick={() => window.print()}>
                      {t("actions.print")}
                    </Button>
                  </>
                ) : null}
                <Link href={roomHref(roomId, { range: view.range, custom: view.custom, rateWindow: view.rateWindow })} className={buttonClasses("ghost", "sm")}>
                  {t("actions.roomPage")}
                </Link>
              </div>
            ) : null
          }
        >
          {/* Only while the stream is live: Tencent forgets an ended room (its start stays in the store). */}
          <RoomDetails roomId={roomId} enabled={idCheck.ok && lookups && status === "live"} />
          {report ? (
            <p className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm text-zinc-600 dark:text-zinc-400 print:text-zinc-700">
              {status === "ended" ? (
                <Badge tone="neutral">{t("status.ended")}</Badge>
              ) : status === "live" ? (
                <Badge tone="success">{t("status.live")}</Badge>
              ) : (
                <Badge tone="info">{t("status.notRecording")}</Badge>
              )}
              <span className="tabular-nums">
                <ReportRange startedAt={report.startedAt} endedAt={report.endedAt} />
              </span>
            </p>
          ) : null}
        </PageHeader>

        {idCheck.ok ? (
          <TimeControls
            view={view}
            firstSampleAt={history?.firstSampleAt ? Date.parse(history.firstSampleAt) : null}
            refreshing={query.isFetching}
            updatedAt={query.dataUpdatedAt}
            onRangeChange={onRangeChange}
            onRefreshChange={(refresh) => updateView({ refresh })}
            onPausedChange={onPausedChange}
            onRefresh={() => void query.refetch()}
          />
        ) : null}

        {!idCheck.ok ? (
          <p role="alert" className="text-sm text-red-700 dark:text-red-400">
            {roomIdProblem(idCheck)}
          </p>
        ) : query.isPending ? (
          <p className="text-sm text-zinc-500 dark:text-zinc-400" aria-busy="true">
            {t("loading")}
          </p>
        ) : query.isError && !history ? (
          <LoadFailed title={t("loadFailed")} reason={errorText(query.error)} retryLabel={t("tryAgain")} onRetry={() => void query.refetch()} retrying={query.isFetching} />
        ) : !report || !derived || !history ? (
          <NeverRecorded roomId={roomId} />
        ) : (
          <>
            <ReportSection title={t("stream.title")}>
              <dl className="grid grid-cols-2 gap-2 sm:grid-cols-4 print:grid-cols-4">
                {[
                  {
                    label: duration?.kind === "stream" ? t("stream.streamLength") : t("stream.duration"),
                    value: formatElapsed(duration!.ms, locale),
                    detail: status === "live" ? t("stream.durationSoFar") : undefined,
                  },
                  {
                    label: t("stream.samples"),
                    value: formatNumber(report.sampleCount, locale),
                    detail: history.cadenceSeconds ? t("stream.cadence", { interval: formatSeconds(history.cadenceSeconds, locale) }) : undefined,
                  },
                  {
                    label: t("stream.gaps"),
                    value: formatNumber(report.gaps.count, locale),
                    detail: report.gaps.count > 0 ? t("stream.gapsNotObserved", { duration: formatElapsed(report.gaps.totalMs, locale) }) : t("stream.none"),
                  },
                  {
                    label: t("stream.resets"),
                    value: formatNumber(report.resets.count, locale),
                    detail: report.resets.count > 0 ? t("stream.resetsSkipped") : t("stream.none"),
                  },
                ].map((item) => (
                  <div
                    key={item.label}
                    className="min-w-0 rounded-lg border border-zinc-200 bg-white px-3 py-2.5 dark:border-zinc-800 dark:bg-zinc-900 print:border-zinc-300 print:bg-white"
                  >
                    <dt className="text-xs font-medium text-zinc-500 dark:text-zinc-400 print:text-zinc-600">{item.label}</dt>
                    <dd className="mt-0.5 text-xl font-semibold tracking-tight tabular-nums">{item.value}</dd>
                    {item.detail ? <dd className="text-xs text-zinc-500 dark:text-zinc-400 print:text-zinc-600">{item.detail}</dd> : null}
                  </div>
                ))}
              </dl>
            </ReportSection>

            <FinalTotals report={report} />
            <Peaks report={report} rateWindow={shownWindow} actions={windowControl} />
            <Averages report={report} />
            <Ratios report={report} />

            <ReportSection
              title={t("totalsOverTime.title")}
              description={t("totalsOverTime.description", { count: GAP_CADENCES, n: formatNumber(GAP_CADENCES, locale) })}
            >
              <div className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-3 print:grid-cols-2 print:gap-2">
                {STAT_KEYS.map((key) => (
                  <HistoryChart
                    key={key}
                    title={STAT_LABELS[key].label}
                    rows={derived.totals}
                    dataKey={key}
                    domain={derived.domain!}
                    syncId="report-totals"
                    kind="total"
                    format={formatNumber}
                    summary={formatNumber(report.finalTotals[key], locale)}
                    printable
                    onZoom={onZoom}
                  />
                ))}
              </div>
            </ReportSection>

            <ReportSection title={t("perMinute.title", { minutes })} description={t("perMinute.description", { minutes })} actions={windowControl}>
              <div className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-3 print:grid-cols-2 print:gap-2">
                {STAT_KEYS.map((key) => {
                  const peak = report.peaks[key];
                  return (
                    <HistoryChart
                      key={key}
                      title={rateTitle(STAT_LABELS[key].rate)}
                      rows={derived.rates}
                      dataKey={key}
                      domain={derived.domain!}
                      syncId="report-rates"
                      kind="rate"
                      format={rateFormatter(minutes)}
                      emptyText={noFullWindow}
                      summary={peak ? t("perMinute.peak", { value: formatRate(peak.perMinute, locale, minutes) }) : undefined}
                      printable
                    onZoom={onZoom}
                    />
                  );
                })}
              </div>
            </ReportSection>

            <footer className="space-y-1 break-inside-avoid border-t border-zinc-200 pt-3 text-xs text-zinc-500 dark:border-zinc-800 dark:text-zinc-400 print:border-zinc-300 print:text-zinc-600">
              <p>
                {history.lastSampleAt
                  ? t("footer.sourceWithLastSample", { at: formatDateTime(Date.parse(history.lastSampleAt), locale, timeZone), ...maxPoints })
                  : t("footer.source", maxPoints)}
              </p>
              {pageUrl ? <p className="hidden break-all print:block">{pageUrl}</p> : null}
            </footer>
          </>
        )}
      </PrintPages>
    </main>
  );
}
