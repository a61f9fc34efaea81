"use client";

import type { ReactNode } from "react";
import { Button } from "./button";

/**
 * A small button for a change that cannot be taken back (removing a rule, a channel, a user;
 * revoking a token): the browser's own confirmation names what goes, and only a yes does it.
 */
export function ConfirmButton({ question, onConfirm, disabled, children }: { question: string; onConfirm: () => void; disabled?: boolean; children: ReactNode }) {
  return (
    <Button
      size="sm"
      variant="ghost"
      className="hover:text-red-700 dark:hover:text-red-400"
      disabled={disabled}
      onClick={() => {
        if (window.confirm(question)) onConfirm();
      }}
    >
      {children}
    </Button>
  );
}
