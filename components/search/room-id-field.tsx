"use client";

import { useId, useState, type ReactNode, type Ref } from "react";
import { useTranslations } from "next-intl";
import { formatNumber } from "@/lib/format";
import { useLocale } from "@/lib/hooks/use-locale";
import { checkRoomId, ROOM_ID_MAX_BYTES, type RoomIdCheck } from "@/lib/contract/room-id";
import { useProblems } from "@/lib/i18n/use-problems";
import { cn } from "@/components/ui/cn";

/**
 * A typed RoomId as the forms see it: trimmed (pasted IDs often carry a stray space or newline,
 * which never belong to the ID), checked, and the problem worth showing: "Enter a RoomId" only once
 * someone tried to submit nothing.
 */
export function useRoomIdInput(initial = "") {
  const { roomIdProblem } = useProblems();
  const [raw, setRaw] = useState(initial);
  const [submitted, setSubmitted] = useState(false);
  const check = checkRoomId(raw.trim());
  const problem = check.ok || (check.problem === "empty" && !submitted) ? null : roomIdProblem(check);
  return { raw, setRaw, check, problem, setSubmitted };
}

export interface RoomIdFieldProps {
  raw: string;
  onChange: (raw: string) => void;
  check: RoomIdCheck;
  /** Why the ID is not acceptable, shown under the field and announced. */
  problem: string | null;
  /** Anything else to say under the field (a server's answer, a confirmation). */
  message?: ReactNode;
  autoFocus?: boolean;
  /** The text field itself, for focusing it from elsewhere (the "/" shortcut). */
  inputRef?: Ref<HTMLInputElement>;
  /** The submit button. */
  children: ReactNode;
}

/** The "Room ID" field with its live UTF-8 byte count, shared by every form that takes a RoomId. */
export function RoomIdField({ raw, onChange, check, problem, message, autoFocus = false, inputRef, children }: RoomIdFieldProps) {
  const t = useTranslations("search");
  const locale = useLocale();
  const inputId = useId();
  const hintId = useId();
  const messageId = useId();
  const overLimit = check.bytes > ROOM_ID_MAX_BYTES;
  const said = problem ?? message;
  return (
    <>
      <div className="flex items-baseline justify-between gap-4">
        <label htmlFor={inputId} className="text-sm font-medium">
          {t("roomId")}
        </label>
        <span
          id={hintId}
          className={cn("text-xs tabular-nums", overLimit ? "font-medium text-red-700 dark:text-red-400" : "text-zinc-500 dark:text-zinc-400")}
        >
          {t("byteCount", { bytes: formatNumber(check.bytes, locale), maxBytes: formatNumber(ROOM_ID_MAX_BYTES, locale) })}
        </span>
      </div>
      <div className="flex flex-col gap-2 sm:flex-row">
        <input
          ref={inputRef}
          id={inputId}
          name="roomId"
          type="text"
          autoComplete="off"
          autoCapitalize="off"
          autoCorrect="off"
          spellCheck={false}
          autoFocus={autoFocus}
          value={raw}
          onChange={(event) => onChange(event.target.value)}
          aria-invalid={problem ? true : undefined}
          aria-describedby={said ? `${messageId} ${hintId}` : hintId}
          placeholder={t("placeholder")}
          className={cn(
            "h-11 w-full min-w-0 rounded-md border bg-white px-3 font-mono text-base shadow-xs outline-none",
            "placeholder:font-sans placeholder:text-zinc-400 focus:ring-2 dark:bg-zinc-900 dark:placeholder:text-zinc-500",
            problem
              ? "border-red-400 focus:border-red-500 focus:ring-red-500/30 dark:border-red-700"
              : "border-zinc-300 focus:border-sky-500 focus:ring-sky-500/30 dark:border-zinc-700",
          )}
        />
        {children}
      </div>
      <p id={messageId} aria-live="polite" className="min-h-5 text-sm">
        {problem ? <span className="text-red-700 dark:text-red-400">{problem}</span> : message}
      </p>
    </>
  );
}
