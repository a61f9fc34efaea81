"use client";

import type { ReactNode } from "react";
import { Button } from "./button";

/**
 * A page's data that could not be loaded at all (nothing older to show instead): what failed, the
 * reason in the reader's words, anything support needs to quote, and a way to try again.
 */
export function LoadFailed({ title, reason, retryLabel, onRetry, retrying, children }: { title: string; reason: string; retryLabel: string; onRetry: () => void; retrying: boolean; children?: ReactNode }) {
  return (
    <div role="alert" className="space-y-3 rounded-xl border border-red-300 bg-red-50 p-4 text-sm text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100">
      <p className="font-medium">{title}</p>
      <p>{reason}</p>
      {children}
      <Button onClick={onRetry} disabled={retrying}>
        {retryLabel}
      </Button>
    </div>
  );
}
