"use client";

import { useRouter } from "next/navigation";
import { useRef, type FormEvent } from "react";
import { useTranslations } from "next-intl";
import { roomHref } from "@/lib/views/room-view-state";
import { useShortcuts } from "@/components/shortcuts/shortcuts-provider";
import { Button } from "@/components/ui/button";
import { RoomIdField, useRoomIdInput } from "./room-id-field";

export function RoomSearchForm({ autoFocus = false, defaultValue = "" }: { autoFocus?: boolean; defaultValue?: string }) {
  const t = useTranslations("search");
  const router = useRouter();
  const { raw, setRaw, check, problem, setSubmitted } = useRoomIdInput(defaultValue);
  const shortcut = useTranslations("shortcuts.actions");
  const inputRef = useRef<HTMLInputElement>(null);
  // On a page with the search, "/" goes to its field (elsewhere it comes to this page).
  useShortcuts([{ keys: "/", label: shortcut("focusSearch"), run: () => inputRef.current?.focus() }]);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSubmitted(true);
    if (!check.ok) return;
    // The room page remembers the lookup once the room turns out to exist.
    router.push(roomHref(check.roomId));
  }

  return (
    <form role="search" aria-label={t("label")} onSubmit={onSubmit} noValidate className="space-y-2">
      <RoomIdField raw={raw} onChange={setRaw} check={check} problem={problem} autoFocus={autoFocus} inputRef={inputRef}>
        <Button type="submit" variant="primary" className="h-11 sm:w-auto">
          {t("submit")}
        </Button>
      </RoomIdField>
    </form>
  );
}
