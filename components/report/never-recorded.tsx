"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { buttonClasses, Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { useIsWatched, useWatchlistMutations } from "@/components/watchlist/use-watchlist";
import { useErrorText } from "@/lib/queries/error-text";

/**
 * A room with no stored samples: nothing can be reported after the fact, because Tencent only
 * gives totals at the moment of asking. Says so, and offers the one thing that helps next time.
 */
export function NeverRecorded({ roomId }: { roomId: string }) {
  const t = useTranslations("report.neverRecorded");
  const errorText = useErrorText();
  const watched = useIsWatched(roomId);
  const { add } = useWatchlistMutations();
  return (
    <Card as="section" aria-labelledby="never-recorded" className="max-w-2xl space-y-3 p-5 text-sm">
      <h2 id="never-recorded" className="text-base font-semibold">
        {t("title")}
      </h2>
      <p className="text-zinc-600 dark:text-zinc-400">
        {t.rich("nothingToReport", { roomId, mono: (chunks) => <span className="font-mono">{chunks}</span> })}
      </p>
      <p className="text-zinc-600 dark:text-zinc-400">
        {t("nextTime")}
      </p>
      {watched ? (
        <p role="status" className="font-medium text-emerald-700 dark:text-emerald-400">
          {t("watched")}
        </p>
      ) : (
        <div className="flex flex-wrap items-center gap-2 print:hidden">
          <Button variant="primary" disabled={add.isPending || watched === undefined} onClick={() => add.mutate(roomId)}>
            {t("add")}
          </Button>
          <Link href="/watchlist" className={buttonClasses("ghost")}>
            {t("openWatchlist")}
          </Link>
          {add.error ? (
            <p role="alert" className="w-full text-red-700 dark:text-red-400">
              {t("addFailed", { error: errorText(add.error) })}
            </p>
          ) : null}
        </div>
      )}
    </Card>
  );
}
