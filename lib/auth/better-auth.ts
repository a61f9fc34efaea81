import "server-only";
import { betterAuth, type BetterAuthOptions } from "better-auth";
import { getMigrations } from "better-auth/db/migration";
import { genericOAuth } from "better-auth/plugins/generic-oauth";
import type { Kysely } from "kysely";
import { CLIENT_ADDRESS_HEADER, COOKIE_PREFIX } from "@/lib/auth/names";
import { isRole, LEAST_ROLE, strongestRole, type Role } from "@/lib/contract/roles";

// Better Auth holds the accounts, password hashes (scrypt, memory-hard), database sessions and the
// OpenID Connect flow (authorization code with PKCE). It is configured to keep no session in a
// cookie cache, so signing out, disabling a user or changing a role takes effect on the very next
// request. Roles and the disabled flag are two fields on its user; who may do what is ours
// (lib/contract/roles.ts). Its HTTP endpoints are reachable only where app/api/auth/[...path] lets them.

export const SSO_PROVIDER_ID = "oidc";
/** Where a single sign-on that did not complete lands; Better Auth appends its own `error` code. */
export const SSO_ERROR_PATH = "/sign-in?error=sso";

export interface AuthSettings {
  db: Kysely<never>;
  dbType: "sqlite" | "postgres";
  secret: string;
  /** The console's public origin when configured; otherwise each request's own. */
  baseURL?: string;
  session: { idleMs: number };
  oidc?: { issuer: string; clientId: string; clientSecret: string; roleClaim: string };
}

/**
 * The role an identity provider's claim maps to: values `roomscope-admin`, `roomscope-ops`,
 * `roomscope-support` or `roomscope-viewer`, as a string or within a list (a `groups` claim); the
 * strongest wins. Bare names are not taken: an IdP's own "admin" group is not this console's.
 */
export function roleFromClaim(value: unknown): Role | undefined {
  const values = Array.isArray(value) ? value : [value];
  const roles = values.flatMap((v) => (typeof v === "string" && v.startsWith("roomscope-") && isRole(v.slice(10)) ? [v.slice(10) as Role] : []));
  return strongestRole(roles);
}

function authOptions(settings: AuthSettings) {
  const idleSeconds = Math.round(settings.session.idleMs / 1000);
  const oidc = settings.oidc;
  return {
    appName: "Roomscope",
    secret: settings.secret,
    baseURL: settings.baseURL,
    basePath: "/api/auth",
    database: { db: settings.db, type: settings.dbType },
    emailAndPassword: { enabled: true, disableSignUp: true, minPasswordLength: 12, maxPasswordLength: 128, autoSignIn: false },
    user: {
      additionalFields: {
        // Settable only by our own server-side calls: the endpoints that take user input (sign-up,
        // update-user) are not reachable (app/api/auth/[...path]/route.ts).
        role: { type: "string", required: false, defaultValue: LEAST_ROLE, input: true },
        disabled: { type: "boolean", required: false, defaultValue: false, input: false },
      },
    },
    session: {
      // Idle expiry: each use at least `updateAge` after the last extension moves the expiry on. The
      // absolute limit is checked on every request (lib/auth/authenticate.ts).
      expiresIn: idleSeconds,
      updateAge: Math.min(3600, Math.max(60, Math.round(idleSeconds / 12))),
      cookieCache: { enabled: false },
    },
    advanced: {
      cookiePrefix: COOKIE_PREFIX,
      // Secure is added per request outside localhost (lib/auth/cookies.ts): one build serves both.
      useSecureCookies: false,
      ipAddress: { ipAddressHeaders: [CLIENT_ADDRESS_HEADER] },
      // Ours (lib/auth/sign-in-throttle.ts) limits per account and address with growing delays.
    },
    rateLimit: { enabled: false },
    // A callback Better Auth cannot tie to a sign-in this browser started (no or a foreign state,
    // a malformed request) goes here too, rather than to its /api/auth/error page, which is not
    // reachable (app/api/auth/[...path]/route.ts).
    onAPIError: { errorURL: SSO_ERROR_PATH },
    telemetry: { enabled: false },
    logger: { level: "error" },
    databaseHooks: {
      session: {
        create: {
          // A disabled account gets no new session, whichever way it signs in.
          async before(session: { userId: string }, context: unknown) {
            const ctx = context as { context?: { internalAdapter?: { findUserById(id: string): Promise<{ disabled?: boolean } | null> } } } | null;
            const user = await ctx?.context?.internalAdapter?.findUserById(session.userId);
            return user?.disabled ? false : undefined;
          },
        },
      },
    },
    // Always present (with no provider unless configured), so its endpoints' types are too.
    plugins: [
      genericOAuth({
        config: oidc
          ? [
              {
                providerId: SSO_PROVIDER_ID,
                discoveryUrl: `${oidc.issuer}/.well-known/openid-configuration`,
                requireIdTokenVerification: true,
                clientId: oidc.clientId,
                clientSecret: oidc.clientSecret,
                pkce: true,
                scopes: ["openid", "email", "profile"],
                // The IdP is the source of the SSO user's name and mapped role at every sign-in; an
                // unmapped user keeps the role an admin gave (new ones: the least role).
                overrideUserInfo: true,
                mapProfileToUser(profile: Record<string, unknown>) {
                  const role = roleFromClaim(profile[oidc.roleClaim]);
                  return role ? { role } : {};
                },
              },
            ]
          : [],
      }),
    ],
  } satisfies BetterAuthOptions;
}

export function createAuth(settings: AuthSettings) {
  const options = authOptions(settings);
  const auth = betterAuth(options);
  return {
    auth,
    /** Creates or extends Better Auth's tables. */
    async migrate() {
      const { runMigrations } = await getMigrations(options);
      await runMigrations();
    },
  };
}

export type Auth = ReturnType<typeof createAuth>["auth"];
