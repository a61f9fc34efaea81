"use client";

import { useQuery } from "@tanstack/react-query";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { Button, buttonClasses } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field, inputClasses } from "@/components/ui/field";
import { PageHeader } from "@/components/ui/page-header";
import { AUDIT_ACTIONS } from "@/lib/contract/audit-actions";
import { ROLES, type Role } from "@/lib/contract/roles";
import { formatDateTime } from "@/lib/format";
import { useLocale, useTimeZone } from "@/lib/hooks/use-locale";
import { useErrorText } from "@/lib/queries/error-text";
import { auditQueryOptions } from "@/lib/queries/admin";
import { AdminTableHead } from "./admin-table";

const FILTERS = ["actor", "room", "action", "from", "to"] as const;

/** datetime-local values (the reader's wall clock) to ISO, and back, for the URL. */
const toIso = (local: string) => (local ? new Date(local).toISOString() : "");
const isRole = (role: string): role is Role => (ROLES as readonly string[]).includes(role);

function toLocal(iso: string | null): string {
  if (!iso) return "";
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return "";
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
}

export function AuditPanel() {
  const locale = useLocale();
  const t = useTranslations("admin.audit");
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
        title={t("title")}
        description={t("description")}
        actions={
          <a href={`/api/audit.csv${query ? `?${query}` : ""}`} className={buttonClasses("secondary", "sm")}>
            {t("exportCsv")}
          </a>
        }
      />
      <Card as="section" aria-label={t("filters")} className="p-4 sm:p-6">
        <form key={query} onSubmit={onFilter} className="grid gap-4 sm:grid-cols-3 lg:grid-cols-6 lg:items-end">
          <Field label={t("filter.actor")} htmlFor="f-actor">
            <input id="f-actor" name="actor" defaultValue={searchParams.get("actor") ?? ""} className={inputClasses} />
          </Field>
          <Field label={t("filter.room")} htmlFor="f-room">
            <input id="f-room" name="room" defaultValue={searchParams.get("room") ?? ""} className={inputClasses} />
          </Field>
          <Field label={t("filter.action")} htmlFor="f-action">
            <select id="f-action" name="action" defaultValue={searchParams.get("action") ?? ""} className={inputClasses}>
              <option value="">{t("filter.anyAction")}</option>
              {AUDIT_ACTIONS.map((action) => (
                <option key={action} value={action}>
                  {t("filter.actionOption", { label: t(`actionNames.${action}`), code: action })}
                </option>
              ))}
            </select>
          </Field>
          <Field label={t("filter.from")} htmlFor="f-from">
            <input id="f-from" name="from" type="datetime-local" defaultValue={toLocal(searchParams.get("from"))} className={inputClasses} />
          </Field>
          <Field label={t("filter.to")} htmlFor="f-to">
            <input id="f-to" name="to" type="datetime-local" defaultValue={toLocal(searchParams.get("to"))} className={inputClasses} />
          </Field>
          <Button type="submit" variant="primary">
            {t("filter.submit")}
          </Button>
        </form>
      </Card>
      <Card as="section" aria-label={t("entries")} className="relative overflow-x-auto">
        <table className="w-full text-sm">
          <AdminTableHead
            columns={[
              t("columns.at"),
              t("columns.actor"),
              t("columns.role"),
              t("columns.address"),
              t("columns.action"),
              t("columns.room"),
              t("columns.outcome"),
              t("columns.requestId"),
            ]}
          />
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
  const t = useTranslations("admin.audit");
  const admin = useTranslations("admin");
  const roles = useTranslations("common.roles");
  const errorText = useErrorText();
  const page = useQuery(auditQueryOptions(query, before));
  if (page.isPending) return <tr><td colSpan={8} className="px-3 py-3 text-zinc-500">{admin("loading")}</td></tr>;
  if (page.isError) return <tr><td colSpan={8} role="alert" className="px-3 py-3 text-red-700">{errorText(page.error)}</td></tr>;
  const { entries, nextBefore } = page.data;
  return (
    <>
      {entries.length === 0 && before === null ? (
        <tr><td colSpan={8} className="px-3 py-3 text-zinc-600 dark:text-zinc-400">{t("noMatch")}</td></tr>
      ) : null}
      {entries.map((e) => (
        <tr key={e.id} className="border-b border-zinc-100 last:border-0 dark:border-zinc-800/60">
          <td className="px-3 py-1.5 whitespace-nowrap tabular-nums">{formatDateTime(Date.parse(e.at), locale, timeZone)}</td>
          <td className="px-3 py-1.5">{e.actor === null ? t("anonymous") : e.actorType === "token" ? t("tokenActor", { actor: e.actor }) : e.actor}</td>
          <td className="px-3 py-1.5">{e.role === null ? "" : isRole(e.role) ? roles(e.role) : e.role}</td>
          <td className="px-3 py-1.5 font-mono text-xs">{e.address ?? ""}</td>
          <td className="px-3 py-1.5">
            <span className="whitespace-nowrap">{t(`actionNames.${e.action}`)}</span>
            <span className="block font-mono text-xs whitespace-nowrap text-zinc-500 dark:text-zinc-400">{e.action}</span>
          </td>
          <td className="px-3 py-1.5 font-mono text-xs break-all">{e.roomId ?? ""}</td>
          <td className="px-3 py-1.5">{e.outcome === "ok" ? t("outcomeOk") : t("outcomeFailed", { outcome: e.outcome, status: String(e.status) })}</td>
          <td className="px-3 py-1.5 font-mono text-xs break-all">{e.requestId ?? ""}</td>
        </tr>
      ))}
      {onMore && nextBefore !== null ? (
        <tr>
          <td colSpan={8} className="px-3 py-2">
            <Button size="sm" onClick={() => onMore(nextBefore)}>
              {t("older")}
            </Button>
          </td>
        </tr>
      ) : null}
    </>
  );
}
