"use client";

import Link from "next/link";
import { buttonClasses, Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { useIsWatched, useWatchlistMutations } from "@/components/watchlist/use-watchlist";

/**
 * A room with no stored samples: nothing can be reported after the fact, because Tencent only
 * gives totals at the moment of asking. Says so, and offers the one thing that helps next time.
 */
export function NeverRecorded({ roomId }: { roomId: string }) {
  const watched = useIsWatched(roomId);
  const { add } = useWatchlistMutations();
  return (
    <Card as="section" aria-labelledby="never-recorded" className="max-w-2xl space-y-3 p-5 text-sm">
      <h2 id="never-recorded" className="text-base font-semibold">
        No recording of this room
      </h2>
      <p className="text-zinc-600 dark:text-zinc-400">
        Roomscope has no stored samples for <span className="font-mono">{roomId}</span>, so there is nothing to report. Tencent
        only tells how a room stands at the moment it is asked, so a stream that was not recorded while it ran cannot be
        reconstructed afterwards.
      </p>
      <p className="text-zinc-600 dark:text-zinc-400">
        To get a report next time, put the room on the watchlist before the stream starts: rooms on it are recorded
        continuously, and the report is here as soon as the stream ends.
      </p>
      {watched ? (
        <p role="status" className="font-medium text-emerald-700 dark:text-emerald-400">
          It is on the watchlist now; recording starts with its first sample.
        </p>
      ) : (
        <div className="flex flex-wrap items-center gap-2">
          <Button variant="primary" disabled={add.isPending || watched === undefined} onClick={() => add.mutate(roomId)}>
            Add to watchlist
          </Button>
          <Link href="/watchlist" className={buttonClasses("ghost")}>
            Open the watchlist
          </Link>
          {add.error ? (
            <p role="alert" className="w-full text-red-700 dark:text-red-400">
              Could not add it: {add.error.message}
            </p>
          ) : null}
        </div>
      )}
    </Card>
  );
}
