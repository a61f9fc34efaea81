"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useSearchParams } from "next/navigation";
import { useTranslations } from "next-intl";
import { useCallback, useEffect, useMemo, useState, type ReactNode } from "react";
import { RoomHistorySection } from "@/components/history/room-history-section";
import { LiveSamplesSection } from "@/components/stats/live-samples-section";
import { DerivedFigures } from "@/components/stats/derived-figures";
import { RoomDetails } from "@/components/room/room-details";
import { RoomError } from "@/components/stats/room-error";
import { StatCard } from "@/components/stats/stat-card";
import { useStatLabels } from "@/components/stats/stat-labels";
import { Badge } from "@/components/ui/badge";
import { PageHeader } from "@/components/ui/page-header";
import { RoomAlertBanner } from "@/components/alerts/current-alerts";
import { RoomHistoryActions } from "@/components/watchlist/room-history-actions";
import { PausedNotice } from "@/components/time/paused-notice";
import { RefreshPicker, usePauseShortcut } from "@/components/time/refresh-picker";
import { CopyButton } from "@/components/ui/copy-button";
import { RoomWall } from "@/components/wall/room-wall";
import { useWallShortcuts, WallModeButton } from "@/components/wall/wall-mode";
import { useErrorText } from "@/lib/queries/error-text";
import { formatAgo, formatDateTime, formatSeconds, formatTime, formatTimeZone } from "@/lib/format";
import { useNow } from "@/lib/hooks/use-now";
import { useLocale, useTimeZone } from "@/lib/hooks/use-locale";
import { useCan } from "@/lib/hooks/use-session";
import { ApiRequestError } from "@/lib/queries/api-client";
import { healthQueryOptions } from "@/lib/queries/health";
import { useRoomStats } from "@/lib/queries/use-room-stats";
import { recentLookupsStore } from "@/lib/recent-lookups";
import { checkRoomId } from "@/lib/contract/room-id";
import { useProblems } from "@/lib/i18n/use-problems";
import { FRESHNESS_FLOOR_MS, INTERVAL_OPTIONS_S } from "@/lib/stats/polling";
import { STAT_KEYS, type Sample } from "@/lib/contract/stats";
import { appendSample, latestChange, toSample } from "@/lib/stats/derived";
import { parseRoomSearchParams, roomHref, roomSearchString, type RoomViewState } from "@/lib/views/room-view-state";

function sameView(a: RoomViewState, b: RoomViewState): boolean {
  return roomSearchString(a) === roomSearchString(b);
}

