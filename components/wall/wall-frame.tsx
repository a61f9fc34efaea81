"use client";

import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { useNow } from "@/lib/hooks/use-now";
import { BURN_IN_STEP_MS, burnInOffset } from "@/lib/views/wall";
import { WallAlerts } from "./wall-alerts";

export interface WallFrameProps {
  /** The wall's name for assistive technology (its main landmark). */
  label: string;
  /** Left of the top line: what this wall shows. */
  title: ReactNode;
  /** Right of the top line, before the exit button: a page indicator, the time of the figures. */
  status?: ReactNode;
  onExit: () => void;
  children: ReactNode;
}

/**
 * The full-viewport frame of a wall: nothing of the console's chrome, high contrast in light and
 * dark, a small exit button for touch screens (Esc from a keyboard), and the whole layout drifting
 * a few pixels every few minutes against burn-in (lib/views/wall.ts, burnInOffset).
 */
export function WallFrame({ label, title, status, onExit, children }: WallFrameProps) {
  const t = useTranslations("wall");
  // 0 until mounted: the server's render sits in its place, and the drift starts in the browser.
  const step = useNow(BURN_IN_STEP_MS);
  const offset = step === 0 ? { x: 0, y: 0 } : burnInOffset(step);
  return (
    <main
      aria-label={label}
      data-wall=""
      className="fixed inset-0 z-40 overflow-hidden bg-white text-zinc-950 dark:bg-black dark:text-white"
    >
      <div
        data-burn-in={`${offset.x},${offset.y}`}
        style={{ transform: `translate(${offset.x}px, ${offset.y}px)` }}
        className="flex h-full flex-col gap-3 p-5 transition-transform duration-[3000ms] ease-in-out"
      >
        <div className="relative flex min-h-11 flex-wrap items-center gap-x-4 gap-y-1 pr-14">
          <div className="min-w-0 flex-1 basis-48 truncate text-2xl font-semibold">{title}</div>
          <WallAlerts />
          {status ? <div className="flex flex-wrap items-center gap-x-4 text-base tabular-nums text-zinc-700 sm:text-xl dark:text-zinc-300">{status}</div> : null}
          <button
            type="button"
            onClick={onExit}
            aria-label={t("exit")}
            title={t("exitHint")}
            className="absolute top-0 right-0 inline-flex size-11 shrink-0 items-center justify-center rounded-full text-zinc-500 opacity-60 ring-1 ring-zinc-300 hover:opacity-100 focus-visible:opacity-100 focus-visible:outline-2 focus-visible:outline-sky-500 dark:text-zinc-400 dark:ring-zinc-700"
          >
            <svg aria-hidden="true" viewBox="0 0 16 16" className="size-5 fill-current">
              <path d="M3.72 3.72a.75.75 0 0 1 1.06 0L8 6.94l3.22-3.22a.75.75 0 1 1 1.06 1.06L9.06 8l3.22 3.22a.75.75 0 1 1-1.06 1.06L8 9.06l-3.22 3.22a.75.75 0 0 1-1.06-1.06L6.94 8 3.72 4.78a.75.75 0 0 1 0-1.06Z" />
            </svg>
          </button>
        </div>
        <div className="min-h-0 flex-1">{children}</div>
      </div>
    </main>
  );
}
