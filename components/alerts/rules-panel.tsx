"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useLocale as useUiLocale, useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { AdminListCard, AdminTableHead } from "@/components/admin/admin-table";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { Field, FormMessage, inputClasses } from "@/components/ui/field";
import { ALERT_LANGUAGES, type AlertConditionKind } from "@/lib/contract/alerts";
import { RATE_WINDOWS } from "@/lib/contract/api";
import { STAT_KEYS } from "@/lib/contract/stats";
import { formatElapsed } from "@/lib/format";
import { useLocale } from "@/lib/hooks/use-locale";
import { useCan } from "@/lib/hooks/use-session";
import { isUiLocale, LOCALE_NAMES } from "@/lib/i18n/locales";
import { alertKeys, channelsQueryOptions, createRule, deleteRule, rulesQueryOptions, updateRule } from "@/lib/queries/alerts";
import { useErrorText } from "@/lib/queries/error-text";
import { AlertsPage, FormCard } from "./alerts-nav";

const KINDS: readonly AlertConditionKind[] = ["total", "rate", "drop", "ended", "stale", "credential"];
type Rule = NonNullable<ReturnType<typeof useRules>["data"]>["rules"][number];

function useRules() {
  return useQuery(rulesQueryOptions());
}

/** The form's fields as the API's rule body; numbers the browser could not read stay NaN, which the API refuses by field. */
function ruleBody(data: FormData, kind: AlertConditionKind) {
  const num = (name: string) => Number(data.get(name));
  const key = String(data.get("key"));
  const op = String(data.get("op"));
  const condition =
    kind === "total"
      ? { kind, key, op, threshold: num("threshold") }
      : kind === "rate"
        ? { kind, key, op, threshold: num("threshold"), window: String(data.get("window")) }
        : kind === "drop"
          ? { kind, key, percent: num("percent"), withinMs: num("within") * 60_000, rateWindow: String(data.get("window")) }
          : kind === "stale"
            ? { kind, cadences: num("cadences") }
            : { kind };
  const scopeKind = String(data.get("scope"));
  return {
    name: String(data.get("name") ?? ""),
    scope: scopeKind === "room" ? { kind: "room", roomId: String(data.get("roomId") ?? "").trim() } : { kind: "watched" },
    condition,
    pendingMs: num("pending") * 1000,
    language: String(data.get("language")),
    channelIds: data.getAll("channel").map(String),
    enabled: data.get("enabled") === "on",
  };
}

