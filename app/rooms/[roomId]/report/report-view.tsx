"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useMemo, useSyncExternalStore } from "react";
import { NeverRecorded } from "@/components/report/never-recorded";
import { HistoryChart } from "@/components/charts/history-chart";
import { Averages, FinalTotals, Peaks, Ratios, ReportSection } from "@/components/report/report-figures";
import { useStatLabels } from "@/components/stats/stat-labels";
import { Badge } from "@/components/ui/badge";
import { Button, buttonClasses } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { PageHeader } from "@/components/ui/page-header";
import { formatDateTime, formatElapsed, formatNumber, formatRate, formatSeconds } from "@/lib/format";
import { GAP_CADENCES } from "@/lib/history/report";
import { toRatePoints, toSamples, totalsRows } from "@/lib/history/series";
import { useLocale, useTimeZone } from "@/lib/hooks/use-locale";
import { roomHistoryCsvPath, roomReportQueryOptions } from "@/lib/queries/room-history";
import { MAX_HISTORY_POINTS } from "@/lib/contract/api";
import { checkRoomId } from "@/lib/contract/room-id";
import { useProblems } from "@/lib/i18n/use-problems";
import { STAT_KEYS } from "@/lib/contract/stats";
import { roomHref } from "@/lib/views/room-view-state";

// A4 portrait with room for the browser's header and footer lines.
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
  const STAT_LABELS = useStatLabels();
  const { roomIdProblem } = useProblems();
  const locale = useLocale();
  const timeZone = useTimeZone();
  const idCheck = checkRoomId(roomId);
  const query = useQuery({ ...roomReportQueryOptions(roomId), enabled: idCheck.ok });
  const history = query.data;
  const pageUrl = usePageUrl();

  // The figures come computed from every sample; only the chart rows are laid out here.
  const derived = useMemo(() => {
    if (!history) return null;
    const { report } = history;
    // One array for all twelve charts, so their memoised drawing is not redone on every render.
    const domain: [number, number] | null = report ? [report.startedAt, report.endedAt] : null;
    return { report, domain, totals: totalsRows(toSamples(history), history.gaps), rates: toRatePoints(history) };
  }, [history]);

  const report = derived?.report ?? null;
  const status = history?.status;

  return (
    // Print: black on white whatever the screen's scheme, with the chart colours to match.
    <main className="mx-auto w-full max-w-7xl space-y-6 px-4 py-6 sm:px-6 sm:py-8 print:max-w-none print:space-y-4 print:bg-white print:p-0 print:text-zinc-900 print:[--chart-axis:#52525b] print:[--chart-cursor:#a1a1aa] print:[--chart-grid:#e4e4e7] print:[--chart-line:#0369a1]">
      <style>{PRINT_PAGE_CSS}</style>
      <PageHeader
        eyebrow="Post-stream report"
        mono
        title={
          <>
            <span className="font-sans">Report: </span>
            {roomId}
          </>
        }
        actions={
          idCheck.ok ? (
            <div className="flex flex-wrap items-center gap-2 print:hidden">
              <CopyButton value={pageUrl} label="Copy link" />
              {report ? (
                <>
                  <a href={roomHistoryCsvPath(roomId)} download className={buttonClasses("secondary", "sm")}>
                    Download CSV
                  </a>
                  <Button size="sm" onClick={() => window.print()}>
                    Print
                  </Button>
                </>
              ) : null}
              <Link href={roomHref(roomId)} className={buttonClasses("ghost", "sm")}>
                Room page
              </Link>
            </div>
          ) : null
        }
      >
        {report ? (
          <p className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm text-zinc-600 dark:text-zinc-400 print:text-zinc-700">
            {status === "ended" ? (
              <Badge tone="neutral">Ended</Badge>
            ) : status === "live" ? (
              <Badge tone="success">Live: figures so far</Badge>
            ) : (
              <Badge tone="info">Not recording</Badge>
            )}
            <span className="tabular-nums">
              <time dateTime={new Date(report.startedAt).toISOString()}>{formatDateTime(report.startedAt, locale, timeZone)}</time>
              {" – "}
              <time dateTime={new Date(report.endedAt).toISOString()}>{formatDateTime(report.endedAt, locale, timeZone)}</time>
            </span>
          </p>
        ) : null}
      </PageHeader>

      {!idCheck.ok ? (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {roomIdProblem(idCheck)}
        </p>
      ) : query.isPending ? (
        <p className="text-sm text-zinc-500 dark:text-zinc-400" aria-busy="true">
          Loading the recording…
        </p>
      ) : query.isError && !history ? (
        <div role="alert" className="space-y-3 rounded-xl border border-red-300 bg-red-50 p-4 text-sm text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100">
          <p className="font-medium">Could not load the recording.</p>
          <p>{query.error.message}</p>
          <Button onClick={() => void query.refetch()} disabled={query.isFetching}>
            Try again
          </Button>
        </div>
      ) : !report || !derived || !history ? (
        <NeverRecorded roomId={roomId} />
      ) : (
        <>
          <ReportSection title="Stream">
            <dl className="grid grid-cols-2 gap-2 sm:grid-cols-4 print:grid-cols-4">
              {[
                { label: "Duration", value: formatElapsed(report.durationMs, locale), detail: status === "live" ? "so far" : undefined },
                {
                  label: "Samples",
                  value: formatNumber(report.sampleCount, locale),
                  detail: history.cadenceSeconds ? `about every ${formatSeconds(history.cadenceSeconds, locale)}` : undefined,
                },
                {
                  label: "Gaps in the recording",
                  value: formatNumber(report.gaps.count, locale),
                  detail: report.gaps.count > 0 ? `${formatElapsed(report.gaps.totalMs, locale)} not observed` : "none",
                },
                { label: "Counter resets", value: formatNumber(report.resets.count, locale), detail: report.resets.count > 0 ? "rates skip them" : "none" },
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
          <Peaks report={report} />
          <Averages report={report} />
          <Ratios report={report} />

          <ReportSection
            title="Totals over time"
            description={`Holes are gaps in the recording (more than ${formatNumber(GAP_CADENCES, locale)} samples missed).`}
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
                />
              ))}
            </div>
          </ReportSection>

          <ReportSection title="Per minute" description="Rates between samples. Holes are gaps or counter resets.">
            <div className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-3 print:grid-cols-2 print:gap-2">
              {STAT_KEYS.map((key) => {
                const peak = report.peaks[key];
                return (
                  <HistoryChart
                    key={key}
                    title={STAT_LABELS[key].rate}
                    rows={derived.rates}
                    dataKey={key}
                    domain={derived.domain!}
                    syncId="report-rates"
                    kind="rate"
                    format={formatRate}
                    summary={peak ? `peak ${formatRate(peak.perMinute, locale)}` : undefined}
                  />
                );
              })}
            </div>
          </ReportSection>

          <footer className="space-y-1 border-t border-zinc-200 pt-3 text-xs text-zinc-500 dark:border-zinc-800 dark:text-zinc-400 print:border-zinc-300 print:text-zinc-600">
            <p>
              From Roomscope&apos;s stored history
              {history.lastSampleAt ? <>, last sample {formatDateTime(Date.parse(history.lastSampleAt), locale, timeZone)}</> : null}. Charts show at
              most {formatNumber(MAX_HISTORY_POINTS, locale)} points per series (peaks kept); the CSV has every sample.
            </p>
            {pageUrl ? <p className="hidden break-all print:block">{pageUrl}</p> : null}
          </footer>
        </>
      )}
    </main>
  );
}
