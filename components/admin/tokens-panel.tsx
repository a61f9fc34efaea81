"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { Card } from "@/components/ui/card";
import { CopyButton } from "@/components/ui/copy-button";
import { Field, FormMessage, inputClasses } from "@/components/ui/field";
import { PageHeader } from "@/components/ui/page-header";
import { AdminListCard, AdminTableHead } from "./admin-table";
import { RoleSelect } from "./role-select";
import type { Role } from "@/lib/contract/roles";
import { formatDateTime } from "@/lib/format";
import { useLocale, useTimeZone } from "@/lib/hooks/use-locale";
import { useErrorText } from "@/lib/queries/error-text";
import { adminKeys, createToken, revokeToken, tokensQueryOptions } from "@/lib/queries/admin";

const NO_VALUE = "–";

/** The header a script sends its token in, shown as it is typed (not a message: it is code). */
const AUTH_HEADER = "Authorization: Bearer <token>";

export function TokensPanel() {
  const locale = useLocale();
  const timeZone = useTimeZone();
  const t = useTranslations("admin.tokens");
  const roles = useTranslations("common.roles");
  const errorText = useErrorText();
  const queryClient = useQueryClient();
  const tokens = useQuery(tokensQueryOptions());
  const [created, setCreated] = useState<{ name: string; token: string } | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: adminKeys.tokens() });
  const create = useMutation({ mutationFn: createToken, onSuccess: refresh });
  const revoke = useMutation({ mutationFn: revokeToken, onSuccess: refresh });
  const failed = create.error ?? revoke.error;
  const when = (iso: string | null) => (iso ? formatDateTime(Date.parse(iso), locale, timeZone) : NO_VALUE);

  function onCreate(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const days = String(data.get("expires") ?? "");
    create.mutate(
      { name: String(data.get("name") ?? ""), role: data.get("role") as Role, expiresInDays: days ? Number(days) : undefined },
      {
        onSuccess: (r) => {
          form.reset();
          setCreated({ name: r.record.name, token: r.token });
        },
      },
    );
  }

  return (
    <main className="mx-auto w-full max-w-7xl space-y-6 px-4 py-6 sm:px-6 sm:py-8">
      <PageHeader
        title={t("title")}
        description={t.rich("description", { header: AUTH_HEADER, code: (chunks) => <code className="font-mono">{chunks}</code> })}
      />

      <Card as="section" aria-labelledby="new-token" className="space-y-4 p-4 sm:p-6">
        <h2 id="new-token" className="text-base font-semibold">
          {t("createHeading")}
        </h2>
        <form onSubmit={onCreate} className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4 lg:items-end" noValidate>
          <Field label={t("name")} htmlFor="token-name">
            <input id="token-name" name="name" required maxLength={64} placeholder="nightly-export" title={t("nameTitle")} className={inputClasses} />
          </Field>
          <Field label={t("role")} htmlFor="token-role">
            <RoleSelect id="token-role" name="role" defaultValue="support" />
          </Field>
          <Field label={t("expires")} htmlFor="token-expires">
            <input id="token-expires" name="expires" type="number" min={1} max={3650} placeholder={t("expiresPlaceholder")} className={inputClasses} />
          </Field>
          <Button type="submit" variant="primary" disabled={create.isPending}>
            {t("create")}
          </Button>
        </form>
        {created ? (
          <FormMessage tone="success">
            {t.rich("created", {
              name: created.name,
              token: created.token,
              code: (chunks) => <code className="font-mono break-all select-all">{chunks}</code>,
            })}{" "}
            <CopyButton value={created.token} label={t("copy")} />
            <span className="block text-xs">{t("shownOnce")}</span>
          </FormMessage>
        ) : null}
        {failed ? <FormMessage tone="error">{errorText(failed)}</FormMessage> : null}
      </Card>

      <AdminListCard label={t("listLabel")} query={tokens} loading={t("loading")} empty={tokens.data?.tokens.length === 0 ? t("empty") : undefined}>
        <AdminTableHead
          columns={[t("columns.name"), t("columns.role"), t("columns.createdBy"), t("columns.created"), t("columns.expires"), t("columns.lastUsed"), null]}
        />
        <tbody>
          {tokens.data?.tokens.map((token) => (
            <tr key={token.name} className="border-b border-zinc-100 last:border-0 dark:border-zinc-800/60">
              <th scope="row" className="px-3 py-2 text-left font-mono font-medium">{token.name}</th>
              <td className="px-3 py-2">{roles(token.role)}</td>
              <td className="px-3 py-2">{token.createdBy}</td>
              <td className="px-3 py-2 whitespace-nowrap">{when(token.createdAt)}</td>
              <td className="px-3 py-2 whitespace-nowrap">{token.expiresAt ? when(token.expiresAt) : t("never")}</td>
              <td className="px-3 py-2 whitespace-nowrap">{when(token.lastUsedAt)}</td>
              <td className="px-3 py-2 text-right">
                <ConfirmButton question={t("confirmRevoke", { name: token.name })} onConfirm={() => revoke.mutate(token.name)} disabled={revoke.isPending}>
                  {t.rich("revoke", { name: token.name, sr: (chunks) => <span className="sr-only">{chunks}</span> })}
                </ConfirmButton>
              </td>
            </tr>
          ))}
        </tbody>
      </AdminListCard>
    </main>
  );
}
