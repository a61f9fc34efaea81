"use client";

import { fromLocalInputValue } from "@/lib/history/range";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import type { FormEvent } from "react";
import { AdminListCard, AdminTableHead } from "@/components/admin/admin-table";
import { Button } from "@/components/ui/button";
import { Field, FormMessage, inputClasses } from "@/components/ui/field";
import { formatDateTime } from "@/lib/format";
import { useLocale, useTimeZone } from "@/lib/hooks/use-locale";
import { useCan } from "@/lib/hooks/use-session";
import { alertKeys, createSilence, deleteSilence, rulesQueryOptions, silencesQueryOptions } from "@/lib/queries/alerts";
import { useErrorText } from "@/lib/queries/error-text";
import { AlertsPage, FormCard } from "./alerts-nav";

/** A datetime-local value (the browser's own zone) as ISO 8601, or the raw text for the API to refuse. */
const toIso = (local: string) => {
  const ms = fromLocalInputValue(local);
  return ms === null ? local : new Date(ms).toISOString();
};

export function SilencesPanel() {
  const t = useTranslations("alerts");
  const locale = useLocale();
  const timeZone = useTimeZone();
  const errorText = useErrorText();
  const canEdit = useCan("alerts.write");
  const queryClient = useQueryClient();
  const silences = useQuery(silencesQueryOptions());
  const rules = useQuery(rulesQueryOptions());
  const refresh = () => queryClient.invalidateQueries({ queryKey: alertKeys.all() });
  const create = useMutation({ mutationFn: createSilence, onSuccess: refresh });
  const remove = useMutation({ mutationFn: deleteSilence, onSuccess: refresh });
  const failed = create.error ?? remove.error;
  const when = (iso: string) => formatDateTime(Date.parse(iso), locale, timeZone);
  const ruleName = (id: string | null) => (id === null ? t("silences.anyRule") : (rules.data?.rules.find((r) => r.id === id)?.name ?? id));

  function onCreate(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const ruleId = String(data.get("rule") ?? "");
    create.mutate(
      {
        roomId: String(data.get("roomId") ?? "").trim(),
        ruleId: ruleId || null,
        startsAt: toIso(String(data.get("from") ?? "")),
        endsAt: toIso(String(data.get("to") ?? "")),
        comment: String(data.get("comment") ?? ""),
      },
      { onSuccess: () => form.reset() },
    );
  }

  return (
    <AlertsPage section="silences">
      {canEdit ? (
        <FormCard id="silence-form" heading={t("silences.newHeading")}>
          <form onSubmit={onCreate} className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3 lg:items-end" noValidate>
            <Field label={t("silences.roomId")} htmlFor="silence-room">
              <input id="silence-room" name="roomId" required className={inputClasses} />
            </Field>
            <Field label={t("silences.rule")} htmlFor="silence-rule">
              <select id="silence-rule" name="rule" defaultValue="" className={inputClasses}>
                <option value="">{t("silences.anyRule")}</option>
                {rules.data?.rules.map((r) => (
                  <option key={r.id} value={r.id}>
                    {r.name}
                  </option>
                ))}
              </select>
            </Field>
            <Field label={t("silences.comment")} htmlFor="silence-comment">
              <input id="silence-comment" name="comment" maxLength={500} className={inputClasses} />
            </Field>
            <Field label={t("silences.from")} htmlFor="silence-from">
              <input id="silence-from" name="from" type="datetime-local" required className={inputClasses} />
            </Field>
            <Field label={t("silences.to")} htmlFor="silence-to">
              <input id="silence-to" name="to" type="datetime-local" required className={inputClasses} />
            </Field>
            <Button type="submit" variant="primary" disabled={create.isPending}>
              {t("silences.add")}
            </Button>
          </form>
          {failed ? <FormMessage tone="error">{errorText(failed)}</FormMessage> : null}
        </FormCard>
      ) : null}

      <AdminListCard label={t("silences.listLabel")} query={silences} loading={t("silences.loading")} empty={silences.data?.silences.length === 0 ? t("silences.empty") : undefined}>
        <AdminTableHead
          columns={[t("silences.columns.room"), t("silences.columns.rule"), t("silences.columns.from"), t("silences.columns.to"), t("silences.columns.comment"), t("silences.columns.by"), null]}
        />
        <tbody>
          {silences.data?.silences.map((s) => (
            <tr key={s.id} className="border-b border-zinc-100 last:border-0 dark:border-zinc-800/60">
              <th scope="row" className="px-3 py-2 text-left font-mono font-medium">{s.roomId}</th>
              <td className="px-3 py-2">{ruleName(s.ruleId)}</td>
              <td className="px-3 py-2 whitespace-nowrap">{when(s.startsAt)}</td>
              <td className="px-3 py-2 whitespace-nowrap">{when(s.endsAt)}</td>
              <td className="px-3 py-2">{s.comment}</td>
              <td className="px-3 py-2">{s.createdBy ?? ""}</td>
              <td className="px-3 py-2 text-right">
                {canEdit ? (
                  <Button size="sm" variant="ghost" disabled={remove.isPending} onClick={() => remove.mutate(s.id)}>
                    {t.rich("silences.remove", { room: s.roomId, sr: (chunks) => <span className="sr-only">{chunks}</span> })}
                  </Button>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </AdminListCard>
    </AlertsPage>
  );
}
