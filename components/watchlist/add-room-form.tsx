"use client";

import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { RoomIdField, useRoomIdInput } from "@/components/search/room-id-field";
import { Button } from "@/components/ui/button";
import { useErrorText } from "@/lib/queries/error-text";
import { useWatchlistMutations } from "./use-watchlist";

/** Puts a room on the watchlist. RoomIds are checked as on the home page before anything is sent. */
export function AddRoomForm({ autoFocus = false }: { autoFocus?: boolean }) {
  const t = useTranslations("watchlist.add");
  const errorText = useErrorText();
  const { add } = useWatchlistMutations();
  const { raw, setRaw, check, problem, setSubmitted } = useRoomIdInput();
  const [added, setAdded] = useState<string | null>(null);

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

  const message = add.error ? (
    <span className="text-red-700 dark:text-red-400">{t("failed", { roomId: add.variables ?? "", error: errorText(add.error) })}</span>
  ) : added ? (
    <span className="text-emerald-700 dark:text-emerald-400">
      {t.rich("added", { roomId: added, mono: (chunks) => <span className="font-mono">{chunks}</span> })}
    </span>
  ) : null;

  return (
    <form aria-label={t("formLabel")} onSubmit={onSubmit} noValidate className="space-y-2">
      <RoomIdField raw={raw} onChange={setRaw} check={check} problem={problem} message={message} autoFocus={autoFocus}>
        <Button type="submit" variant="primary" disabled={add.isPending} className="h-11 sm:w-auto">
          {t("submit")}
        </Button>
      </RoomIdField>
    </form>
  );
}
