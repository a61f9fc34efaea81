"use client";

import { cn } from "./cn";

export interface SegmentedControlProps<T extends string> {
  /** The group's accessible name. */
  label: string;
  value: T;
  options: readonly T[];
  names: Record<T, string>;
  onChange: (value: T) => void;
}

/** A small set of mutually exclusive choices shown side by side (a radio group with button looks). */
export function SegmentedControl<T extends string>({ label, value, options, names, onChange }: SegmentedControlProps<T>) {
  return (
    <div role="radiogroup" aria-label={label} className="inline-flex flex-wrap rounded-lg border border-zinc-300 p-0.5 dark:border-zinc-700">
      {options.map((option) => (
        <button
          key={option}
          type="button"
          role="radio"
          aria-checked={value === option}
          onClick={() => onChange(option)}
          className={cn(
            "rounded-md px-2 py-1 text-xs font-medium sm:px-2.5 sm:text-sm",
            value === option
              ? "bg-zinc-900 text-white dark:bg-zinc-100 dark:text-zinc-900"
              : "text-zinc-600 hover:bg-zinc-100 dark:text-zinc-300 dark:hover:bg-zinc-800",
          )}
        >
          {names[option]}
        </button>
      ))}
    </div>
  );
}
