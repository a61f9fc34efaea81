"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
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
import { adminKeys, createUser, removeUser, resetPassword, updateUser, usersQueryOptions } from "@/lib/queries/admin";

const ROLE_HINTS: Record<Role, string> = {
  admin: "everything, plus users, API tokens and the audit log",
  ops: "look up any room and manage the watchlist",
  support: "look up any room, view history and reports, export",
  viewer: "the watchlist's rooms only: history, reports, export",
};

/** A password shown once (created or reset): the admin passes it on; it is not stored in the clear. */
function OneTimeSecret({ label, value }: { label: string; value: string }) {
  return (
    <FormMessage tone="success">
      {label}: <code className="font-mono select-all">{value}</code> <CopyButton value={value} label={`Copy ${label.toLowerCase()}`} />
      <span className="block text-xs">Shown this once: pass it on now.</span>
    </FormMessage>
  );
}

export function UsersPanel({ selfId }: { selfId: string }) {
  const locale = useLocale();
  const timeZone = useTimeZone();
  const queryClient = useQueryClient();
  const users = useQuery(usersQueryOptions());
  const [secret, setSecret] = useState<{ label: string; value: string } | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: adminKeys.users() });

  const create = useMutation({ mutationFn: createUser, onSuccess: refresh });
  const update = useMutation({ mutationFn: ({ id, change }: { id: string; change: { role?: Role; disabled?: boolean } }) => updateUser(id, change), onSuccess: refresh });
  const reset = useMutation({ mutationFn: (user: User) => resetPassword(user.id), onSuccess: (r, user) => setSecret({ label: `New password for ${user.email}`, value: r.password }) });
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
          setSecret(password ? null : { label: `Password for ${r.user.email}`, value: r.password });
        },
      },
    );
  }

  return (
    <main className="mx-auto w-full max-w-7xl space-y-6 px-4 py-6 sm:px-6 sm:py-8">
      <PageHeader title="Users" description="Who may sign in to this console, and what each role may do. Changes take effect on the user's next request." />

      <Card as="section" aria-labelledby="new-user" className="space-y-4 p-4 sm:p-6">
        <h2 id="new-user" className="text-base font-semibold">
          Add a user
        </h2>
        <form onSubmit={onCreate} className="grid gap-4 sm:grid-cols-2 lg:grid-cols-5 lg:items-end" noValidate>
          <Field label="Email" htmlFor="new-email">
            <input id="new-email" name="email" type="email" required className={inputClasses} />
          </Field>
          <Field label="Name" htmlFor="new-name">
            <input id="new-name" name="name" className={inputClasses} />
          </Field>
          <Field label="Role" htmlFor="new-role">
            <RoleSelect id="new-role" name="role" defaultValue="viewer" />
          </Field>
          <Field label="Initial password" htmlFor="new-password">
            <input id="new-password" name="password" type="password" autoComplete="new-password" placeholder="generated if empty" className={inputClasses} />
          </Field>
          <Button type="submit" variant="primary" disabled={create.isPending}>
            Add user
          </Button>
        </form>
        <dl className="grid gap-x-4 gap-y-1 text-xs text-zinc-600 sm:grid-cols-[auto_1fr] dark:text-zinc-400">
          {ROLES.map((role) => (
            <div key={role} className="contents">
              <dt className="font-medium">{role}</dt>
              <dd>{ROLE_HINTS[role]}</dd>
            </div>
          ))}
        </dl>
        {secret ? <OneTimeSecret {...secret} /> : null}
        {failed ? <FormMessage tone="error">{failed.message}</FormMessage> : null}
      </Card>

      <AdminListCard label="Accounts" query={users} loading="Loading users…">
        <AdminTableHead columns={["Email", "Name", "Role", "Signs in with", "Added", "Status", null]} />
        <tbody>
          {users.data?.users.map((user) => (
            <tr key={user.id} className="border-b border-zinc-100 last:border-0 dark:border-zinc-800/60">
              <th scope="row" className="px-3 py-2 text-left font-medium">
                {user.email}
                {user.id === selfId ? <span className="ml-1 text-xs text-zinc-500">(you)</span> : null}
              </th>
              <td className="px-3 py-2">{user.name}</td>
              <td className="px-3 py-2">
                <RoleSelect
                  aria-label={`Role of ${user.email}`}
                  value={user.role}
                  disabled={update.isPending}
                  onChange={(e) => update.mutate({ id: user.id, change: { role: e.target.value as Role } })}
                  className="py-1"
                />
              </td>
              <td className="px-3 py-2">{user.methods.join(", ") || "nothing yet"}</td>
              <td className="px-3 py-2 whitespace-nowrap">{formatDateTime(Date.parse(user.createdAt), locale, timeZone)}</td>
              <td className="px-3 py-2">{user.disabled ? "Disabled" : "Active"}</td>
              <td className="px-3 py-2">
                <div className="flex justify-end gap-1">
                  <Button size="sm" variant="ghost" onClick={() => update.mutate({ id: user.id, change: { disabled: !user.disabled } })}>
                    {user.disabled ? "Enable" : "Disable"}
                    <span className="sr-only"> {user.email}</span>
                  </Button>
                  <Button size="sm" variant="ghost" onClick={() => reset.mutate(user)}>
                    Reset password<span className="sr-only"> of {user.email}</span>
                  </Button>
                  <Button
                    size="sm"
                    variant="ghost"
                    className="hover:text-red-700"
                    onClick={() => {
                      if (window.confirm(`Remove ${user.email}? Their sessions end now; the audit log keeps what they did.`)) remove.mutate(user);
                    }}
                  >
                    Remove<span className="sr-only"> {user.email}</span>
                  </Button>
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </AdminListCard>
    </main>
  );
}
