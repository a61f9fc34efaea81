"use client";

import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { formatTime, formatTimeZone } from "@/lib/format";
import { useLocale, useTimeZone } from "@/lib/hooks/use-locale";

/**
 * Says a page is paused, and since when its figures date, with the way back: a paused page looks
 * like a live one otherwise, and a wall or a second screen left paused would mislead for hours.
 * `at` is when the data on screen was fetched (null before any arrived).
 */
export function PausedNotice({ at, onResume }: { at: number | null; onResume: () => void }) {
  const t = useTranslations("time.paused");
  const locale = useLocale();
  const timeZone = useTimeZone();
  const time = at ? `${formatTime(at, locale, timeZone)} ${formatTimeZone(at, locale, timeZone)}` : "—";
  return (
    <div
      role="status"
      data-paused
      className="flex flex-wrap items-center justify-between gap-2 rounded-lg border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100 print:hidden"
    >
      <span className="flex items-center gap-2">
        <svg aria-hidden="true" viewBox="0 0 16 16" className="size-3.5 shrink-0 fill-current">
          <path d="M4 2h2.5v12H4zM9.5 2H12v12H9.5z" />
        </svg>
        {t("text", { time })}
      </span>
      <Button size="sm" variant="secondary" onClick={onResume}>
        {t("resume")}
      </Button>
    </div>
  );
}
