import type { Messages } from "./catalog";
import type { UiLocale } from "./locales";

// next-intl's types for this console: every key a page asks for must be in the English catalog,
// and every locale it is given must be one the console speaks.
declare module "next-intl" {
  interface AppConfig {
    Locale: UiLocale;
    Messages: Messages;
  }
}
