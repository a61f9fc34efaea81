import "server-only";
import type { ServerEnv } from "@/lib/env";
import { migrateAccessDb, type AccessDb } from "@/lib/store/access-db";
import { createTokenService } from "@/lib/auth/api-tokens";
import { createAuth } from "@/lib/auth/better-auth";
import { SESSION_COOKIE } from "@/lib/auth/names";
import type { Principal } from "@/lib/auth/principal";
import { createMemoryRequestQuota, type RequestQuota } from "@/lib/auth/request-quota";
import { isRole, LEAST_ROLE } from "@/lib/contract/roles";
import { createMemorySignInThrottle, type SignInThrottle } from "@/lib/auth/sign-in-throttle";
import { createUserService } from "@/lib/auth/users";
import { createAuditLog } from "@/lib/audit/audit-log";
import { DomainError } from "@/lib/errors/domain-error";
import { log } from "@/lib/log";

// Access control's parts, built once by the composition root: Better Auth (accounts, sessions,
// SSO), API tokens, users, the sign-in throttle, the request quota and the audit log, all on the
// access database. authenticate() is the one answer to "who is asking"; lib/api/handler.ts asks it
// for every request and decides from lib/auth/route-access.ts what that principal may do.

export interface AccessDeps {
  db: AccessDb;
  dbType: "sqlite" | "postgres";
  secret: string;
  quota?: RequestQuota;
  throttle?: SignInThrottle;
  now?: () => number;
}

export interface Authenticated {
  principal: Principal;
  /** A refreshed session cookie to send back (the idle expiry moved on). */
  setCookies: string[];
}

function hasSessionCookie(req: Request): boolean {
  const cookie = req.headers.get("cookie");
  return cookie !== null && cookie.includes(SESSION_COOKIE);
}

export function createAccess(access: ServerEnv["access"], deps: AccessDeps) {
  const now = deps.now ?? Date.now;
  const { auth, migrate } = createAuth({
    db: deps.db as never,
    dbType: deps.dbType,
    secret: deps.secret,
    baseURL: access.consoleUrl,
    session: access.session,
    oidc: access.oidc,
  });

  let resolveReady!: () => void;
  let rejectReady!: (e: unknown) => void;
  const ready = new Promise<void>((resolve, reject) => {
    resolveReady = resolve;
    rejectReady = reject;
  });
  const users = createUserService(auth, ready);
  const tokens = createTokenService(deps.db, ready, now);
  const audit = createAuditLog(deps.db, ready);

  async function init() {
    await migrateAccessDb(deps.db);
    await migrate();
    resolveReady();
    if (access.firstAdmin && !(await users.hasAdmin())) {
      if (await users.findByEmail(access.firstAdmin.email)) {
        log.warn("CONSOLE_ADMIN_EMAIL belongs to an existing account; it was left as it is", {});
      } else {
        await users.create({ email: access.firstAdmin.email, role: "admin", password: access.firstAdmin.password });
        log.info("created the first admin from CONSOLE_ADMIN_EMAIL", {});
      }
    }
  }
  const initialised = init().catch((error: unknown) => {
    rejectReady(error);
    throw error;
  });
  // Awaited by start-up (instrumentation.ts), which stops the server on failure; no unhandled rejection here.
  initialised.catch(() => undefined);

  return {
    auth,
    users,
    tokens,
    audit,
    quota: deps.quota ?? createMemoryRequestQuota({ perMinute: access.quotaPerMinute, now }),
    throttle: deps.throttle ?? createMemorySignInThrottle({ now }),
    oidc: access.oidc ? { name: access.oidc.name } : null,
    /** Resolves once the schema is in place and the first admin exists (when configured). */
    initialised,

    /**
     * Who is asking: a bearer token's principal, a live session's user, or null for neither. A
     * token that is sent but not valid is an error, not anonymity: a script should hear why.
     */
    async authenticate(req: Request): Promise<Authenticated | null> {
      const authorization = req.headers.get("authorization");
      if (authorization !== null) {
        const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
        const verified = match ? await tokens.verify(match[1]!) : ({ ok: false, reason: "unknown" } as const);
        if (!verified.ok) throw new DomainError("unauthenticated", { reason: `token_${verified.reason}` });
        return { principal: verified.principal, setCookies: [] };
      }
      if (!hasSessionCookie(req)) return null;
      await ready;
      const { headers, response } = await auth.api.getSession({ headers: req.headers, returnHeaders: true });
      if (!response) throw new DomainError("unauthenticated", { reason: "session_expired" });
      const { session, user } = response as typeof response & { user: { role?: unknown; disabled?: unknown } };
      const expired = new Date(session.createdAt).getTime() + access.session.maxMs <= now();
      if (expired || user.disabled === true) {
        await (await auth.$context).internalAdapter.deleteSession(session.token);
        throw new DomainError("unauthenticated", { reason: "session_expired" });
      }
      return {
        principal: {
          kind: "user",
          id: user.id,
          label: user.email,
          name: user.name,
          role: isRole(user.role) ? user.role : LEAST_ROLE,
          sessionId: session.id,
        },
        setCookies: headers.getSetCookie(),
      };
    },

    start() {
      tokens.start();
      audit.start();
    },

    async prune() {
      return audit.prune(now() - access.auditRetentionMs);
    },

    async stop() {
      await Promise.allSettled([tokens.stop(), audit.stop()]);
      await deps.db.destroy();
    },
  };
}

export type Access = ReturnType<typeof createAccess>;
