// Browser-safe: the server's exports (history, audit) and the watchlist's download in the page
// quote cells the same way.

/**
 * One CSV field: RFC 4180 quoting, plus a leading quote on anything a spreadsheet would run as a
 * formula (=, +, -, @, a tab or a carriage return first).
 */
export function csvCell(value: string | number | null): string {
  if (value === null) return "";
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
