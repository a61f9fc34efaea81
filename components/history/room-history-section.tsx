"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useCallback, useMemo } from "react";
import { HistoryChart } from "@/components/charts/history-chart";
import { useStatLabels } from "@/components/stats/stat-labels";
import { CardSection } from "@/components/ui/card";
import { SegmentedControl } from "@/components/ui/segmented-control";
import { formatNumber, formatRatio, formatSeconds, formatTimeZone, rateFormatter } from "@/lib/format";
import { RATE_WINDOW_MINUTES, type RateWindow } from "@/lib/contract/api";
import { historyWindow, type HistoryRangeKey, type TimeWindow } from "@/lib/history/range";
import { findResets, toRatePoints, toSamples, totalsRows } from "@/lib/history/series";
import { usePausableNow } from "@/lib/hooks/use-now";
import { useLocale, useTimeZone } from "@/lib/hooks/use-locale";
import { roomHistoryQueryOptions } from "@/lib/queries/room-history";
import { STAT_KEYS } from "@/lib/contract/stats";
import { coinsPerGift, giftsPerSender } from "@/lib/stats/derived";
import { HISTORY_CHARTS, type HistoryChartKind } from "@/lib/views/room-view-state";
import { TimeRangePicker } from "@/components/time/time-range-picker";
import { RateWindowControl, useNoFullWindowText, useRateTitle } from "./rate-window-control";

/** While a room is live the page asks for new samples no more often than the recorder takes them. */
const RECORDER_CADENCE_MS = 10_000;

export interface RoomHistorySectionProps {
  roomId: string;
  range: HistoryRangeKey;
  /** The window of range "custom", null otherwise. */
  custom: TimeWindow | null;
  chart: HistoryChartKind;
  /** The window the rates charts are over. */
  rateWindow: RateWindow;
  /** The page is paused: the recording is not read again either. */
  paused: boolean;
  /** The page's refresh interval. */
  refreshMs: number;
  /** Tencent no longer knows the room while its recording may still call it live. */
  goneUpstream?: boolean;
  onRangeChange: (range: HistoryRangeKey, custom: TimeWindow | null) => void;
  onChartChange: (chart: HistoryChartKind) => void;
  onRateWindowChange: (rateWindow: RateWindow) => void;
}

