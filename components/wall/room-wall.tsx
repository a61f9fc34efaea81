"use client";

import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import type { RoomStats, StatKey } from "@/lib/contract/stats";
import { formatAgo, formatElapsed, formatFitting, formatTime, formatTimeZone, NO_VALUE } from "@/lib/format";
import { useLocale, useTimeZone } from "@/lib/hooks/use-locale";
import { useNow } from "@/lib/hooks/use-now";
import { roomHistoryQueryOptions } from "@/lib/queries/room-history";
import { tileFreshness } from "@/lib/views/wall";
import { useStatLabels } from "@/components/stats/stat-labels";
import { cn } from "@/components/ui/cn";
import { WallFrame } from "./wall-frame";
import { WallSparkline } from "./wall-sparkline";
import { WALL_STATE_FIGURES, WALL_STATE_FRAME, WallStateChip, type WallState } from "./wall-state";

/** The room page's own status (app/rooms/[roomId]/room-view.tsx) as the wall shows it. */
export type RoomPageStatus = "recorded" | "stopped" | "stale" | "paused" | "noData" | "loading" | "live";

const PAGE_TO_WALL: Record<Exclude<RoomPageStatus, "recorded">, WallState> = {
  live: "live",
  stale: "stale",
  noData: "stale",
  paused: "paused",
  loading: "waiting",
  stopped: "notFound",
};

/** The five totals under the viewers, in their order. */
const SMALL_TOTALS = ["totalMsgCount", "totalLikesReceived", "totalGiftsSent", "totalGiftCoins", "totalUniqueGiftSenders"] as const satisfies readonly StatKey[];

const SPARKLINE_WINDOW_MS = 30 * 60_000;

export interface RoomWallProps {
  roomId: string;
  status: RoomPageStatus;
  /** The live figures; null for a role that sees recorded history only, or before the first answer. */
  stats: RoomStats | null;
  lastSuccessAt: number | null;
  /** The latest poll's failure in words, while it lasts. */
  errorText: string | null;
  onExit: () => void;
}

/**
 * One room on a TV: its viewers as large as the screen allows, the other five totals under them,
 * and messages per minute over the last half hour of the recording. A stream that ended says so whatever the
 * polling says (the recording knows; Tencent answers an ended room as not found).
 */
export function RoomWall({ roomId, status, stats, lastSuccessAt, errorText, onExit }: RoomWallProps) {
  const t = useTranslations("wall");
  const room = useTranslations("room");
  const labels = useStatLabels();
  const locale = useLocale();
  const timeZone = useTimeZone();
  const now = useNow();
  const minute = useNow(60_000);
  const history = useQuery({
    // Tencent says the room is gone while the recording still calls it live: the recorder marks its
    // end at its next attempt, so the wall asks again soon rather than at its usual pace.
    ...roomHistoryQueryOptions(roomId, { from: new Date(minute - SPARKLINE_WINDOW_MS).toISOString(), points: 120 }, { goneUpstream: status === "stopped" }),
    enabled: minute > 0,
  }).data;
  const recorded = history?.samples.at(-1) ?? null;
  const ended = history?.status === "ended";

  let state: WallState;
  if (ended) state = "ended";
  else if (status === "recorded") {
    // A role without live lookups: the recording is all it sees, judged as the watchlist's tiles are.
    const freshness = history ? tileFreshness({ status: history.status === "unknown" ? "unknown" : "live", lastSampleAt: history.lastSampleAt }, { now, cadenceMs: (history.cadenceSeconds ?? 10) * 1000, refreshFailedAt: null }) : { kind: "waiting" as const };
    state = freshness.kind === "live" ? "recorded" : freshness.kind;
  } else state = PAGE_TO_WALL[status];

  const figures: RoomStats | null = (!ended && stats) || recorded;
  const endedAt = history?.endedAt ? Date.parse(history.endedAt) : null;
  const lastAt = status === "recorded" || ended ? (history?.lastSampleAt ? Date.parse(history.lastSampleAt) : null) : lastSuccessAt;
  const reason =
    state === "ended"
      ? endedAt !== null && now > 0
        ? t("reason.endedAt", { ago: formatAgo(endedAt, now, locale) })
        : t("reason.ended")
      : state === "stale"
        ? [errorText, lastAt !== null && now > 0 ? t("reason.no_recent_sample", { elapsed: formatElapsed(now - lastAt, locale) }) : null].filter(Boolean).join(" · ")
        : state === "notFound"
          ? errorText
          : state === "waiting"
            ? t("loading")
            : null;

  return (
    <WallFrame
      label={room("metaTitle", { roomId })}
      title={<span className="font-mono text-4xl font-bold">{roomId}</span>}
      status={lastAt !== null ? <span>{t("updated", { time: formatTime(lastAt, locale, timeZone), zone: formatTimeZone(lastAt, locale, timeZone) })}</span> : null}
      onExit={onExit}
    >
      <section
        aria-label={roomId}
        data-state={state}
        className={cn("flex h-full flex-col gap-[2cqh] overflow-hidden rounded-3xl p-[3cqmin] [container-type:size]", WALL_STATE_FRAME[state])}
      >
        <div className="flex flex-wrap items-center gap-x-6 gap-y-2">
          <WallStateChip state={state} className="text-[min(3.5cqw,6cqh)]" />
          {reason ? <p className="text-[min(2.6cqw,4.5cqh)] font-semibold">{reason}</p> : null}
        </div>
        <div className={cn("flex min-h-0 flex-1 flex-col", WALL_STATE_FIGURES[state])}>
          <p className="text-[min(3cqw,5cqh)] text-zinc-700 dark:text-zinc-300">{labels.totalViewers.label}</p>
          <p data-figure="totalViewers" className="text-[min(16cqw,30cqh)] leading-none font-bold tracking-tight tabular-nums">
            {figures ? formatFitting(figures.totalViewers, locale, 9) : NO_VALUE}
          </p>
          <dl className="mt-[3cqh] grid grid-cols-5 gap-6">
            {SMALL_TOTALS.map((key) => (
              <div key={key} className="min-w-0">
                <dt className="truncate text-[min(2.2cqw,3.8cqh)] text-zinc-700 dark:text-zinc-300">{labels[key].label}</dt>
                <dd className="truncate text-[min(5cqw,9cqh)] leading-tight font-semibold tabular-nums">{figures ? formatFitting(figures[key], locale, 6) : NO_VALUE}</dd>
              </div>
            ))}
          </dl>
          <WallSparkline
            points={(history?.rates ?? []).map((r) => ({ t: Date.parse(r.t), v: r.totalMsgCount }))}
            label={t("sparkline")}
            className="mt-[3cqh] min-h-0 flex-1"
            captionClassName="text-[min(2.2cqw,3.8cqh)]"
          />
        </div>
      </section>
    </WallFrame>
  );
}
