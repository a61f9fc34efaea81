import type { ReactNode } from "react";
import { cn } from "./cn";

/** The look of every text input and select in the console's forms. */
export const inputClasses =
  "block w-full rounded-md border border-zinc-300 bg-white px-3 py-2 text-sm shadow-xs focus-visible:border-sky-500 focus-visible:outline-2 focus-visible:outline-sky-500/40 dark:border-zinc-700 dark:bg-zinc-950";

/** A labelled form control: the label names it for screen readers and for tests alike. */
export function Field({ label, htmlFor, className, children }: { label: string; htmlFor: string; className?: string; children: ReactNode }) {
  return (
    <div className={cn("space-y-1.5", className)}>
      <label htmlFor={htmlFor} className="block text-sm font-medium">
        {label}
      </label>
      {children}
    </div>
  );
}

/** A failure or a confirmation under a form. */
export function FormMessage({ tone, children }: { tone: "error" | "success"; children: ReactNode }) {
  return (
    <p
      role={tone === "error" ? "alert" : "status"}
      className={cn(
        "rounded-md px-3 py-2 text-sm",
        tone === "error" ? "bg-red-50 text-red-800 dark:bg-red-950/50 dark:text-red-200" : "bg-emerald-50 text-emerald-800 dark:bg-emerald-950/50 dark:text-emerald-200",
      )}
    >
      {children}
    </p>
  );
}