/** The room's recorded history: what the recorder kept, whether or not this page was open. */
export function RoomHistorySection({ roomId, range, custom, chart, rateWindow, paused, refreshMs, goneUpstream = false, onRangeChange, onChartChange, onRateWindowChange }: RoomHistorySectionProps) {
  const t = useTranslations("room.history");
  const derived = useTranslations("room.derived");
  const charts = useTranslations("charts");
  const time = useTranslations("time.range");
  const STAT_LABELS = useStatLabels();
  const locale = useLocale();
  const timeZone = useTimeZone();
  const chartLabels = useMemo(() => Object.fromEntries(HISTORY_CHARTS.map((key) => [key, t(`charts.${key}`)])) as Record<HistoryChartKind, string>, [t]);
  // The window slides a minute at a time, so the query key (and the request) changes once a minute.
  // useNow is 0 until the page is mounted (the server renders no clock): ask only once it ticks.
  const minute = usePausableNow(60_000, paused);
  const query = useQuery({
    ...roomHistoryQueryOptions(roomId, { ...historyWindow(range, custom, minute), points: 500, rateWindow }, { everyMs: Math.max(refreshMs, RECORDER_CADENCE_MS), paused, goneUpstream }),
    enabled: minute > 0,
    placeholderData: keepPreviousData,
  });
  const history = query.data;
  const firstSampleAt = history?.firstSampleAt ? Date.parse(history.firstSampleAt) : null;
  const onZoom = useCallback((window: TimeWindow) => onRangeChange("custom", window), [onRangeChange]);

  // Titles and rounding follow the window the rates on screen were computed over: while another
  // window loads, the previous answer stays on screen under its own name.
  const shownWindow = history?.rateWindow ?? rateWindow;
  const rateTitle = useRateTitle(shownWindow);
  const noFullWindow = useNoFullWindowText(shownWindow);
  const formatRate = rateFormatter(RATE_WINDOW_MINUTES[shownWindow]);

  const view = useMemo(() => {
    if (!history || history.samples.length === 0) return null;
    const samples = toSamples(history);
    const rates = toRatePoints(history);
    const totals = totalsRows(samples, history.gaps);
    const ratios = totals.map((row) => {
      const stats = STAT_KEYS.every((k) => row[k] !== null) ? (row as unknown as Parameters<typeof coinsPerGift>[0]) : null;
      return { t: row.t, coinsPerGift: stats && coinsPerGift(stats), giftsPerSender: stats && giftsPerSender(stats) };
    });
    const first = samples[0]!.t;
    const last = samples.at(-1)!.t;
    // The end of the stream, when the range reaches it (a custom window may close before).
    const ended = history.endedAt ? Date.parse(history.endedAt) : null;
    const endedAt = ended !== null && (!custom || ended <= custom.to) ? ended : null;
    // From the first sample in the range: a recording that began ten minutes ago fills the chart.
    const domain: [number, number] = [first, endedAt ?? last];
    const recordingStart = history.firstSampleAt ? Date.parse(history.firstSampleAt) : null;
    const markers = [
      ...(recordingStart !== null && recordingStart >= first ? [{ t: recordingStart, label: t("markers.start") }] : []),
      ...(endedAt ? [{ t: endedAt, label: t("markers.end") }] : []),
      ...[...new Set(findResets(samples).map((r) => r.t))].map((at) => ({ t: at, label: t("markers.reset") })),
    ];
    return { totals, rates, ratios, domain, markers };
  }, [history, custom, t]);

  return (
    <CardSection
      title={t("title")}
      description={
        !history
          ? t("loading")
          : history.status === "unknown"
            ? t("notRecorded")
            : t("summary", {
                count: history.sampleCount,
                countText: formatNumber(history.sampleCount, locale),
                hasCadence: history.cadenceSeconds ? "yes" : "no",
                cadence: history.cadenceSeconds ? formatSeconds(history.cadenceSeconds, locale) : "",
                ended: history.status === "ended" ? "yes" : "no",
              })
      }
      actions={
        <div className="flex flex-wrap gap-2">
          <SegmentedControl label={t("chartsLabel")} value={chart} options={HISTORY_CHARTS} names={chartLabels} onChange={onChartChange} />
          {chart === "rates" ? <RateWindowControl value={rateWindow} onChange={onRateWindowChange} /> : null}
        </div>
      }
      className="space-y-3"
    >
      <TimeRangePicker range={range} custom={custom} firstSampleAt={firstSampleAt} onChange={onRangeChange} />
      {view ? (
        <div className="grid grid-cols-1 gap-3 sm:grid-cols-2 xl:grid-cols-3">
          {chart === "ratios"
            ? (
                [
                  ["coinsPerGift", derived("coinsPerGift.label")],
                  ["giftsPerSender", derived("giftsPerSender.label")],
                ] as const
              ).map(([key, title]) => (
                <HistoryChart key={key} title={title} rows={view.ratios} dataKey={key} domain={view.domain} syncId={`${roomId}-history`} kind="ratio" format={formatRatio} markers={view.markers} unit={charts(`units.${key}`)} onZoom={onZoom} />
              ))
            : STAT_KEYS.map((key) => (
                <HistoryChart
                  key={key}
                  title={chart === "rates" ? rateTitle(STAT_LABELS[key].rate) : STAT_LABELS[key].label}
                  rows={chart === "rates" ? view.rates : view.totals}
                  dataKey={key}
                  domain={view.domain}
                  syncId={`${roomId}-history`}
                  kind={chart === "rates" ? "rate" : "total"}
                  format={chart === "rates" ? formatRate : formatNumber}
                  markers={view.markers}
                  emptyText={chart === "rates" ? noFullWindow : undefined}
                  unit={charts(chart === "rates" ? "units.rate" : "units.total")}
                  onZoom={onZoom}
                />
              ))}
        </div>
      ) : null}
      {/* The time axes label times of day without their zone: it is said once, under the grid. */}
      {view ? (
        <p className="flex flex-wrap justify-between gap-x-3 text-xs text-zinc-500 dark:text-zinc-400">
          <span>{time("dragHint")}</span>
          <span>{charts("timesIn", { zone: formatTimeZone(view.domain[1], locale, timeZone) })}</span>
        </p>
      ) : null}
    </CardSection>
  );
}
