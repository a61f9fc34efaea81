import "server-only";
import { cookies, headers } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { cache } from "react";
import { MESSAGES } from "./catalog";
import { readerLocale } from "./negotiate";

// next-intl's configuration for a page render (next.config.mjs points its plugin here): the
// reader's language with its messages, and the time zone their times are shown in.

/** The reader of this page render, once per request. */
export const currentReader = cache(async () => {
  const [cookieStore, headerList] = await Promise.all([cookies(), headers()]);
  return readerLocale({
    cookie: cookieStore.toString(),
    acceptLanguage: headerList.get("accept-language"),
  });
});

export default getRequestConfig(async () => {
  const { locale, timeZone } = await currentReader();
  return { locale, timeZone, messages: MESSAGES[locale] };
});
