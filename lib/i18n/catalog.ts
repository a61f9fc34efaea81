import "server-only";
import enProblems from "./messages/en/problems.json";
import enCommon from "./messages/en/common.json";
import enShell from "./messages/en/shell.json";
import enHome from "./messages/en/home.json";
import enRoom from "./messages/en/room.json";
import enReport from "./messages/en/report.json";
import enWatchlist from "./messages/en/watchlist.json";
import enCompare from "./messages/en/compare.json";
import enAdmin from "./messages/en/admin.json";
import enCharts from "./messages/en/charts.json";
import enCsv from "./messages/en/csv.json";
import enWall from "./messages/en/wall.json";
import enTime from "./messages/en/time.json";
import enAlerts from "./messages/en/alerts.json";
import enLive from "./messages/en/live.json";
import zhProblems from "./messages/zh-CN/problems.json";
import zhCommon from "./messages/zh-CN/common.json";
import zhShell from "./messages/zh-CN/shell.json";
import zhHome from "./messages/zh-CN/home.json";
import zhRoom from "./messages/zh-CN/room.json";
import zhReport from "./messages/zh-CN/report.json";
import zhWatchlist from "./messages/zh-CN/watchlist.json";
import zhCompare from "./messages/zh-CN/compare.json";
import zhAdmin from "./messages/zh-CN/admin.json";
import zhCharts from "./messages/zh-CN/charts.json";
import zhCsv from "./messages/zh-CN/csv.json";
import zhWall from "./messages/zh-CN/wall.json";
import zhTime from "./messages/zh-CN/time.json";
import zhAlerts from "./messages/zh-CN/alerts.json";
import zhLive from "./messages/zh-CN/live.json";
import type { UiLocale } from "./locales";

// Every sentence the console says, in each language it speaks: the UI, the API's error messages,
// the CSV headers and the printed report. Messages are ICU (placeholders in braces, plurals and
// selects), read by next-intl in pages and by lib/i18n/messages.ts elsewhere. Each file of
// messages/<locale>/ holds the namespaces of one part of the console; the English ones define the
// keys (next-intl's types check every key the code uses against them) and a test holds the
// Chinese ones to the same keys and placeholders. Server-only: pages receive their language's
// messages through NextIntlClientProvider, so a browser never downloads the other language.

/** Each file's namespaces, by file, for the test that no namespace is in two files. */
export const MESSAGE_FILES = {
  en: { problems: enProblems, common: enCommon, shell: enShell, home: enHome, room: enRoom, report: enReport, watchlist: enWatchlist, compare: enCompare, admin: enAdmin, charts: enCharts, csv: enCsv, wall: enWall, time: enTime, alerts: enAlerts, live: enLive },
  "zh-CN": { problems: zhProblems, common: zhCommon, shell: zhShell, home: zhHome, room: zhRoom, report: zhReport, watchlist: zhWatchlist, compare: zhCompare, admin: zhAdmin, charts: zhCharts, csv: zhCsv, wall: zhWall, time: zhTime, alerts: zhAlerts, live: zhLive },
} as const;

const en = { ...enProblems, ...enCommon, ...enShell, ...enHome, ...enRoom, ...enReport, ...enWatchlist, ...enCompare, ...enAdmin, ...enCharts, ...enCsv, ...enWall, ...enTime, ...enAlerts, ...enLive };

export type Messages = typeof en;

export const MESSAGES: Record<UiLocale, Messages> = {
  en,
  "zh-CN": { ...zhProblems, ...zhCommon, ...zhShell, ...zhHome, ...zhRoom, ...zhReport, ...zhWatchlist, ...zhCompare, ...zhAdmin, ...zhCharts, ...zhCsv, ...zhWall, ...zhTime, ...zhAlerts, ...zhLive } as Messages,
};
