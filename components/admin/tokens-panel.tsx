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
import type { Role } from "@/lib/contract/roles";
import { formatDateTime } from "@/lib/format";
import { useLocale, useTimeZone } from "@/lib/hooks/use-locale";
import { adminKeys, createToken, revokeToken, tokensQueryOptions } from "@/lib/queries/admin";

const NO_VALUE = "–";

export function TokensPanel() {
  const locale = useLocale();
  const timeZone = useTimeZone();
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
        title="API tokens"
        description={
          <>
            For scripts: send a token as <code className="font-mono">Authorization: Bearer &lt;token&gt;</code>. Each acts with its own role, within
            its own request quota, and shows in the audit log by name.
          </>
        }
      />

      <Card as="section" aria-labelledby="new-token" className="space-y-4 p-4 sm:p-6">
        <h2 id="new-token" className="text-base font-semibold">
          Create a token
        </h2>
        <form onSubmit={onCreate} className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4 lg:items-end" noValidate>
          <Field label="Name" htmlFor="token-name">
            <input id="token-name" name="name" required maxLength={64} placeholder="nightly-export" title="Letters, digits, dots, dashes and underscores: what the script is" className={inputClasses} />
          </Field>
          <Field label="Role" htmlFor="token-role">
            <RoleSelect id="token-role" name="role" defaultValue="support" />
          </Field>
          <Field label="Expires after (days)" htmlFor="token-expires">
            <input id="token-expires" name="expires" type="number" min={1} max={3650} placeholder="never: until revoked" className={inputClasses} />
          </Field>
          <Button type="submit" variant="primary" disabled={create.isPending}>
            Create token
          </Button>
        </form>
        {created ? (
          <FormMessage tone="success">
            Token {created.name}: <code className="font-mono break-all select-all">{created.token}</code>{" "}
            <CopyButton value={created.token} label="Copy token" />
            <span className="block text-xs">Shown this once: store it where the script can read it. Only its hash is kept.</span>
          </FormMessage>
        ) : null}
        {failed ? <FormMessage tone="error">{failed.message}</FormMessage> : null}
      </Card>

      <AdminListCard label="Live tokens" query={tokens} loading="Loading tokens…" empty={tokens.data?.tokens.length === 0 ? "No live tokens." : undefined}>
        <AdminTableHead columns={["Name", "Role", "Created by", "Created", "Expires", "Last used", null]} />
        <tbody>
          {tokens.data?.tokens.map((token) => (
            <tr key={token.name} className="border-b border-zinc-100 last:border-0 dark:border-zinc-800/60">
              <th scope="row" className="px-3 py-2 text-left font-mono font-medium">{token.name}</th>
              <td className="px-3 py-2">{token.role}</td>
              <td className="px-3 py-2">{token.createdBy}</td>
              <td className="px-3 py-2 whitespace-nowrap">{when(token.createdAt)}</td>
              <td className="px-3 py-2 whitespace-nowrap">{token.expiresAt ? when(token.expiresAt) : "never"}</td>
              <td className="px-3 py-2 whitespace-nowrap">{when(token.lastUsedAt)}</td>
              <td className="px-3 py-2 text-right">
                <Button
                  size="sm"
                  variant="ghost"
                  className="hover:text-red-700"
                  disabled={revoke.isPending}
                  onClick={() => {
                    if (window.confirm(`Revoke ${token.name}? Scripts using it are refused from their next request.`)) revoke.mutate(token.name);
                  }}
                >
                  Revoke<span className="sr-only"> {token.name}</span>
                </Button>
              </td>
            </tr>
          ))}
        </tbody>
      </AdminListCard>
    </main>
  );
}
