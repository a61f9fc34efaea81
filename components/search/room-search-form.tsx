"use client";

import { useRouter } from "next/navigation";
import { useId, useState, type FormEvent } from "react";
import { roomHref } from "@/app/rooms/[roomId]/search-params";
import { formatNumber } from "@/lib/format";
import { checkRoomId, ROOM_ID_MAX_BYTES } from "@/lib/rooms/room-id";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";

export function RoomSearchForm({ autoFocus = false, defaultValue = "" }: { autoFocus?: boolean; defaultValue?: string }) {
  const router = useRouter();
  const inputId = useId();
  const hintId = useId();
  const errorId = useId();
  const [raw, setRaw] = useState(defaultValue);
  const [submitted, setSubmitted] = useState(false);

  // Pasted IDs often carry a stray space or newline; those never belong to the ID.
  const roomId = raw.trim();
  const check = checkRoomId(roomId);
  // "Enter a RoomId" is only worth saying once someone tried to submit nothing.
  const problem = check.ok || (check.problem === "empty" && !submitted) ? null : check.message;
  const overLimit = check.bytes > ROOM_ID_MAX_BYTES;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSubmitted(true);
    if (!check.ok) return;
    // The room page remembers the lookup once the room turns out to exist.
    router.push(roomHref(check.roomId));
  }

  return (
    <form role="search" aria-label="Look up a room" onSubmit={onSubmit} noValidate className="space-y-2">
      <div className="flex items-baseline justify-between gap-4">
        <label htmlFor={inputId} className="text-sm font-medium">
          Room ID
        </label>
        <span
          id={hintId}
          className={cn(
            "text-xs tabular-nums",
            overLimit ? "font-medium text-red-700 dark:text-red-400" : "text-zinc-500 dark:text-zinc-400",
          )}
        >
          {formatNumber(check.bytes)} / {formatNumber(ROOM_ID_MAX_BYTES)} bytes
        </span>
      </div>
      <div className="flex flex-col gap-2 sm:flex-row">
        <input
          id={inputId}
          name="roomId"
          type="text"
          inputMode="text"
          autoComplete="off"
          autoCapitalize="off"
          autoCorrect="off"
          spellCheck={false}
          autoFocus={autoFocus}
          value={raw}
          onChange={(event) => setRaw(event.target.value)}
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? `${errorId} ${hintId}` : hintId}
          placeholder="e.g. live-0427"
          className={cn(
            "h-11 w-full min-w-0 rounded-md border bg-white px-3 font-mono text-base shadow-xs outline-none",
            "placeholder:font-sans placeholder:text-zinc-400 focus:ring-2 dark:bg-zinc-900 dark:placeholder:text-zinc-500",
            problem
              ? "border-red-400 focus:border-red-500 focus:ring-red-500/30 dark:border-red-700"
              : "border-zinc-300 focus:border-sky-500 focus:ring-sky-500/30 dark:border-zinc-700",
          )}
        />
        <Button type="submit" variant="primary" className="h-11 sm:w-auto">
          Look up
        </Button>
      </div>
      <p id={errorId} aria-live="polite" className="min-h-5 text-sm text-red-700 dark:text-red-400">
        {problem}
      </p>
      {raw !== roomId && roomId ? (
        <p className="text-xs text-zinc-500 dark:text-zinc-400">Spaces around the ID will be left out.</p>
      ) : null}
    </form>
  );
}
