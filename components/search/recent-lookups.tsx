"use client";

import Link from "next/link";
import { useId } from "react";
import { useTranslations } from "next-intl";
import { roomHref } from "@/lib/views/room-view-state";
import { recentLookupsStore } from "@/lib/recent-lookups";
import { Button } from "@/components/ui/button";
import { useRecentLookups } from "./use-recent-lookups";

export function RecentLookups() {
  const t = useTranslations("search.recent");
  const recent = useRecentLookups();
  const headingId = useId();

  return (
    <section aria-labelledby={headingId} className="space-y-3">
      <div className="flex items-center justify-between gap-4">
        <h2 id={headingId} className="text-sm font-semibold text-zinc-700 dark:text-zinc-300">
          {t("title")}
        </h2>
        {recent.length > 0 ? (
          <Button variant="ghost" size="sm" onClick={() => recentLookupsStore.clear()} aria-label={t("clearAllLabel")}>
            {t("clearAll")}
          </Button>
        ) : null}
      </div>
      {recent.length === 0 ? (
        <p className="text-sm text-zinc-500 dark:text-zinc-400">{t("empty")}</p>
      ) : (
        <ul className="divide-y divide-zinc-200 overflow-hidden rounded-lg border border-zinc-200 bg-white dark:divide-zinc-800 dark:border-zinc-800 dark:bg-zinc-900">
          {recent.map((roomId) => (
            <li key={roomId} className="flex items-center gap-2 pr-2">
              <Link
                href={roomHref(roomId)}
                className="min-w-0 flex-1 truncate px-4 py-2.5 font-mono text-sm text-sky-700 hover:bg-zinc-50 hover:underline focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-sky-500 dark:text-sky-400 dark:hover:bg-zinc-800/60"
              >
                {roomId}
              </Link>
              <Button
                variant="ghost"
                size="sm"
                aria-label={t("removeLabel", { roomId })}
                title={t("removeTitle")}
                onClick={() => recentLookupsStore.remove(roomId)}
              >
                <svg aria-hidden="true" viewBox="0 0 16 16" className="size-3.5 fill-current">
                  <path d="M3.72 3.72a.75.75 0 0 1 1.06 0L8 6.94l3.22-3.22a.75.75 0 1 1 1.06 1.06L9.06 8l3.22 3.22a.75.75 0 1 1-1.06 1.06L8 9.06l-3.22 3.22a.75.75 0 0 1-1.06-1.06L6.94 8 3.72 4.78a.75.75 0 0 1 0-1.06Z" />
                </svg>
              </Button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
