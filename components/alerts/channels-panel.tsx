"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { AdminListCard, AdminTableHead } from "@/components/admin/admin-table";
import { Button } from "@/components/ui/button";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { Field, FormMessage, inputClasses } from "@/components/ui/field";
import { ALERT_CHANNEL_KINDS } from "@/lib/contract/alerts";
import { useCan } from "@/lib/hooks/use-session";
import { alertKeys, channelsQueryOptions, createChannel, deleteChannel, testChannel } from "@/lib/queries/alerts";
import { useErrorText } from "@/lib/queries/error-text";
import { AlertsPage, FormCard } from "./alerts-nav";

export function ChannelsPanel() {
  const t = useTranslations("alerts");
  const errorText = useErrorText();
  const canEdit = useCan("alerts.write");
  const queryClient = useQueryClient();
  const channels = useQuery(channelsQueryOptions());
  const [tested, setTested] = useState<{ name: string; ok: boolean; error?: string } | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: alertKeys.channels() });
  const create = useMutation({ mutationFn: createChannel, onSuccess: refresh });
  const remove = useMutation({ mutationFn: deleteChannel, onSuccess: refresh });
  const test = useMutation({ mutationFn: ({ id }: { id: string; name: string }) => testChannel(id), onSuccess: (r, { name }) => setTested({ name, ...r }) });
  const failed = create.error ?? remove.error ?? test.error;

  function onCreate(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const secret = String(data.get("secret") ?? "");
    create.mutate(
      { name: String(data.get("name") ?? ""), kind: String(data.get("kind")), url: String(data.get("url") ?? "").trim(), ...(secret && { secret }) },
      { onSuccess: () => form.reset() },
    );
  }

  return (
    <AlertsPage section="channels">
      {canEdit ? (
        <FormCard id="channel-form" heading={t("channels.newHeading")}>
          <form onSubmit={onCreate} className="grid gap-4 sm:grid-cols-2 lg:grid-cols-5 lg:items-end" noValidate>
            <Field label={t("channels.name")} htmlFor="channel-name">
              <input id="channel-name" name="name" required maxLength={100} className={inputClasses} />
            </Field>
            <Field label={t("channels.kind")} htmlFor="channel-kind">
              <select id="channel-kind" name="kind" defaultValue="webhook" className={inputClasses}>
                {ALERT_CHANNEL_KINDS.map((kind) => (
                  <option key={kind} value={kind}>
                    {t(`channelKinds.${kind}`)}
                  </option>
                ))}
              </select>
            </Field>
            <Field label={t("channels.url")} htmlFor="channel-url">
              <input id="channel-url" name="url" type="url" required autoComplete="off" className={inputClasses} />
            </Field>
            <Field label={t("channels.secret")} htmlFor="channel-secret">
              <input id="channel-secret" name="secret" type="password" autoComplete="off" className={inputClasses} />
            </Field>
            <Button type="submit" variant="primary" disabled={create.isPending}>
              {t("channels.add")}
            </Button>
          </form>
        </FormCard>
      ) : null}
      {tested ? (
        <FormMessage tone={tested.ok ? "success" : "error"}>
          {tested.ok ? t("channels.testOk", { name: tested.name }) : t("channels.testFailed", { name: tested.name, error: tested.error ?? "" })}
        </FormMessage>
      ) : null}
      {failed ? <FormMessage tone="error">{errorText(failed)}</FormMessage> : null}

      <AdminListCard label={t("channels.listLabel")} query={channels} loading={t("channels.loading")} empty={channels.data?.channels.length === 0 ? t("channels.empty") : undefined}>
        <AdminTableHead columns={[t("channels.columns.name"), t("channels.columns.kind"), t("channels.columns.host"), t("channels.columns.signed"), null]} />
        <tbody>
          {channels.data?.channels.map((c) => (
            <tr key={c.id} className="border-b border-zinc-100 last:border-0 dark:border-zinc-800/60">
              <th scope="row" className="px-3 py-2 text-left font-medium">{c.name}</th>
              <td className="px-3 py-2">{t(`channelKinds.${c.kind}`)}</td>
              <td className="px-3 py-2 font-mono">{c.urlHost}</td>
              <td className="px-3 py-2">{c.hasSecret ? t("channels.yes") : t("channels.no")}</td>
              <td className="px-3 py-2 text-right whitespace-nowrap">
                {canEdit ? (
                  <>
                    <Button size="sm" variant="ghost" disabled={test.isPending} onClick={() => test.mutate({ id: c.id, name: c.name })}>
                      {t.rich("channels.test", { name: c.name, sr: (chunks) => <span className="sr-only">{chunks}</span> })}
                    </Button>
                    <ConfirmButton question={t("channels.confirmRemove", { name: c.name })} onConfirm={() => remove.mutate(c.id)} disabled={remove.isPending}>
                      {t.rich("channels.remove", { name: c.name, sr: (chunks) => <span className="sr-only">{chunks}</span> })}
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
