"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { buttonClasses } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { useCan } from "@/lib/hooks/use-session";
import { useErrorText } from "@/lib/queries/error-text";
import { reportHref } from "@/lib/views/room-view-state";
import { useIsWatched, useWatchlistMutations } from "./use-watchlist";

/**
 * The room page's link to the recorded history: put the room on the watchlist ("Watch") so it is
 * recorded continuously, and open its report. The toggle's pressed state is the watchlist's.
 */
export function RoomHistoryActions({ roomId }: { roomId: string }) {
  const t = useTranslations("watchlist.roomActions");
  const errorText = useErrorText();
  const watched = useIsWatched(roomId);
  const canChange = useCan("watchlist.write");
  const { add, remove } = useWatchlistMutations();
  const busy = add.isPending || remove.isPending || watched === undefined;
  const failed = add.error ?? remove.error;

  return (
    <div className="flex flex-wrap items-center gap-2">
      {canChange ? (
      <button
        type="button"
        aria-pressed={watched ?? false}
        disabled={busy}
        title={watched ? t("watchingTitle") : t("watchTitle")}
        onClick={() => (watched ? remove.mutate(roomId) : add.mutate(roomId))}
        className={cn(buttonClasses(watched ? "primary" : "secondary", "sm"), "disabled:opacity-60")}
      >
        <svg aria-hidden="true" viewBox="0 0 16 16" className="size-3.5 fill-current">
          {watched ? (
            <path d="M8 1.5 9.9 5.4l4.3.6-3.1 3 .7 4.3L8 11.3l-3.8 2 .7-4.3-3.1-3 4.3-.6L8 1.5Z" />
          ) : (
            <path d="M8 1.5 9.9 5.4l4.3.6-3.1 3 .7 4.3L8 11.3l-3.8 2 .7-4.3-3.1-3 4.3-.6L8 1.5Zm0 2.3L6.8 6.3l-2.7.4 2 1.9-.5 2.7L8 10l2.4 1.3-.5-2.7 2-1.9-2.7-.4L8 3.8Z" />
          )}
        </svg>
        {watched ? t("watching") : t("watch")}
      </button>
      ) : watched ? (
        <span className="text-xs text-zinc-600 dark:text-zinc-400">{t("onWatchlist")}</span>
      ) : null}
      <Link href={reportHref(roomId)} className={buttonClasses("secondary", "sm")}>
        {t("report")}
      </Link>
      <span role="status" className="text-xs text-red-700 empty:hidden dark:text-red-400">
        {failed ? t("updateFailed", { error: errorText(failed) }) : ""}
      </span>
    </div>
  );
}
