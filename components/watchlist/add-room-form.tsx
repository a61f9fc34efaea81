"use client";

import { useId, useState, type FormEvent } from "react";
import { formatNumber } from "@/lib/format";
import { checkRoomId, ROOM_ID_MAX_BYTES } from "@/lib/rooms/room-id";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { useWatchlistMutations } from "./use-watchlist";

/** Puts a room on the watchlist. RoomIds are checked as on the home page before anything is sent. */
export function AddRoomForm({ autoFocus = false }: { autoFocus?: boolean }) {
  const inputId = useId();
  const hintId = useId();
  const messageId = useId();
  const { add } = useWatchlistMutations();
  const [raw, setRaw] = useState("");
  const [submitted, setSubmitted] = useState(false);
  const [added, setAdded] = useState<string | null>(null);

  // Pasted IDs often carry a stray space or newline; those never belong to the ID.
  const roomId = raw.trim();
  const check = checkRoomId(roomId);
  const problem = check.ok || (check.problem === "empty" && !submitted) ? null : check.message;
  const overLimit = check.bytes > ROOM_ID_MAX_BYTES;
  const serverProblem = add.error ? `Could not add ${add.variables}: ${add.error.message}` : null;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSubmitted(true);
    setAdded(null);
    if (!check.ok) return;
    add.mutate(check.roomId, {
      onSuccess: (_, id) => {
        setAdded(id);
        setRaw("");
        setSubmitted(false);
      },
    });
  }

  const message = problem ?? serverProblem;
  return (
    <form aria-label="Add a room to the watchlist" onSubmit={onSubmit} noValidate className="space-y-2">
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
          autoComplete="off"
          autoCapitalize="off"
          autoCorrect="off"
          spellCheck={false}
          autoFocus={autoFocus}
          value={raw}
          onChange={(event) => setRaw(event.target.value)}
          aria-invalid={problem ? true : undefined}
          aria-describedby={message ? `${messageId} ${hintId}` : hintId}
          placeholder="e.g. live-0427"
          className={cn(
            "h-10 w-full min-w-0 rounded-md border bg-white px-3 font-mono text-base shadow-xs outline-none sm:text-sm",
            "placeholder:font-sans placeholder:text-zinc-400 focus:ring-2 dark:bg-zinc-900 dark:placeholder:text-zinc-500",
            problem
              ? "border-red-400 focus:border-red-500 focus:ring-red-500/30 dark:border-red-700"
              : "border-zinc-300 focus:border-sky-500 focus:ring-sky-500/30 dark:border-zinc-700",
          )}
        />
        <Button type="submit" variant="primary" disabled={add.isPending}>
          Add to watchlist
        </Button>
      </div>
      <p id={messageId} aria-live="polite" className="min-h-5 text-sm">
        {message ? (
          <span className="text-red-700 dark:text-red-400">{message}</span>
        ) : added ? (
          <span className="text-emerald-700 dark:text-emerald-400">
            Added <span className="font-mono">{added}</span>. Recording starts with its first sample.
          </span>
        ) : null}
      </p>
    </form>
  );
}