export function RulesPanel() {
  const t = useTranslations("alerts");
  const locale = useLocale();
  // A new rule's messages are in the language of whoever writes it, until they choose another.
  const uiLocale = useUiLocale();
  const stats = useTranslations("common.stats");
  const errorText = useErrorText();
  const canEdit = useCan("alerts.write");
  const queryClient = useQueryClient();
  const rules = useRules();
  const channels = useQuery(channelsQueryOptions());
  const [editing, setEditing] = useState<Rule | null>(null);
  const [kind, setKind] = useState<AlertConditionKind>("total");
  const [scope, setScope] = useState<"room" | "watched">("room");
  const [saved, setSaved] = useState<string | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: alertKeys.all() });
  const save = useMutation({ mutationFn: ({ id, body }: { id: string | null; body: unknown }) => (id ? updateRule(id, body) : createRule(body)), onSuccess: refresh });
  const toggle = useMutation({ mutationFn: (rule: Rule) => updateRule(rule.id, { ...pick(rule), enabled: !rule.enabled }), onSuccess: refresh });
  const remove = useMutation({ mutationFn: deleteRule, onSuccess: refresh });
  const failed = save.error ?? toggle.error ?? remove.error;

  function startEdit(rule: Rule) {
    setEditing(rule);
    setKind(rule.condition.kind);
    setScope(rule.scope.kind);
    setSaved(null);
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const body = ruleBody(new FormData(form), kind);
    save.mutate(
      { id: editing?.id ?? null, body },
      {
        onSuccess: (rule) => {
          setSaved(rule.name);
          setEditing(null);
          form.reset();
        },
      },
    );
  }

  const condition = editing?.condition;
  const value = <K extends string>(name: K) => (condition && name in condition ? String((condition as Record<string, unknown>)[name]) : undefined);
  const describe = (rule: Rule) => {
    const c = rule.condition;
    if (c.kind === "total" || c.kind === "rate") return `${stats(`${c.key}.${c.kind === "rate" ? "rate" : "label"}`)} ${t(`rules.${c.op}`)} ${c.threshold}${c.kind === "rate" ? ` (${c.window})` : ""}`;
    if (c.kind === "drop") return `${stats(`${c.key}.rate`)} −${c.percent} % / ${Math.round(c.withinMs / 60_000)} min`;
    if (c.kind === "stale") return `${t("kinds.stale")} (${c.cadences})`;
    return t(`kinds.${c.kind}`);
  };

  return (
    <AlertsPage section="rules">
      {!canEdit ? <p className="text-sm text-zinc-600 dark:text-zinc-400">{t("rules.readOnly")}</p> : null}

      {canEdit ? (
        <FormCard id="rule-form" heading={editing ? t("rules.editHeading", { name: editing.name }) : t("rules.newHeading")}>
          <form key={editing?.id ?? "new"} onSubmit={onSubmit} className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4 lg:items-end" noValidate>
            <Field label={t("rules.name")} htmlFor="rule-name">
              <input id="rule-name" name="name" required maxLength={100} defaultValue={editing?.name} className={inputClasses} />
            </Field>
            <Field label={t("rules.scope")} htmlFor="rule-scope">
              <select id="rule-scope" name="scope" value={scope} onChange={(e) => setScope(e.target.value as "room" | "watched")} className={inputClasses}>
                <option value="room">{t("rules.scopeRoom")}</option>
                <option value="watched">{t("rules.scopeWatched")}</option>
              </select>
            </Field>
            {scope === "room" ? (
              <Field label={t("rules.roomId")} htmlFor="rule-room">
                <input id="rule-room" name="roomId" defaultValue={editing?.scope.kind === "room" ? editing.scope.roomId : ""} className={inputClasses} />
              </Field>
            ) : null}
            <Field label={t("rules.condition")} htmlFor="rule-kind">
              <select id="rule-kind" name="kind" value={kind} onChange={(e) => setKind(e.target.value as AlertConditionKind)} className={inputClasses}>
                {KINDS.map((k) => (
                  <option key={k} value={k}>
                    {t(`kinds.${k}`)}
                  </option>
                ))}
              </select>
            </Field>
            {kind === "total" || kind === "rate" || kind === "drop" ? (
              <Field label={t("rules.stat")} htmlFor="rule-key">
                <select id="rule-key" name="key" defaultValue={value("key") ?? "totalViewers"} className={inputClasses}>
                  {STAT_KEYS.map((key) => (
                    <option key={key} value={key}>
                      {stats(`${key}.${kind === "total" ? "label" : "rate"}`)}
                    </option>
                  ))}
                </select>
              </Field>
            ) : null}
            {kind === "total" || kind === "rate" ? (
              <>
                <Field label={t("rules.op")} htmlFor="rule-op">
                  <select id="rule-op" name="op" defaultValue={value("op") ?? "above"} className={inputClasses}>
                    <option value="above">{t("rules.above")}</option>
                    <option value="below">{t("rules.below")}</option>
                  </select>
                </Field>
                <Field label={t("rules.threshold")} htmlFor="rule-threshold">
                  <input id="rule-threshold" name="threshold" type="number" min={0} step="any" required defaultValue={value("threshold")} className={inputClasses} />
                </Field>
              </>
            ) : null}
            {kind === "rate" || kind === "drop" ? (
              <Field label={t("rules.window")} htmlFor="rule-window">
                <select id="rule-window" name="window" defaultValue={value("window") ?? value("rateWindow") ?? "1m"} className={inputClasses}>
                  {RATE_WINDOWS.map((w) => (
                    <option key={w} value={w}>
                      {w}
                    </option>
                  ))}
                </select>
              </Field>
            ) : null}
            {kind === "drop" ? (
              <>
                <Field label={t("rules.percent")} htmlFor="rule-percent">
                  <input id="rule-percent" name="percent" type="number" min={1} max={100} defaultValue={value("percent") ?? "50"} className={inputClasses} />
                </Field>
                <Field label={t("rules.within")} htmlFor="rule-within">
                  <input
                    id="rule-within"
                    name="within"
                    type="number"
                    min={1}
                    defaultValue={condition?.kind === "drop" ? String(condition.withinMs / 60_000) : "10"}
                    className={inputClasses}
                  />
                </Field>
              </>
            ) : null}
            {kind === "stale" ? (
              <Field label={t("rules.cadences")} htmlFor="rule-cadences">
                <input id="rule-cadences" name="cadences" type="number" min={2} defaultValue={value("cadences") ?? "6"} className={inputClasses} />
              </Field>
            ) : null}
            <Field label={t("rules.pending")} htmlFor="rule-pending">
              <input id="rule-pending" name="pending" type="number" min={0} defaultValue={editing ? String(editing.pendingMs / 1000) : "0"} className={inputClasses} />
            </Field>
            <Field label={t("rules.language")} htmlFor="rule-language">
              <select id="rule-language" name="language" defaultValue={editing?.language ?? (isUiLocale(uiLocale) ? uiLocale : "en")} className={inputClasses}>
                {ALERT_LANGUAGES.map((l) => (
                  <option key={l} value={l}>
                    {LOCALE_NAMES[l]}
                  </option>
                ))}
              </select>
            </Field>
            <fieldset className="space-y-1 text-sm sm:col-span-2">
              <legend className="text-xs font-medium text-zinc-600 dark:text-zinc-400">{t("rules.channels")}</legend>
              {channels.data?.channels.length === 0 ? <p className="text-zinc-500">{t("rules.noChannels")}</p> : null}
              {channels.data?.channels.map((c) => (
                <label key={c.id} className="mr-4 inline-flex items-center gap-2">
                  <input type="checkbox" name="channel" value={c.id} defaultChecked={editing?.channelIds.includes(c.id)} />
                  {c.name}
                </label>
              ))}
            </fieldset>
            <label className="inline-flex items-center gap-2 text-sm">
              <input type="checkbox" name="enabled" defaultChecked={editing?.enabled ?? true} />
              {t("rules.enabled")}
            </label>
            <div className="flex gap-2">
              <Button type="submit" variant="primary" disabled={save.isPending}>
                {t("rules.save")}
              </Button>
              {editing ? (
                <Button type="button" variant="ghost" onClick={() => setEditing(null)}>
                  {t("rules.cancel")}
                </Button>
              ) : null}
            </div>
          </form>
          {saved ? <FormMessage tone="success">{t("rules.saved", { name: saved })}</FormMessage> : null}
          {failed ? <FormMessage tone="error">{errorText(failed)}</FormMessage> : null}
        </FormCard>
      ) : null}

      <AdminListCard label={t("rules.listLabel")} query={rules} loading={t("rules.loading")} empty={rules.data?.rules.length === 0 ? t("rules.empty") : undefined}>
        <AdminTableHead
          columns={[t("rules.columns.name"), t("rules.columns.rooms"), t("rules.columns.condition"), t("rules.columns.pending"), t("rules.columns.channels"), t("rules.columns.status"), null]}
        />
        <tbody>
          {rules.data?.rules.map((rule) => (
            <tr key={rule.id} className="border-b border-zinc-100 last:border-0 dark:border-zinc-800/60">
              <th scope="row" className="px-3 py-2 text-left font-medium">{rule.name}</th>
              <td className="px-3 py-2 font-mono">{rule.scope.kind === "room" ? rule.scope.roomId : t("rules.watchedRooms")}</td>
              <td className="px-3 py-2">{describe(rule)}</td>
              <td className="px-3 py-2 whitespace-nowrap">{formatElapsed(rule.pendingMs, locale)}</td>
              <td className="px-3 py-2">{rule.channelIds.map((id) => channels.data?.channels.find((c) => c.id === id)?.name ?? id).join(", ")}</td>
              <td className="px-3 py-2">
                <Badge tone={rule.enabled ? "success" : "neutral"}>{rule.enabled ? t("rules.on") : t("rules.off")}</Badge>
              </td>
              <td className="px-3 py-2 text-right whitespace-nowrap">
                {canEdit ? (
                  <>
                    <Button size="sm" variant="ghost" onClick={() => startEdit(rule)}>
                      {t.rich("rules.edit", { name: rule.name, sr: (chunks) => <span className="sr-only">{chunks}</span> })}
                    </Button>
                    <Button size="sm" variant="ghost" disabled={toggle.isPending} onClick={() => toggle.mutate(rule)}>
                      {rule.enabled ? t("rules.off") : t("rules.on")}
                    </Button>
                    <ConfirmButton question={t("rules.confirmRemove", { name: rule.name })} onConfirm={() => remove.mutate(rule.id)} disabled={remove.isPending}>
                      {t.rich("rules.remove", { name: rule.name, sr: (chunks) => <span className="sr-only">{chunks}</span> })}
                    </ConfirmButton>
                  </>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </AdminListCard>
    </AlertsPage>
  );
}

/** A rule as the API takes it back. */
function pick(rule: Rule) {
  return { name: rule.name, scope: rule.scope, condition: rule.condition, pendingMs: rule.pendingMs, language: rule.language, channelIds: rule.channelIds, enabled: rule.enabled };
}
