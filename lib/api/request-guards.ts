import "server-only";
import { DomainError } from "@/lib/errors/domain-error";

// Checks on the request itself, before anyone is authenticated: that a state-changing request
// comes from the console's own pages (a cookie is sent by the browser whoever made the page), and
// the security headers every API answer carries.

const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"]);

export function isUnsafeMethod(method: string): boolean {
  return UNSAFE.has(method);
}

/** The origins the console's own pages have: CONSOLE_URL when set, else the request's own. */
function ownOrigin(req: Request, consoleUrl: string | undefined, trustProxy: boolean): string {
  if (consoleUrl) return consoleUrl;
  const forwardedProto = trustProxy ? req.headers.get("x-forwarded-proto")?.split(",")[0]?.trim() : undefined;
  // req.url is absolute: its scheme is what comes before the first colon.
  const protocol = forwardedProto === "https" || forwardedProto === "http" ? `${forwardedProto}:` : req.url.slice(0, req.url.indexOf(":") + 1);
  return `${protocol}//${req.headers.get("host") ?? new URL(req.url).host}`;
}

/**
 * Refuses a state-changing request that a browser made for another site's page. Browsers send
 * Origin on every cross-origin POST, PUT, PATCH and DELETE (and Sec-Fetch-Site on all of them); a
 * request with neither is not from a browser page at all and must use an API token instead.
 */
export function requireSameOrigin(req: Request, consoleUrl: string | undefined, trustProxy: boolean): void {
  const origin = req.headers.get("origin");
  if (origin !== null) {
    if (origin === ownOrigin(req, consoleUrl, trustProxy)) return;
    throw new DomainError("cross_origin");
  }
  const site = req.headers.get("sec-fetch-site");
  if (site === "same-origin") return;
  throw new DomainError("cross_origin");
}

export function isHttps(req: Request, consoleUrl: string | undefined, trustProxy: boolean): boolean {
  return ownOrigin(req, consoleUrl, trustProxy).startsWith("https:");
}

/** What every API answer carries: never rendered as a page, framed, sniffed or sent on as a referrer. */
const API_SECURITY_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
  "content-security-policy": "default-src 'none'; frame-ancestors 'none'",
  "x-frame-options": "DENY",
  "cross-origin-resource-policy": "same-origin",
});
const API_SECURITY_HEADERS_HTTPS = Object.freeze({ ...API_SECURITY_HEADERS, "strict-transport-security": "max-age=31536000; includeSubDomains" });

export function apiSecurityHeaders(https: boolean): Readonly<Record<string, string>> {
  return https ? API_SECURITY_HEADERS_HTTPS : API_SECURITY_HEADERS;
}
