"use client";

import { useTranslations } from "next-intl";
import { useShortcuts } from "@/components/shortcuts/shortcuts-provider";
import { Button } from "@/components/ui/button";

/** `k` turns wall mode on and off, Esc leaves it: the same on every page that has one. */
export function useWallShortcuts(kiosk: boolean, setKiosk: (on: boolean) => void) {
  const t = useTranslations("shortcuts.actions");
  useShortcuts([
    { keys: "k", label: kiosk ? t("wallOff") : t("wallOn"), run: () => setKiosk(!kiosk) },
    ...(kiosk ? [{ keys: "escape", label: t("exitWall"), run: () => setKiosk(false) }] : []),
  ]);
}

/** The way into wall mode for a mouse; `k` from the keyboard. */
export function WallModeButton({ onClick }: { onClick: () => void }) {
  const t = useTranslations("wall");
  return (
    <Button size="sm" variant="secondary" onClick={onClick} title={t("enterTitle")}>
      <svg aria-hidden="true" viewBox="0 0 16 16" className="size-4 fill-none stroke-current" strokeWidth="1.5">
        <rect x="1.5" y="2.5" width="13" height="9" rx="1" />
        <path d="M5.5 14h5" strokeLinecap="round" />
      </svg>
      {t("enter")}
    </Button>
  );
}
