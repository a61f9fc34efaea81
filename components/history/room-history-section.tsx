"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useMemo } from "react";
import { HistoryChart } from "@/components/charts/history-chart";
import { useStatLabels } from "@/components/stats/stat-labels";
import { CardSection } from "@/components/ui/card";
import { SegmentedControl } from "@/components/ui/segmented-control";
import { formatNumber, formatRatio, formatSeconds, formatTimeZone, rateFormatter } from "@/lib/format";
import { RATE_WINDOW_MINUTES, type RateWindow } from "@/lib/contract/api";
import { HISTORY_RANGES, historyWindow, RANGE_SHORTCUT_KEYS, shiftWindow, windowOf, type HistoryRangeKey, type TimeWindow } from "@/lib/history/range";
import { findResets, toRatePoints, toSamples, totalsRows } from "@/lib/history/series";
import { useNow } from "@/lib/hooks/use-now";
import { useLocale, useTimeZone } from "@/lib/hooks/use-locale";
import { roomHistoryQueryOptions } from "@/lib/queries/room-history";
import { STAT_KEYS } from "@/lib/contract/stats";
import { coinsPerGift, giftsPerSender } from "@/lib/stats/derived";
import { HISTORY_CHARTS, type HistoryChartKind } from "@/lib/views/room-view-state";
import { useShortcuts } from "@/components/shortcuts/shortcuts-provider";
import { CustomRangeForm } from "./custom-range-form";
import { RateWindowControl, useNoFullWindowText, useRateTitle } from "./rate-window-control";

/** While a room is live the page asks for new samples about as often as the recorder takes them. */
const LIVE_REFRESH_MS = 10_000;
/** Until the first sample is stored: the room page's own lookup stores one within a second or two. */
const UNRECORDED_REFRESH_MS = 2_000;

export interface RoomHistorySectionProps {
  roomId: string;
  range: HistoryRangeKey;
  /** The window of range "custom", null otherwise. */
  custom: TimeWindow | null;
  chart: HistoryChartKind;
  /** The window the rates charts are over. */
  rateWindow: RateWindow;
  onRangeChange: (range: HistoryRangeKey, custom: TimeWindow | null) => void;
  onChartChange: (chart: HistoryChartKind) => void;
  onRateWindowChange: (rateWindow: RateWindow) => void;
}

/** The room's recorded history: what the recorder kept, whether or not this page was open. */
export function RoomHistorySection({ roomId, range, custom, chart, rateWindow, onRangeChange, onChartChange, onRateWindowChange }: RoomHistorySectionProps) {
  const t = useTranslations("room.history");
  const derived = useTranslations("room.derived");
  const charts = useTranslations("charts");
  const STAT_LABELS = useStatLabels();
  const locale = useLocale();
  const timeZone = useTimeZone();
  const rangeLabels = useMemo(() => Object.fromEntries(HISTORY_RANGES.map((key) => [key, t(`ranges.${key}`)])) as Record<HistoryRangeKey, string>, [t]);
  const chartLabels = useMemo(() => Object.fromEntries(HISTORY_CHARTS.map((key) => [key, t(`charts.${key}`)])) as Record<HistoryChartKind, string>, [t]);
  // The window slides a minute at a time, so the query key (and the request) changes once a minute.
  // useNow is 0 until the page is mounted (the server renders no clock): ask only once it ticks.
  const minute = useNow(60_000);
  const query = useQuery({
    ...roomHistoryQueryOptions(roomId, { ...historyWindow(range, custom, minute), points: 500, rateWindow }),
    enabled: minute > 0,
    placeholderData: keepPreviousData,
    // A custom window that has already closed cannot gain samples.
    // "unknown" too: a room just looked up has its first sample stored a moment after this page
    // asked, and would otherwise say "Not recorded yet" until a reload.
    refetchInterval: (q) =>
      q.state.data?.status === "unknown" ? UNRECORDED_REFRESH_MS : q.state.data?.status === "live" && (!custom || custom.to > Date.now()) ? LIVE_REFRESH_MS : false,
  });
  const history = query.data;
  const firstSampleAt = history?.firstSampleAt ? Date.parse(history.firstSampleAt) : null;

  // t then 1-5 picks a range; the arrows step the window on screen back or forward by its length.
  const shortcut = useTranslations("shortcuts.actions");
  const shift = (direction: -1 | 1) => {
    const next = shiftWindow(range, custom, direction, Date.now(), firstSampleAt);
    if (next) onRangeChange("custom", next);
  };
  useShortcuts([
    ...RANGE_SHORTCUT_KEYS.map((key, i) => ({ keys: `t ${i + 1}`, label: shortcut("range", { range: rangeLabels[key] }), run: () => onRangeChange(key, null) })),
    { keys: "arrowleft", label: shortcut("earlier"), run: () => shift(-1) },
    { keys: "arrowright", label: shortcut("later"), run: () => shift(1) },
  ]);

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
          <SegmentedControl
            label={t("rangeLabel")}
            value={range}
            options={HISTORY_RANGES}
            names={rangeLabels}
            // "Custom" starts from the window on screen, fixed at this minute, for the operator to adjust.
            onChange={(next) =>
              onRangeChange(next, next === "custom" ? windowOf(range, custom, Date.now(), firstSampleAt) : null)
            }
          />
          <SegmentedControl label={t("chartsLabel")} value={chart} options={HISTORY_CHARTS} names={chartLabels} onChange={onChartChange} />
          {chart === "rates" ? <RateWindowControl value={rateWindow} onChange={onRateWindowChange} /> : null}
        </div>
      }
      className="space-y-3"
    >
      {range === "custom" && custom && minute > 0 ? (
        // Keyed by the window, so a change from elsewhere (Back, a pasted link) refills the fields.
        <CustomRangeForm key={`${custom.from}-${custom.to}`} window={custom} onApply={(window) => onRangeChange("custom", window)} />
      ) : null}
      {view ? (
        <div className="grid grid-cols-1 gap-3 sm:grid-cols-2 xl:grid-cols-3">
          {chart === "ratios"
            ? (
                [
                  ["coinsPerGift", derived("coinsPerGift.label")],
                  ["giftsPerSender", derived("giftsPerSender.label")],
                ] as const
              ).map(([key, title]) => (
                <HistoryChart key={key} title={title} rows={view.ratios} dataKey={key} domain={view.domain} syncId={`${roomId}-history`} kind="ratio" format={formatRatio} markers={view.markers} unit={charts(`units.${key}`)} />
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
                />
              ))}
        </div>
      ) : null}
      {/* The time axes label times of day without their zone: it is said once, under the grid. */}
      {view ? <p className="text-right text-xs text-zinc-500 dark:text-zinc-400">{charts("timesIn", { zone: formatTimeZone(view.domain[1], locale, timeZone) })}</p> : null}
    </CardSection>
  );
}
