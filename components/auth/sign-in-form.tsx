"use client";

import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Field, FormMessage, inputClasses } from "@/components/ui/field";
import { useTranslations } from "next-intl";
import { useErrorText } from "@/lib/queries/error-text";
import { signIn, startSso } from "@/lib/queries/session";

/** Email and password, or the team's identity provider; back to `next` afterwards. */
export function SignInForm({ next, ssoName, ssoFailed }: { next: string; ssoName: string | null; ssoFailed: boolean }) {
  const t = useTranslations();
  const s = useTranslations("signIn");
  const errorText = useErrorText();
  const [error, setError] = useState<string | null>(ssoFailed ? t("sso.sso_failed") : null);
  const [pending, setPending] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    try {
      await signIn(String(form.get("email") ?? ""), String(form.get("password") ?? ""));
      // A full load: the layout reads the new session on the server.
      window.location.assign(next);
    } catch (e) {
      setError(errorText(e));
      setPending(false);
    }
  }

  async function sso() {
    setPending(true);
    setError(null);
    try {
      window.location.assign((await startSso(next)).url);
    } catch (e) {
      setError(errorText(e));
      setPending(false);
    }
  }

  return (
    <div className="space-y-6">
      <form onSubmit={submit} className="space-y-4" noValidate>
        <Field label={s("email")} htmlFor="email">
          <input id="email" name="email" type="email" autoComplete="username" required autoFocus className={inputClasses} />
        </Field>
        <Field label={s("password")} htmlFor="password">
          <input id="password" name="password" type="password" autoComplete="current-password" required className={inputClasses} />
        </Field>
        {error ? <FormMessage tone="error">{error}</FormMessage> : null}
        <Button type="submit" variant="primary" className="w-full" disabled={pending}>
          {s("submit")}
        </Button>
      </form>
      {ssoName ? (
        <div className="space-y-3 border-t border-zinc-200 pt-6 dark:border-zinc-800">
          <Button className="w-full" onClick={() => void sso()} disabled={pending}>
            {s("withSso", { provider: ssoName })}
          </Button>
        </div>
      ) : null}
    </div>
  );
}
