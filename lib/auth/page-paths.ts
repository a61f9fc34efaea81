import { safeReturnPath } from "@/lib/auth/return-path";

// The sign-in page and the way back from it, for proxy.ts and the pages.

export const SIGN_IN_PATH = "/sign-in";
/** Set by proxy.ts on every page request: the path and query the browser asked for. */
export const PATH_HEADER = "x-roomscope-path";

export function signInRedirect(returnTo: string): string {
  const next = safeReturnPath(returnTo);
  return next === "/" ? SIGN_IN_PATH : `${SIGN_IN_PATH}?next=${encodeURIComponent(next)}`;
}