export function RoomView({ roomId }: { roomId: string }) {
  const t = useTranslations("room");
  const queryClient = useQueryClient();
  const errorText = useErrorText();
  const STAT_LABELS = useStatLabels();
  const { roomIdProblem } = useProblems();
  const locale = useLocale();
  const timeZone = useTimeZone();
  const searchParams = useSearchParams();
  // One object per URL, so what depends on the view (memoised charts, callbacks) changes with it only.
  const urlView = useMemo(() => parseRoomSearchParams(searchParams), [searchParams]);
  // The URL is the state, but Next applies a replaceState to useSearchParams in a transition, a
  // moment after the event. Until it catches up the control shows the operator's choice; a
  // controlled radio or select would otherwise flick back to the old value.
  const [pendingView, setPendingView] = useState<RoomViewState | null>(null);
  if (pendingView && sameView(pendingView, urlView)) setPendingView(null);
  const view = pendingView ?? urlView;
  const idCheck = checkRoomId(roomId);
  const intervalMs = view.interval * 1000;
  // Roles without ad-hoc lookups (viewer) see the recorded history of watched rooms only.
  const live = useCan("rooms.lookup");

  const { data: health } = useQuery(healthQueryOptions());
  const floorMs = Math.max(FRESHNESS_FLOOR_MS, health?.freshnessMs ?? 0);
  const { query, error, nextPollAt } = useRoomStats(roomId, {
    intervalMs,
    paused: view.paused,
    enabled: idCheck.ok && live,
    floorMs,
  });
  const data = query.data;

  // The chart's history: every distinct answer seen while this page is open. Updated while
  // rendering so the card deltas and the chart always describe the same figures.
  const [samples, setSamples] = useState<readonly Sample[]>([]);
  const latest = data ? toSample(data) : null;
  if (latest) {
    const next = appendSample(samples, latest);
    if (next !== samples) setSamples(next);
  }

  const hasData = data !== undefined;
  useEffect(() => {
    // Shared links count as lookups too, but only once the room turned out to exist.
    if (hasData) recentLookupsStore.add(roomId);
  }, [hasData, roomId]);

  // The URL is the state. replaceState (which Next's router observes) rather than router.replace:
  // the server has nothing new to render for a different interval, and the history should not
  // fill up with every change of a dropdown.
  const updateView = useCallback(
    (patch: Partial<RoomViewState>) => {
      const next = { ...view, ...patch };
      setPendingView(next);
      window.history.replaceState(null, "", roomHref(roomId, next));
    },
    [view, roomId],
  );
  const onMetricChange = useCallback((metric: RoomViewState["metric"]) => updateView({ metric }), [updateView]);
  const onRangeChange = useCallback((range: RoomViewState["range"], custom: RoomViewState["custom"]) => updateView({ range, custom }), [updateView]);
  // The live figures and the recorded history together: what the page shows, all of it now.
  const refreshAll = () => void queryClient.refetchQueries({ queryKey: ["room", roomId], type: "active" });
  const onPausedChange = (paused: boolean) => {
    updateView({ paused });
    // Resuming shows current figures now rather than one interval later.
    if (!paused) refreshAll();
  };

  const shownError = idCheck.ok ? error : new ApiRequestError(400, "invalid_room_id", roomIdProblem(idCheck));
  const terminal = shownError?.code === "room_not_found" || shownError?.code === "invalid_room_id";
  const stale = hasData && error !== null;
  const lastSuccessAt = hasData ? query.dataUpdatedAt : null;

  let status: { kind: "recorded" | "stopped" | "stale" | "paused" | "noData" | "loading" | "live"; tone: "success" | "warning" | "neutral" | "danger" };
  if (!live) status = { kind: "recorded", tone: "neutral" };
  else if (!idCheck.ok || (terminal && !hasData)) status = { kind: "stopped", tone: "neutral" };
  else if (stale) status = { kind: "stale", tone: "warning" };
  else if (view.paused) status = { kind: "paused", tone: "neutral" };
  else if (!hasData && shownError) status = { kind: "noData", tone: "danger" };
  else if (!hasData) status = { kind: "loading", tone: "neutral" };
  else status = { kind: "live", tone: "success" };

  // Nothing refreshes for a RoomId that is not one, or a room Tencent does not know and nobody recorded.
  const refreshable = idCheck.ok && !(terminal && !hasData);
  // The wall has no refresh picker; Space pauses it all the same.
  usePauseShortcut(view.paused, onPausedChange, view.kiosk && refreshable);
  const setKiosk = (kiosk: boolean) => updateView({ kiosk });
  useWallShortcuts(view.kiosk, setKiosk);

  if (view.kiosk) {
    return (
      <RoomWall
        roomId={roomId}
        status={status.kind}
        stats={live ? (data?.stats ?? null) : null}
        lastSuccessAt={lastSuccessAt}
        errorText={shownError ? errorText(shownError) : null}
        onExit={() => setKiosk(false)}
      />
    );
  }

  // Under the live figures, or on its own for a role that sees recorded history only.
  const history = (
    <RoomHistorySection
      roomId={roomId}
      range={view.range}
      custom={view.custom}
      chart={view.chart}
      rateWindow={view.rateWindow}
      paused={view.paused}
      refreshMs={intervalMs}
      goneUpstream={error?.code === "room_not_found"}
      onRangeChange={onRangeChange}
      onChartChange={(chart) => updateView({ chart })}
      onRateWindowChange={(rateWindow) => updateView({ rateWindow })}
    />
  );

  return (
    <main className="mx-auto w-full max-w-7xl space-y-5 px-4 py-6 sm:px-6 sm:py-8">
      <PageHeader
        eyebrow={t("eyebrow")}
        mono
        title={
          <>
            <span className="sr-only">{t("titlePrefix")} </span>
            {roomId}
          </>
        }
        actions={
          // Not squeezed by a long details line beside it: the controls keep their one row.
          <div className="flex flex-wrap items-center gap-2 lg:shrink-0">
            {refreshable ? (
              <RefreshPicker
                options={INTERVAL_OPTIONS_S}
                interval={view.interval}
                paused={view.paused}
                floorMs={floorMs}
                refreshing={query.isFetching}
                onIntervalChange={(interval) => updateView({ interval })}
                onPausedChange={onPausedChange}
                onRefresh={refreshAll}
              />
            ) : null}
            {idCheck.ok ? <WallModeButton onClick={() => setKiosk(true)} /> : null}
          </div>
        }
      >
        <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm text-zinc-600 dark:text-zinc-400">
          <span role="status" aria-live="polite">
            <Badge tone={status.tone}>
              {status.kind === "live" ? (
                <span aria-hidden="true" className="size-1.5 animate-pulse rounded-full bg-emerald-500" />
              ) : null}
              {t(`status.${status.kind}`)}
            </Badge>
          </span>
          {lastSuccessAt !== null ? (
            <UpdatedAt at={lastSuccessAt} stale={stale} />
          ) : null}
          {live && !terminal && idCheck.ok && !view.paused ? (
            // While failing, polling backs off (lib/stats/polling.ts): the box below says when next.
            <span className="text-zinc-500 dark:text-zinc-500">
              {t(shownError ? "everySlowed" : "every", { interval: formatSeconds(view.interval, locale) })}
            </span>
          ) : null}
        </div>
        {/* Optional: a room whose details cannot be fetched still shows its figures. */}
        <RoomDetails roomId={roomId} settings enabled={idCheck.ok && live} />
        {/* Nothing to watch or report on for a room Tencent does not know and that was never seen. */}
        {idCheck.ok && !(terminal && !hasData) ? <RoomHistoryActions roomId={roomId} /> : null}
      </PageHeader>
      {idCheck.ok ? <RoomAlertBanner roomId={roomId} /> : null}

      {refreshable && view.paused ? <PausedNotice at={lastSuccessAt} onResume={() => onPausedChange(false)} /> : null}

      {!live && idCheck.ok ? history : null}

      {(live || !idCheck.ok) && shownError ? (
        <RoomError
          error={shownError}
          roomId={roomId}
          lastSuccessAt={lastSuccessAt}
          nextPollAt={nextPollAt}
          failedAt={idCheck.ok && query.errorUpdatedAt > 0 ? query.errorUpdatedAt : null}
          onRetry={() => void query.refetch()}
          retrying={query.isFetching}
        />
      ) : null}

      {/* Without figures, empty cards under an error only push the explanation around. */}
      {!live || (shownError && !hasData) ? null : (
        <>
          <div className="grid grid-cols-2 gap-3 md:grid-cols-3 xl:grid-cols-6">
            {STAT_KEYS.map((key) => (
              <StatCard
                key={key}
                label={STAT_LABELS[key].label}
                description={STAT_LABELS[key].description}
                value={data ? data.stats[key] : null}
                delta={latestChange(samples, key)}
                stale={stale}
              />
            ))}
          </div>

          <DerivedFigures stats={data?.stats ?? null} stale={stale} />

          <LiveSamplesSection
            samples={samples}
            metric={view.metric}
            onMetricChange={onMetricChange}
            maxGapMs={Math.max(3 * intervalMs, 15_000)}
          />

          {history}

          {data ? (
            <footer className="flex flex-wrap items-center gap-x-3 gap-y-2 text-xs text-zinc-500 dark:text-zinc-400">
              <span>
                {t.rich("footer.answeredAt", {
                  at: formatDateTime(Date.parse(data.fetchedAt), locale, timeZone),
                  time: (chunks) => <time dateTime={data.fetchedAt}>{chunks}</time>,
                })}
              </span>
              <span className="flex min-w-0 items-center gap-2">
                {t("footer.requestId")} <code className="font-mono break-all select-all">{data.requestId}</code>
                <CopyButton value={data.requestId} label={t("footer.copyRequestId")} />
              </span>
            </footer>
          ) : null}
        </>
      )}
    </main>
  );
}

/**
 * "Updated 5 s ago". The only part of the header that moves with the clock: it ticks on its own so
 * the page around it (and its charts) re-renders only when there is something new to show.
 */
function UpdatedAt({ at, stale }: { at: number; stale: boolean }) {
  const t = useTranslations("room");
  const locale = useLocale();
  const timeZone = useTimeZone();
  const now = useNow();
  // A time of day says its zone; "5 seconds ago" needs none.
  const clock = t("timeWithZone", { time: formatTime(at, locale, timeZone), zone: formatTimeZone(at, locale, timeZone) });
  const time = (chunks: ReactNode) => (
    <time dateTime={new Date(at).toISOString()} title={formatDateTime(at, locale, timeZone)}>
      {chunks}
    </time>
  );
  return (
    <span className="tabular-nums">
      {!stale
        ? t.rich("updated", { when: now === 0 ? clock : formatAgo(at, now, locale), time })
        : now > 0
          ? t.rich("lastUpdatedAgo", { when: clock, ago: formatAgo(at, now, locale), time })
          : t.rich("lastUpdated", { when: clock, time })}
    </span>
  );
}
