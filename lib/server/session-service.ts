import "server-only";
import type { Access } from "@/lib/auth/access";
import { SSO_ERROR_PATH, SSO_PROVIDER_ID } from "@/lib/auth/better-auth";
import { SESSION_COOKIE } from "@/lib/auth/names";
import { userPrincipal, type Principal } from "@/lib/auth/principal";
import { safeReturnPath } from "@/lib/auth/return-path";
import { PERMISSIONS, can } from "@/lib/contract/roles";
import { normaliseEmail } from "@/lib/auth/sign-in-throttle";
import type { SessionResponse } from "@/lib/contract/access";
import { DomainError } from "@/lib/errors/domain-error";

// Signing in and out, with a password or single sign-on, through Better Auth's server API. Each
// answer carries the cookies Better Auth set, for the route to send back; failures are the API's
// codes, the same whether or not the account exists.

export interface SignedIn {
  principal: Principal & { kind: "user" };
  setCookies: string[];
}

const CLEAR_SESSION_COOKIE = `${SESSION_COOKIE}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax`;
const SSO_CALLBACK_PATH = `/api/auth/callback/${SSO_PROVIDER_ID}`;

type BetterAuthUser = { id: string; email: string; name: string; role?: unknown };

export function createSessionService(access: Access) {
  const { auth, throttle } = access;
  return {
    describe(principal: Principal): SessionResponse {
      return {
        user: { id: principal.id, email: principal.label, name: principal.kind === "user" ? principal.name : principal.label, role: principal.role, kind: principal.kind },
        permissions: PERMISSIONS.filter((p) => can(principal.role, p)),
      };
    },

    async signIn(req: Request, credentials: { email: string; password: string }, address: string | null): Promise<SignedIn> {
      const email = normaliseEmail(credentials.email);
      const allowed = await throttle.check(email, address);
      if (!allowed.ok) throw new DomainError("sign_in_throttled", { retryAfterMs: allowed.retryAfterMs, retryAfterS: Math.ceil(allowed.retryAfterMs / 1000) });
      await access.initialised;
      const response = await auth.api.signInEmail({ body: { email, password: credentials.password, rememberMe: true }, headers: req.headers, asResponse: true });
      if (response.status >= 500) throw new Error(`sign-in failed with status ${response.status}`);
      if (!response.ok) {
        await throttle.failed(email, address);
        throw new DomainError("invalid_credentials");
      }
      await throttle.succeeded(email);
      // The answer names the user who signed in: no second read of the session just made.
      const { user } = (await response.json()) as { user: BetterAuthUser };
      return { principal: userPrincipal(user), setCookies: response.headers.getSetCookie() };
    },

    /** Ends the session the request carries, if any; the cookie is cleared either way. */
    async signOut(req: Request): Promise<string[]> {
      await access.initialised;
      await access.forget(req);
      const response = await auth.api.signOut({ headers: req.headers, asResponse: true }).catch(() => null);
      const cookies = response?.ok ? response.headers.getSetCookie() : [];
      return cookies.length > 0 ? cookies : [CLEAR_SESSION_COOKIE];
    },

    /** Where to send the browser to sign in with the identity provider, and the state cookies. */
    async startSso(req: Request, returnTo: string | undefined): Promise<{ url: string; setCookies: string[] }> {
      if (!access.oidc) throw new DomainError("not_found", { reason: "sso" });
      await access.initialised;
      const response = await auth.api.signInSocial({
        body: { provider: SSO_PROVIDER_ID, callbackURL: safeReturnPath(returnTo), errorCallbackURL: SSO_ERROR_PATH, disableRedirect: true },
        headers: req.headers,
        asResponse: true,
      });
      if (!response.ok) throw new Error(`starting single sign-on failed with status ${response.status}`);
      const { url } = (await response.json()) as { url: string };
      return { url, setCookies: response.headers.getSetCookie() };
    },

    /**
     * The identity provider's redirect back: Better Auth checks state and PKCE, creates or updates the
     * user and the session, and redirects to the page the user started from.
     */
    async ssoCallback(req: Request): Promise<{ response: Response; principal: (Principal & { kind: "user" }) | null }> {
      if (!access.oidc || new URL(req.url).pathname !== SSO_CALLBACK_PATH) throw new DomainError("not_found");
      await access.initialised;
      const response = await auth.handler(req);
      const sessionCookie = response.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`) && !/max-age=0/i.test(c));
      if (!sessionCookie) return { response, principal: null };
      const session = await auth.api.getSession({ headers: new Headers({ cookie: sessionCookie.split(";", 1)[0]! }) });
      return { response, principal: session ? userPrincipal(session.user as BetterAuthUser) : null };
    },
  };
}

export type SessionService = ReturnType<typeof createSessionService>;
