import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";
import type { ServerEnv } from "@/lib/env";
import { CompiledQuery, sql } from "kysely";
import { migrateAccessDb, type AccessDb, type AuthSessionTable, type AuthUserTable } from "@/lib/store/access-db";
import { LRUCache } from "lru-cache";
import { createTokenService, OUTAGE_GRACE_MS } from "@/lib/auth/api-tokens";
import { createAuth } from "@/lib/auth/better-auth";
import { SESSION_COOKIE } from "@/lib/auth/names";
import { userPrincipal, type Principal } from "@/lib/auth/principal";
import { createMemoryRequestQuota, type RequestQuota } from "@/lib/auth/request-quota";
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

type SessionRow = Pick<AuthSessionTable, "token" | "expiresAt" | "createdAt"> & AuthUserTable;

/** A session and its user, as Better Auth's getSession answers and as the fast path reads them. */
interface SessionFound {
  session: { token: string; createdAt: string | Date };
  user: { id: string; email: string; name: string; role?: unknown; disabled?: unknown };
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

/**
 * The session token of a Cookie header that holds exactly one cookie `name`, signed as Better Auth
 * signs it (better-call: `token.base64(HMAC-SHA256(secret, token))`, percent-encoded), else null.
 * Null only means "ask Better Auth": a tampered, unsigned, quoted or doubled cookie is its to judge.
 */
export function signedSessionToken(cookieHeader: string, name: string, secret: string): string | null {
  let value: string | undefined;
  for (const pair of cookieHeader.split(";")) {
    const eq = pair.indexOf("=");
    if (eq < 0 || pair.slice(0, eq).trim() !== name) continue;
    if (value !== undefined) return null;
    value = pair.slice(eq + 1).trim();
  }
  if (!value) return null;
  let decoded: string;
  try {
    decoded = decodeURIComponent(value);
  } catch {
    return null;
  }
  const dot = decoded.lastIndexOf(".");
  if (dot < 1) return null;
  const token = decoded.slice(0, dot);
  const signature = Buffer.from(decoded.slice(dot + 1));
  const expected = Buffer.from(createHmac("sha256", secret).update(token).digest("base64"));
  return signature.length === expected.length && timingSafeEqual(signature, expected) ? token : null;
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
    await migrateAccessDb(deps.db, deps.dbType);
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
  /**
   * Sessions the database confirmed in the last OUTAGE_GRACE_MS, standing while it cannot be read:
   * signing out, disabling a user and changing a role all need the database too (and signing out
   * here forgets the session at once). As for API tokens (./api-tokens.ts).
   */
  const confirmedSessions = new LRUCache<string, SessionRow>({ max: 10_000, ttl: OUTAGE_GRACE_MS });
  // The session and its user in one indexed read, compiled once (building a Kysely query costs
  // more than running this one). Better Auth's adapter reads the same rows in two queries wrapped in
  // tracing spans and debug formatting: most of a session request's time (bench/README.md).
  const sessionByToken = deps.db
    .selectFrom("session")
    .innerJoin("user", "user.id", "session.userId")
    .select(["session.token", "session.expiresAt", "session.createdAt", "user.id", "user.email", "user.name", "user.role", "user.disabled"])
    .where("session.token", "=", "")
    .compile();

  /**
   * The session and its user when the request needs nothing else from Better Auth: a cookie signed
   * with its secret, a session that has not expired and is not yet due for its idle extension.
   * Anything else is null and goes to auth.api.getSession, which checks the same row the same way
   * (and also extends a session that is due and clears a stale cookie cache).
   */
  async function liveSession(cookieHeader: string): Promise<SessionFound | null> {
    const ctx = await auth.$context;
    if (cookieHeader.includes(ctx.authCookies.sessionData.name)) return null;
    const token = signedSessionToken(cookieHeader, ctx.authCookies.sessionToken.name, ctx.secret);
    if (token === null) return null;
    let row: SessionRow | undefined;
    let fromOutage = false;
    try {
      row = (await deps.db.executeQuery<SessionRow>(CompiledQuery.raw(sessionByToken.sql, [token]))).rows[0];
    } catch (error) {
      row = confirmedSessions.get(token);
      if (!row) throw error;
      fromOutage = true;
    }
    if (!row) {
      confirmedSessions.delete(token);
      return null;
    }
    if (!fromOutage) confirmedSessions.set(token, row);
    // getSession's own rules, on its clock: expired, or due for extension (updateAge after the last).
    // During an outage nothing can be extended, so a session due for it stands until it expires.
    const expiresAt = new Date(row.expiresAt).getTime();
    const { expiresIn, updateAge } = ctx.sessionConfig;
    if (!(expiresAt > Date.now())) return null;
    if (!fromOutage && expiresAt - expiresIn * 1000 + updateAge * 1000 <= Date.now()) return null;
    return {
      session: { token: row.token, createdAt: row.createdAt },
      user: { id: row.id, email: row.email, name: row.name, role: row.role, disabled: row.disabled === true || row.disabled === 1 },
    };
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
      let found = await liveSession(req.headers.get("cookie")!);
      let setCookies: string[] = [];
      if (!found) {
        const { headers, response } = await auth.api.getSession({ headers: req.headers, returnHeaders: true });
        if (!response) throw new DomainError("unauthenticated", { reason: "session_expired" });
        found = response as SessionFound;
        setCookies = headers.getSetCookie();
      }
      const { session, user } = found;
      const expired = new Date(session.createdAt).getTime() + access.session.maxMs <= now();
      if (expired || user.disabled === true) {
        await (await auth.$context).internalAdapter.deleteSession(session.token);
        throw new DomainError("unauthenticated", { reason: "session_expired" });
      }
      return {
        principal: userPrincipal(user),
        setCookies,
      };
    },

    /** Signing out: this instance no longer honours the request's session, even during an outage. */
    async forget(req: Request): Promise<void> {
      const cookie = req.headers.get("cookie");
      if (cookie === null) return;
      const ctx = await auth.$context;
      const token = signedSessionToken(cookie, ctx.authCookies.sessionToken.name, ctx.secret);
      if (token !== null) confirmedSessions.delete(token);
    },

    /** A round trip to the access database, for the readiness check. */
    async ping(): Promise<void> {
      await sql`select 1`.execute(deps.db);
    },

    /** Sessions that have not expired (signed out ones are deleted): for the metrics. */
    async activeSessions(): Promise<number> {
      await ready;
      // Better Auth keeps dates as ISO text on SQLite, which sorts as time does.
      const nowValue = deps.dbType === "sqlite" ? new Date(now()).toISOString() : new Date(now());
      const row = await deps.db.selectFrom("session").select((eb) => eb.fn.countAll<number | string>().as("n")).where("expiresAt", ">", nowValue).executeTakeFirst();
      return Number(row?.n ?? 0);
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
