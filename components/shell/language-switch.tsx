"use client";

import { useLocale, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { isUiLocale, LOCALE_COOKIE, LOCALE_NAMES, PREFERENCE_COOKIE_MAX_AGE_S, UI_LOCALES } from "@/lib/i18n/locales";


/**
 * The reader's language, kept in a cookie for a year (it wins over the browser's Accept-Language),
 * and the page rendered again in it on the server: the URL, and whatever it shows, stay.
 */
export function LanguageSwitch() {
  const t = useTranslations("shell");
  const locale = useLocale();
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  return (
    <select
      aria-label={t("language")}
      value={locale}
      disabled={pending}
      onChange={(event) => {
        const next = event.target.value;
        if (!isUiLocale(next)) return;
        document.cookie = `${LOCALE_COOKIE}=${next}; path=/; max-age=${PREFERENCE_COOKIE_MAX_AGE_S}; samesite=lax`;
        startTransition(() => router.refresh());
      }}
      className="h-8 rounded-md border border-zinc-300 bg-white px-1.5 text-sm text-zinc-700 focus-visible:outline-2 focus-visible:outline-sky-500 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-300"
    >
      {UI_LOCALES.map((option) => (
        <option key={option} value={option} lang={option}>
          {LOCALE_NAMES[option]}
        </option>
      ))}
    </select>
  );
}
