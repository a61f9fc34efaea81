import "server-only";
import { createTranslator } from "next-intl";
import { MESSAGES } from "./catalog";
import { DEFAULT_UI_LOCALE, type UiLocale } from "./locales";
import { problemTexts, type MessageParams, type ProblemTexts, type Translate } from "./problems";

// The catalog outside a page: the API's error messages (lib/api/errors.ts, in the language of the
// request), the command line's (English). One translator per language, made on first use.

const texts = new Map<UiLocale, { t: Translate; problems: ProblemTexts }>();

function forLocale(locale: UiLocale) {
  let found = texts.get(locale);
  if (!found) {
    const t = createTranslator({ locale, messages: MESSAGES[locale] }) as unknown as Translate;
    found = { t, problems: problemTexts(t) };
    texts.set(locale, found);
  }
  return found;
}

/** The sentence for an API error code, narrowed by `params.reason` where the catalog has one. */
export function errorMessage(code: string, params: MessageParams & { reason?: string } = {}, locale: UiLocale = DEFAULT_UI_LOCALE): string {
  return forLocale(locale).problems.errorMessage(code, params);
}

/** Any message of the catalog by its full key. */
export function message(key: string, params: MessageParams = {}, locale: UiLocale = DEFAULT_UI_LOCALE): string {
  return forLocale(locale).t(key, params);
}

export function problems(locale: UiLocale): ProblemTexts {
  return forLocale(locale).problems;
}
