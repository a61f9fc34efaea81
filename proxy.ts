import { NextResponse, type NextRequest } from "next/server";
import { decodeSegment } from "@/lib/api/direct-lane.mjs";
import { malformedSegment } from "@/lib/api/direct-routes";
import { errorResponse, toApiFailure } from "@/lib/api/errors";
import { PATH_HEADER, SIGN_IN_PATH, signInRedirect } from "@/lib/auth/page-paths";
import { SESSION_COOKIE } from "@/lib/auth/names";
import { pageSecurityHeaders } from "@/lib/api/page-headers";
import { requestLocale } from "@/lib/i18n/negotiate";

// Runs in front of every page, and of the API paths that hold a percent sign.
//  - A path segment that is not valid percent-encoding makes Next fail before any route runs (a
//    plain-text 500); it is answered here instead: a 400 in the API's error shape, or a short page.
//  - Pages get a Content-Security-Policy whose scripts run by this request's nonce only (Next puts
//    the nonce on its own scripts when it finds the policy on the request).
//  - A page asked for without a session cookie redirects to the sign-in page, which returns here
//    afterwards. Whether the cookie's session is live is for the page itself to ask
//    (lib/auth/page-session.ts): that takes the database, which this file does not touch.

const BAD_PATH_PAGE = `<!doctype html><meta charset="utf-8"><title>Bad address</title><p>This address is not valid percent-encoding. <a href="/">Go to Roomscope</a>.</p>`;

/** A stand-in at a loopback http address serves room covers from there (lib/env.ts allows plain http for loopback only). */
function standInOrigin(raw: string | undefined): string | null {
  if (!raw) return null;
  try {
    const url = new URL(raw);
    return url.protocol === "http:" && /^(127\.\d+\.\d+\.\d+|localhost|\[::1\])$/.test(url.hostname) ? url.origin : null;
  } catch {
    return null;
  }
}

function brokenEncoding(path: string): boolean {
  return path.includes("%") && path.split("/").some((segment) => decodeSegment(segment) === null);
}

export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  if (pathname.startsWith("/api/")) {
    if (!brokenEncoding(pathname)) return undefined;
    // Answered here rather than by withApi, so with the request id withApi would have given it.
    const refused = errorResponse(toApiFailure(malformedSegment(), requestLocale((name) => request.headers.get(name))));
    refused.headers.set("x-request-id", crypto.randomUUID());
    return refused;
  }
  const nonce = btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16))));
  const https = request.nextUrl.protocol === "https:" || request.headers.get("x-forwarded-proto") === "https";
  const security = pageSecurityHeaders(nonce, { https, dev: process.env.NODE_ENV === "development", imageOrigin: standInOrigin(process.env.TENCENT_API_BASE_URL) });
  if (brokenEncoding(pathname)) return new NextResponse(BAD_PATH_PAGE, { status: 400, headers: { "content-type": "text/html; charset=utf-8", ...security } });

  if (pathname !== SIGN_IN_PATH && !request.cookies.has(SESSION_COOKIE)) {
    const response = NextResponse.redirect(new URL(signInRedirect(`${pathname}${search}`), request.url), 303);
    for (const [name, value] of Object.entries(security)) response.headers.set(name, value);
    return response;
  }
  const headers = new Headers(request.headers);
  headers.set("x-nonce", nonce);
  headers.set("content-security-policy", security["content-security-policy"]);
  headers.set(PATH_HEADER, `${pathname}${search}`);
  const response = NextResponse.next({ request: { headers } });
  for (const [name, value] of Object.entries(security)) response.headers.set(name, value);
  return response;
}

export const config = {
  matcher: ["/api/:path(.*%.*)", "/((?!api/|_next/static|_next/image|icon.svg|favicon.ico|robots.txt).*)"],
};
