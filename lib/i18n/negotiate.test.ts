import { describe, expect, it } from "vitest";
import { formatLocaleFor, readerLocale, requestLocale, uiLocaleFor } from "./negotiate";

describe("the reader's language", () => {
  it("is their saved choice, whatever the browser asks for", () => {
    expect(uiLocaleFor("zh-CN", "en-US,en;q=0.9")).toBe("zh-CN");
    expect(uiLocaleFor("en", "zh-CN")).toBe("en");
  });

  it("else the first language of Accept-Language the console speaks, any Chinese reading Chinese", () => {
    expect(uiLocaleFor(null, "zh-CN,zh;q=0.9,en;q=0.8")).toBe("zh-CN");
    expect(uiLocaleFor(null, "zh-TW")).toBe("zh-CN");
    expect(uiLocaleFor(null, "fr-FR,zh;q=0.5,en;q=0.4")).toBe("zh-CN");
    expect(uiLocaleFor(null, "en;q=0.4, zh-CN;q=0.8")).toBe("zh-CN");
    expect(uiLocaleFor(null, "de-DE,en-GB;q=0.9")).toBe("en");
  });

  it("else English, for no header, junk, or languages it does not speak, and a saved choice it does not know", () => {
    for (const header of [null, undefined, "", "*", ";;,", "not a tag!", "fr-FR,de"]) expect(uiLocaleFor(null, header)).toBe("en");
    expect(uiLocaleFor("klingon", "fr")).toBe("en");
  });
});

describe("the locale numbers and dates follow", () => {
  it("is the reader's regional variant of the page's language", () => {
    expect(formatLocaleFor("en", "en-GB,en;q=0.9")).toBe("en-GB");
    expect(formatLocaleFor("en", "en-IN")).toBe("en-IN");
    expect(formatLocaleFor("zh-CN", "zh-CN,zh;q=0.9")).toBe("zh-CN");
  });

  it("never another language's: an English page read by a Chinese browser formats in English", () => {
    expect(formatLocaleFor("en", "zh-CN,zh;q=0.9")).toBe("en");
    expect(formatLocaleFor("zh-CN", "en-GB")).toBe("zh-CN");
    expect(formatLocaleFor("en", null)).toBe("en");
  });
});

describe("a request's reader", () => {
  it("reads the language and zone cookies and Accept-Language", () => {
    expect(readerLocale({ cookie: "a=1; roomscope.locale=zh-CN; roomscope.tz=Asia%2FShanghai", acceptLanguage: "en-GB" })).toEqual({
      locale: "zh-CN",
      formatLocale: "zh-CN",
      timeZone: "Asia/Shanghai",
    });
    expect(readerLocale({ cookie: null, acceptLanguage: "en-GB" })).toEqual({ locale: "en", formatLocale: "en-GB", timeZone: "UTC" });
  });

  it("ignores a zone this runtime does not know", () => {
    expect(readerLocale({ cookie: "roomscope.tz=Mars%2FOlympus", acceptLanguage: null }).timeZone).toBe("UTC");
  });

  it("gives the API's answers the same language as the pages", () => {
    const headers = new Headers({ cookie: "roomscope.locale=zh-CN", "accept-language": "en" });
    expect(requestLocale((name) => headers.get(name))).toBe("zh-CN");
    expect(requestLocale(() => null)).toBe("en");
  });
});
