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
import { ROLES, type Role } from "@/lib/contract/roles";
import type { User } from "@/lib/contract/access";
import { formatDateTime } from "@/lib/format";
import { useLocale, useTimeZone } from "@/lib/hooks/use-locale";
import { useErrorText } from "@/lib/queries/error-text";
import { adminKeys, createUser, removeUser, resetPassword, updateUser, usersQueryOptions } from "@/lib/queries/admin";

/** A password shown once (created or reset): the admin passes it on; it is not stored in the clear. */
function OneTimeSecret({ kind, email, value }: { kind: "created" | "reset"; email: string; value: string }) {
  const t = useTranslations("admin.users.secret");
  return (
    <FormMessage tone="success">
      {t.rich("value", { label: t("label", { kind, email }), value, code: (chunks) => <code className="font-mono select-all">{chunks}</code> })}{" "}
      <CopyButton value={value} label={t("copy", { kind, email })} />
      <span className="block text-xs">{t("once")}</span>
    </FormMessage>
  );
}

export function UsersPanel({ selfId }: { selfId: string }) {
  const locale = useLocale();
  const timeZone = useTimeZone();
  const t = useTranslations("admin.users");
  const roles = useTranslations("common.roles");
  const errorText = useErrorText();
  const queryClient = useQueryClient();
  const users = useQuery(usersQueryOptions());
  const [secret, setSecret] = useState<{ kind: "created" | "reset"; email: string; value: string } | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: adminKeys.users() });

  const create = useMutation({ mutationFn: createUser, onSuccess: refresh });
  const update = useMutation({ mutationFn: ({ id, change }: { id: string; change: { role?: Role; disabled?: boolean } }) => updateUser(id, change), onSuccess: refresh });
  const reset = useMutation({ mutationFn: (user: User) => resetPassword(user.id), onSuccess: (r, user) => setSecret({ kind: "reset", email: user.email, value: r.password }) });
  const remove = useMutation({ mutationFn: (user: User) => removeUser(user.id), onSuccess: refresh });
  const failed = create.error ?? update.error ?? reset.error ?? remove.error;

  function onCreate(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const password = String(data.get("password") ?? "");
    create.mutate(
      { email: String(data.get("email") ?? ""), name: String(data.get("name") ?? "") || undefined, role: data.get("role") as Role, password: password || undefined },
      {
        onSuccess: (r) => {
          form.reset();
          setSecret(password ? null : { kind: "created", email: r.user.email, value: r.password });
        },
      },
    );
  }

  return (
    <main className="mx-auto w-full max-w-7xl space-y-6 px-4 py-6 sm:px-6 sm:py-8">
      <PageHeader title={t("title")} description={t("description")} />

      <Card as="section" aria-labelledby="new-user" className="space-y-4 p-4 sm:p-6">
        <h2 id="new-user" className="text-base font-semibold">
          {t("addHeading")}
        </h2>
        <form onSubmit={onCreate} className="grid gap-4 sm:grid-cols-2 lg:grid-cols-5 lg:items-end" noValidate>
          <Field label={t("email")} htmlFor="new-email">
            <input id="new-email" name="email" type="email" required className={inputClasses} />
          </Field>
          <Field label={t("name")} htmlFor="new-name">
            <input id="new-name" name="name" className={inputClasses} />
          </Field>
          <Field label={t("role")} htmlFor="new-role">
            <RoleSelect id="new-role" name="role" defaultValue="viewer" />
          </Field>
          <Field label={t("initialPassword")} htmlFor="new-password">
            <input id="new-password" name="password" type="password" autoComplete="new-password" placeholder={t("passwordPlaceholder")} className={inputClasses} />
          </Field>
          <Button type="submit" variant="primary" disabled={create.isPending}>
            {t("add")}
          </Button>
        </form>
        <dl className="grid gap-x-4 gap-y-1 text-xs text-zinc-600 sm:grid-cols-[auto_1fr] dark:text-zinc-400">
          {ROLES.map((role) => (
            <div key={role} className="contents">
              <dt className="font-medium">{roles(role)}</dt>
              <dd>{t(`roleHints.${role}`)}</dd>
            </div>
          ))}
        </dl>
        {secret ? <OneTimeSecret {...secret} /> : null}
        {failed ? <FormMessage tone="error">{errorText(failed)}</FormMessage> : null}
      </Card>

      <AdminListCard label={t("listLabel")} query={users} loading={t("loading")}>
        <AdminTableHead
          columns={[t("columns.email"), t("columns.name"), t("columns.role"), t("columns.methods"), t("columns.added"), t("columns.status"), null]}
        />
        <tbody>
          {users.data?.users.map((user) => (
            <tr key={user.id} className="border-b border-zinc-100 last:border-0 dark:border-zinc-800/60">
              <th scope="row" className="px-3 py-2 text-left font-medium">
                {user.email}
                {user.id === selfId ? <span className="ml-1 text-xs text-zinc-500">{t("you")}</span> : null}
              </th>
              <td className="px-3 py-2">{user.name}</td>
              <td className="px-3 py-2">
                <RoleSelect
                  aria-label={t("roleOf", { email: user.email })}
                  value={user.role}
                  disabled={update.isPending}
                  onChange={(e) => update.mutate({ id: user.id, change: { role: e.target.value as Role } })}
                  className="py-1"
                />
              </td>
              <td className="px-3 py-2">{user.methods.map((method) => t(`methods.${method}`)).join(t("methodSeparator")) || t("noMethods")}</td>
              <td className="px-3 py-2 whitespace-nowrap">{formatDateTime(Date.parse(user.createdAt), locale, timeZone)}</td>
              <td className="px-3 py-2">{user.disabled ? t("disabled") : t("active")}</td>
              <td className="px-3 py-2">
                <div className="flex justify-end gap-1">
                  <Button size="sm" variant="ghost" onClick={() => update.mutate({ id: user.id, change: { disabled: !user.disabled } })}>
                    {t.rich(user.disabled ? "enable" : "disable", { email: user.email, sr: (chunks) => <span className="sr-only">{chunks}</span> })}
                  </Button>
                  <Button size="sm" variant="ghost" onClick={() => reset.mutate(user)}>
                    {t.rich("resetPassword", { email: user.email, sr: (chunks) => <span className="sr-only">{chunks}</span> })}
                  </Button>
                  <ConfirmButton question={t("confirmRemove", { email: user.email })} onConfirm={() => remove.mutate(user)}>
                    {t.rich("remove", { email: user.email, sr: (chunks) => <span className="sr-only">{chunks}</span> })}
                  </ConfirmButton>
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </AdminListCard>
    </main>
  );
}
