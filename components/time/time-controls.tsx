"use client";

import type { HistoryRangeKey, TimeWindow } from "@/lib/history/range";
import { REFRESH_OPTIONS_S, type RefreshSeconds, type RefreshState, type TimeRangeState } from "@/lib/views/time-state";
import { PausedNotice } from "./paused-notice";
import { RefreshPicker } from "./refresh-picker";
import { TimeRangePicker } from "./time-range-picker";

export interface TimeControlsProps {
  view: TimeRangeState & RefreshState;
  /** The ranges this page offers; every one by default. */
  ranges?: readonly HistoryRangeKey[];
  firstSampleAt?: number | null;
  refreshing: boolean;
  /** When the figures on screen were fetched (0 before any), for the paused notice. */
  updatedAt: number;
  onRangeChange: (range: HistoryRangeKey, custom: TimeWindow | null) => void;
  onRefreshChange: (refresh: RefreshSeconds) => void;
  onPausedChange: (paused: boolean) => void;
  onRefresh: () => void;
}

/**
 * The time range and refresh pickers of a page of recorded figures (report, watchlist, compare), and
 * the notice a paused one shows. The room page has its own arrangement: its refresh is the live
 * figures' interval, in its header.
 */
export function TimeControls({ view, ranges, firstSampleAt, refreshing, updatedAt, onRangeChange, onRefreshChange, onPausedChange, onRefresh }: TimeControlsProps) {
  return (
    <>
      <div className="flex flex-wrap items-center justify-between gap-3 print:hidden">
        <TimeRangePicker range={view.range} custom={view.custom} ranges={ranges} firstSampleAt={firstSampleAt} onChange={onRangeChange} />
        <RefreshPicker
          options={REFRESH_OPTIONS_S}
          interval={view.refresh}
          paused={view.paused}
          refreshing={refreshing}
          onIntervalChange={onRefreshChange}
          onPausedChange={onPausedChange}
          onRefresh={onRefresh}
        />
      </div>
      {view.paused ? <PausedNotice at={updatedAt || null} onResume={() => onPausedChange(false)} /> : null}
    </>
  );
}
