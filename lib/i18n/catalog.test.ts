// The Chinese catalog says everything the English one does, with the same placeholders, and
// nothing it does not; every message is valid ICU in its language.
import { IntlMessageFormat } from "intl-messageformat";
import { describe, expect, it } from "vitest";
import { MESSAGE_FILES, MESSAGES } from "./catalog";
import { UI_LOCALES } from "./locales";

type Tree = { [key: string]: string | Tree };

/** Every message as [dotted key, text]. */
function leaves(tree: Tree, prefix = ""): [string, string][] {
  return Object.entries(tree).flatMap(([key, value]) => (typeof value === "string" ? [[`${prefix}${key}`, value]] : leaves(value, `${prefix}${key}.`)));
}

/** The names a message fills in: {name}, {count, plural, ...}, <tag>...</tag>. */
function placeholders(text: string, locale: string): string[] {
  const names = new Set<string>();
  const walk = (elements: ReturnType<IntlMessageFormat["getAst"]>) => {
    for (const element of elements) {
      if ("value" in element && typeof element.value === "string" && element.type !== 0) names.add(element.value);
      if ("options" in element) for (const option of Object.values(element.options)) walk(option.value);
      if ("children" in element) walk(element.children);
    }
  };
  walk(new IntlMessageFormat(text, locale).getAst());
  return [...names].sort();
}

describe("the message catalog", () => {
  const en = new Map(leaves(MESSAGES.en as unknown as Tree));

  for (const locale of UI_LOCALES.filter((l) => l !== "en")) {
    it(`has every English key in ${locale}, and no other`, () => {
      const keys = leaves(MESSAGES[locale] as unknown as Tree).map(([key]) => key);
      expect(keys.filter((key) => !en.has(key))).toEqual([]);
      expect([...en.keys()].filter((key) => !keys.includes(key))).toEqual([]);
    });

    it(`fills the same placeholders in ${locale} as in English`, () => {
      const differing = leaves(MESSAGES[locale] as unknown as Tree)
        .filter(([key, text]) => JSON.stringify(placeholders(text, locale)) !== JSON.stringify(placeholders(en.get(key)!, "en")))
        .map(([key]) => key);
      expect(differing).toEqual([]);
    });
  }

  it("parses every message as ICU", () => {
    for (const locale of UI_LOCALES) {
      for (const [key, text] of leaves(MESSAGES[locale] as unknown as Tree)) {
        expect(() => new IntlMessageFormat(text, locale), `${locale} ${key}`).not.toThrow();
      }
    }
  });

  it("gives each namespace to one file", () => {
    for (const locale of UI_LOCALES) {
      const owners = new Map<string, string>();
      for (const [file, namespaces] of Object.entries(MESSAGE_FILES[locale])) {
        for (const namespace of Object.keys(namespaces)) {
          expect(owners.get(namespace), `${locale}: ${namespace} in ${owners.get(namespace)} and ${file}`).toBeUndefined();
          owners.set(namespace, file);
        }
      }
    }
  });
});

describe("the rate window's words", () => {
  // Every rate chart and figure says its window; the room page's Playwright spec checks the English
  // in Chromium, this the Chinese as the catalog words it.
  const format = (locale: "en" | "zh-CN", text: string, values: Record<string, string | number>) => new IntlMessageFormat(text, locale).format(values);
  const words = (locale: "en" | "zh-CN") => (MESSAGES[locale] as unknown as { common: { rateWindow: Record<string, string | Record<string, string>> } }).common.rateWindow;

  it("names a rate with its window in both languages", () => {
    expect(format("en", words("en").title as string, { rate: "Messages per minute", minutes: 5 })).toBe("Messages per minute, 5-minute window");
    expect(format("zh-CN", words("zh-CN").title as string, { rate: "每分钟消息", minutes: 5 })).toBe("每分钟消息（5 分钟窗口）");
    expect(format("zh-CN", words("zh-CN").noFullWindow as string, { minutes: 15 })).toBe("尚无完整记录的 15 分钟窗口");
    expect(words("zh-CN").label).toBe("速率窗口");
    expect(words("zh-CN").options).toEqual({ "1m": "1 分钟", "5m": "5 分钟", "15m": "15 分钟" });
  });
});
