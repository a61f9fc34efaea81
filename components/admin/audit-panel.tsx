"use client";

import { useQuery } from "@tanstack/react-query";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Button, buttonClasses } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field, inputClasses } from "@/components/ui/field";
import { PageHeader } from "@/components/ui/page-header";
import { AUDIT_ACTIONS } from "@/lib/contract/audit-actions";
import { formatDateTime } from "@/lib/format";
import { useLocale, useTimeZone } from "@/lib/hooks/use-locale";
import { auditQueryOptions } from "@/lib/queries/admin";
import { AdminTableHead } from "./admin-table";

const FILTERS = ["actor", "room", "action", "from", "to"] as const;

/** datetime-local values (the reader's wall clock) to ISO, and back, for the URL. */
const toIso = (local: string) => (local ? new Date(local).toISOString() : "");
function toLocal(iso: string | null): string {
  if (!iso) return "";
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return "";
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
}

export function AuditPanel() {
  const locale = useLocale();
  const timeZone = useTimeZone();
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  // The filters are the URL's, so a filtered view can be shared and the export matches it.
  const query = new URLSearchParams(FILTERS.flatMap((name) => (searchParams.get(name) ? [[name, searchParams.get(name)!]] : []))).toString();
  const [pages, setPages] = useState<{ query: string; befores: (number | null)[] }>({ query, befores: [null] });
  if (pages.query !== query) setPages({ query, befores: [null] });

  function onFilter(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const next = new URLSearchParams();
    for (const name of FILTERS) {
      const raw = String(data.get(name) ?? "").trim();
      const value = name === "from" || name === "to" ? toIso(raw) : raw;
      if (value) next.set(name, value);
    }
    router.replace(`${pathname}${next.size ? `?${next}` : ""}`);
  }

  return (
    <main className="mx-auto w-full max-w-7xl space-y-6 px-4 py-6 sm:px-6 sm:py-8">
      <PageHeader
        title="Audit log"
        description="Every lookup, history and report view, export, sign-in and change, with who, when, from where and Tencent's RequestId."
        actions={
          <a href={`/api/audit.csv${query ? `?${query}` : ""}`} className={buttonClasses("secondary", "sm")}>
            Export CSV
          </a>
        }
      />
      <Card as="section" aria-label="Filters" className="p-4 sm:p-6">
        <form key={query} onSubmit={onFilter} className="grid gap-4 sm:grid-cols-3 lg:grid-cols-6 lg:items-end">
          <Field label="User or token" htmlFor="f-actor">
            <input id="f-actor" name="actor" defaultValue={searchParams.get("actor") ?? ""} className={inputClasses} />
          </Field>
          <Field label="Room" htmlFor="f-room">
            <input id="f-room" name="room" defaultValue={searchParams.get("room") ?? ""} className={inputClasses} />
          </Field>
          <Field label="Action" htmlFor="f-action">
            <select id="f-action" name="action" defaultValue={searchParams.get("action") ?? ""} className={inputClasses}>
              <option value="">any</option>
              {AUDIT_ACTIONS.map((action) => (
                <option key={action} value={action}>
                  {action}
                </option>
              ))}
            </select>
          </Field>
          <Field label="From" htmlFor="f-from">
            <input id="f-from" name="from" type="datetime-local" defaultValue={toLocal(searchParams.get("from"))} className={inputClasses} />
          </Field>
          <Field label="To" htmlFor="f-to">
            <input id="f-to" name="to" type="datetime-local" defaultValue={toLocal(searchParams.get("to"))} className={inputClasses} />
          </Field>
          <Button type="submit" variant="primary">
            Filter
          </Button>
        </form>
      </Card>
      <Card as="section" aria-label="Audit entries" className="overflow-x-auto">
        <table className="w-full text-sm">
          <AdminTableHead columns={["When", "Who", "Role", "From", "Action", "Room", "Result", "RequestId"]} />
          <tbody>
            {pages.befores.map((before, i) => (
              <AuditPage
                key={before ?? "first"}
                query={query}
                before={before}
                locale={locale}
                onMore={i === pages.befores.length - 1 ? (next) => setPages((p) => ({ ...p, befores: [...p.befores, next] })) : null}
              />
            ))}
          </tbody>
        </table>
      </Card>
    </main>
  );
}

function AuditPage({ query, before, locale, onMore }: { query: string; before: number | null; locale: string; onMore: ((before: number) => void) | null }) {
  const timeZone = useTimeZone();
  const page = useQuery(auditQueryOptions(query, before));
  if (page.isPending) return <tr><td colSpan={8} className="px-3 py-3 text-zinc-500">Loading…</td></tr>;
  if (page.isError) return <tr><td colSpan={8} role="alert" className="px-3 py-3 text-red-700">{page.error.message}</td></tr>;
  const { entries, nextBefore } = page.data;
  return (
    <>
      {entries.length === 0 && before === null ? (
        <tr><td colSpan={8} className="px-3 py-3 text-zinc-600 dark:text-zinc-400">No entries match.</td></tr>
      ) : null}
      {entries.map((e) => (
        <tr key={e.id} className="border-b border-zinc-100 last:border-0 dark:border-zinc-800/60">
          <td className="px-3 py-1.5 whitespace-nowrap tabular-nums">{formatDateTime(Date.parse(e.at), locale, timeZone)}</td>
          <td className="px-3 py-1.5">{e.actor ?? "anonymous"}{e.actorType === "token" ? " (token)" : ""}</td>
          <td className="px-3 py-1.5">{e.role ?? ""}</td>
          <td className="px-3 py-1.5 font-mono text-xs">{e.address ?? ""}</td>
          <td className="px-3 py-1.5 whitespace-nowrap">{e.action}</td>
          <td className="px-3 py-1.5 font-mono text-xs break-all">{e.roomId ?? ""}</td>
          <td className="px-3 py-1.5">{e.outcome === "ok" ? "ok" : `${e.outcome} (${e.status})`}</td>
          <td className="px-3 py-1.5 font-mono text-xs break-all">{e.requestId ?? ""}</td>
        </tr>
      ))}
      {onMore && nextBefore !== null ? (
        <tr>
          <td colSpan={8} className="px-3 py-2">
            <Button size="sm" onClick={() => onMore(nextBefore)}>
              Older entries
            </Button>
          </td>
        </tr>
      ) : null}
    </>
  );
}
