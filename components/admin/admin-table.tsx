"use client";

import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { Card } from "@/components/ui/card";
import { useErrorText } from "@/lib/queries/error-text";

/** The column headings of an admin table; `null` is the unlabelled actions column. */
export function AdminTableHead({ columns }: { columns: (string | null)[] }) {
  const t = useTranslations("admin");
  return (
    <thead className="border-b border-zinc-200 text-left text-xs text-zinc-500 dark:border-zinc-800 dark:text-zinc-400">
      <tr>
        {columns.map((column, i) =>
          column === null ? (
            <th key={`actions-${i}`} scope="col" className="px-3 py-2">
              <span className="sr-only">{t("actions")}</span>
            </th>
          ) : (
            <th key={column} scope="col" className="px-3 py-2 font-medium whitespace-nowrap">
              {column}
            </th>
          ),
        )}
      </tr>
    </thead>
  );
}

/** A list the admin pages load: loading, its failure, nothing in it, or the table. */
export function AdminListCard({
  label,
  query,
  loading,
  empty,
  children,
}: {
  label: string;
  query: { isPending: boolean; error: Error | null };
  loading: string;
  /** Shown instead of the table when the list has nothing in it. */
  empty?: string;
  children: ReactNode;
}) {
  const errorText = useErrorText();
  return (
    // relative: the buttons' visually hidden labels are positioned, and without a positioned
    // ancestor inside the scroll they would widen the page on a phone instead of scrolling with it.
    <Card as="section" aria-label={label} className="relative overflow-x-auto">
      {query.isPending ? (
        <p className="p-4 text-sm text-zinc-500">{loading}</p>
      ) : query.error ? (
        <p role="alert" className="p-4 text-sm text-red-700">
          {errorText(query.error)}
        </p>
      ) : empty ? (
        <p className="p-4 text-sm text-zinc-600 dark:text-zinc-400">{empty}</p>
      ) : (
        <table className="w-full text-sm">{children}</table>
      )}
    </Card>
  );
}
