"use client";

import { useTranslations } from "next-intl";
import { useId, useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { checkWindow, toLocalInputValue, type TimeWindow } from "@/lib/history/range";
import { useProblems } from "@/lib/i18n/use-problems";

const inputClasses = "h-8 rounded-md border bg-white px-2 text-sm tabular-nums shadow-xs outline-none focus:ring-2 dark:bg-zinc-900 dark:scheme-dark";

/**
 * From and to of a custom history range, in the browser's time zone (named beside the fields, since
 * ops and the people they talk to are not always in one). Client-only: local times differ between
 * the server's render and the browser.
 */
export function CustomRangeForm({ window, onApply }: { window: TimeWindow; onApply: (window: TimeWindow) => void }) {
  const t = useTranslations("time.custom");
  const { windowProblem } = useProblems();
  const fromId = useId();
  const toId = useId();
  const errorId = useId();
  const [from, setFrom] = useState(() => toLocalInputValue(window.from));
  const [to, setTo] = useState(() => toLocalInputValue(window.to));
  const [error, setError] = useState<{ message: string; fields: readonly ("from" | "to")[] } | null>(null);
  const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;

  function submit(event: FormEvent) {
    event.preventDefault();
    const check = checkWindow(from, to);
    setError(check.ok ? null : { message: windowProblem(check.problem), fields: check.fields });
    if (check.ok) onApply(check.window);
  }

  // Only the field at fault is marked, and points at the message.
  const invalid = (field: "from" | "to") => (error?.fields.includes(field) ? true : undefined);
  const state = (field: "from" | "to") =>
    invalid(field) ? "border-red-400 focus:ring-red-500/30 dark:border-red-700" : "border-zinc-300 focus:ring-sky-500/30 dark:border-zinc-700";
  return (
    <form onSubmit={submit} noValidate className="flex flex-wrap items-end gap-x-3 gap-y-2" aria-label={t("label")}>
      <div className="flex flex-col gap-1">
        <label htmlFor={fromId} className="text-xs font-medium text-zinc-600 dark:text-zinc-400">
          {t("from")}
        </label>
        <input
          id={fromId}
          type="datetime-local"
          value={from}
          onChange={(e) => setFrom(e.target.value)}
          aria-invalid={invalid("from")}
          aria-describedby={invalid("from") && errorId}
          className={cn(inputClasses, state("from"))}
        />
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor={toId} className="text-xs font-medium text-zinc-600 dark:text-zinc-400">
          {t("to")}
        </label>
        <input
          id={toId}
          type="datetime-local"
          value={to}
          onChange={(e) => setTo(e.target.value)}
          aria-invalid={invalid("to")}
          aria-describedby={invalid("to") && errorId}
          className={cn(inputClasses, state("to"))}
        />
      </div>
      <Button type="submit" size="sm">
        {t("apply")}
      </Button>
      <span className="pb-1.5 text-xs text-zinc-500 dark:text-zinc-400">{t("timesIn", { timeZone })}</span>
      <p id={errorId} aria-live="polite" className="w-full text-sm text-red-700 empty:hidden dark:text-red-400">
        {error?.message}
      </p>
    </form>
  );
}
