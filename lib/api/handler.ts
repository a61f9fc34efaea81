import "server-only";
import type { AuditEntry } from "@/lib/audit/audit-log";
import { clientAddress } from "@/lib/auth/client-address";
import type { Principal } from "@/lib/auth/principal";
import { can } from "@/lib/contract/roles";
import { ROUTES, type RouteName, type RouteSpec } from "@/lib/auth/route-access";
import { isLoopbackHost } from "@/lib/env";
import { DomainError } from "@/lib/errors/domain-error";
import { randomUUID } from "node:crypto";
import { log, withRequestContext } from "@/lib/log";
import { services, type Services } from "@/lib/server/container";
import { UpstreamError } from "@/lib/tencent/errors";
import { fromResponse, isApiAnswer, toResponse, type ApiAnswer } from "./answer";
import { requestLocale } from "@/lib/i18n/negotiate";
import { errorAnswer, toApiFailure, type ApiFailure } from "./errors";
import { apiSecurityHeaders, isHttps, isUnsafeMethod, requireSameOrigin } from "./request-guards";

// Every route handler goes through withApi, and so does the direct lane in server.mjs (it calls
// the same handlers): the one place that decides who is asking (lib/auth/access.ts), what they may
// do (the route's entry in lib/auth/route-access.ts), whether they are over their quota, whether a
// state-changing request came from the console's own origin, and what the audit log and the server
// log record. Each request has an id (X-Request-Id in the answer) that every log line written for it
// carries, the upstream calls' included. Handler bodies are only the work.

/** What a handler may add to its audit entry: the room, Tencent's RequestId, what changed. */
export interface AuditNote {
  roomId?: string;
  requestId?: string;
  /** Who signed in, on the routes that sign people in (they have no principal before). */
  principal?: Principal;
  /** For requests without a principal (a failed sign-in): whom they were about. */
  actor?: string;
  detail?: AuditEntry["detail"];
}

export interface ApiContext<Params> {
  req: Request;
  params: Params;
  /** Null only on routes open to everyone (see lib/auth/route-access.ts). */
  principal: Principal | null;
  audit: AuditNote;
  /** The caller's address, as the audit log and the sign-in throttle see it. */
  address: string | null;
}

type RouteHandler<Params> = (req: Request, context: { params: Promise<Params> }) => Promise<Response>;

/** A route handler for Next, and the same handler answering without a Response for the direct lane. */
export type ApiRoute<Params> = RouteHandler<Params> & { answer(req: Request, params: Promise<Params>): Promise<ApiAnswer> };

async function authorize(root: Services, spec: RouteSpec, principal: Principal | null, params: Record<string, string>): Promise<void> {
  if (spec.access === "public" || spec.access === "optional") return;
  if (!principal) throw new DomainError("unauthenticated");
  if (spec.access === "signed_in" || can(principal.role, spec.access)) return;
  if (spec.room && spec.access === "rooms.read" && can(principal.role, "rooms.read_watched")) {
    if (params.roomId !== undefined && (await root.watchlist.isWatched(params.roomId))) return;
    throw new DomainError("forbidden", { reason: "watched_only", role: principal.role });
  }
  throw new DomainError("forbidden", { role: principal.role });
}

export function withApi<Params extends Record<string, string> = Record<string, never>>(
  route: RouteName,
  handler: (ctx: ApiContext<Params>) => Promise<Response | ApiAnswer>,
): ApiRoute<Params> {
  const spec: RouteSpec = ROUTES[route];
  function answer(req: Request, paramsPromise: Promise<Params>): Promise<ApiAnswer> {
    const root = services();
    const requestId = forwardedRequestId(req, root.settings.access.trustProxy) ?? randomUUID();
    return withRequestContext(requestId, () => handle(root, req, paramsPromise, requestId));
  }
  async function handle(root: Services, req: Request, paramsPromise: Promise<Params>, requestId: string): Promise<ApiAnswer> {
    const started = performance.now();
    const { access } = root;
    const settings = root.settings.access;
    const audit: AuditNote = {};
    let answered: ApiAnswer;
    let failure: unknown;
    let apiFailure: ApiFailure | undefined;
    let principal: Principal | null = null;
    let setCookies: string[] = [];
    const address = clientAddress(req, settings.trustProxy);
    try {
      const params = await paramsPromise;
      if (spec.room && params.roomId !== undefined) audit.roomId = params.roomId;
      // A cookie rides along on another site's request; a bearer token never does.
      // A service's call (Tencent's callbacks) carries no cookie and proves itself in its handler.
      if (isUnsafeMethod(req.method) && !req.headers.has("authorization") && spec.caller !== "service") requireSameOrigin(req, settings.consoleUrl, settings.trustProxy);
      if (spec.access !== "public") {
        const found = await (spec.access === "optional" ? access.authenticate(req).catch(() => null) : access.authenticate(req));
        principal = found?.principal ?? null;
        setCookies = found?.setCookies ?? [];
      }
      await authorize(root, spec, principal, params);
      if (principal) {
        const quota = await access.quota.take(`${principal.kind}:${principal.id}`);
        if (!quota.ok) throw new DomainError("quota_exceeded", { retryAfterMs: quota.retryAfterMs, retryAfterS: Math.ceil(quota.retryAfterMs / 1000) });
      }
      const result = await handler({ req, params, principal, audit, address });
      answered = isApiAnswer(result) ? result : fromResponse(result);
    } catch (error) {
      failure = error;
      apiFailure = toApiFailure(error, requestLocale((name) => req.headers.get(name)));
      answered = errorAnswer(apiFailure);
    }
    const { status } = answered;

    const upstream = UpstreamError.is(failure) ? failure : undefined;
    if (spec.audit) {
      const who = principal ?? audit.principal;
      access.audit.record({
        at: Date.now(),
        actorType: who?.kind ?? "anonymous",
        actorId: who?.id ?? null,
        actor: who?.label ?? audit.actor ?? null,
        role: who?.role ?? null,
        address,
        // A sign-in route that named no one signed in has failed, whatever it answered.
        action: spec.audit === "session.sign_in" && !audit.principal ? "session.sign_in_failed" : spec.audit,
        roomId: audit.roomId ?? null,
        status,
        outcome: apiFailure?.code ?? (status < 300 ? "ok" : String(status)),
        requestId: upstream?.requestId ?? audit.requestId ?? null,
        detail: audit.detail ?? null,
      });
    }

    const https = isHttps(req, settings.consoleUrl, settings.trustProxy);
    // The session's refreshed expiry, unless the answer sets the cookie itself (signing in or out).
    const cookies = answered.cookies.length > 0 ? answered.cookies : setCookies;
    const finished: ApiAnswer = {
      status,
      headers: { "cache-control": "no-store", ...answered.headers, ...apiSecurityHeaders(https), "x-request-id": requestId },
      cookies: cookies.length > 0 ? secureCookies(cookies, req, https) : cookies,
      body: answered.body,
    };

    root.metrics.httpRequests.inc({ route, status });
    root.metrics.httpSeconds.observe({ route }, (performance.now() - started) / 1000);
    if (status >= 500 || status === 429) {
      const fields = {
        route,
        method: req.method,
        path: new URL(req.url).pathname,
        status,
        ms: Math.round(performance.now() - started),
        actor: principal ? `${principal.kind}:${principal.id}` : undefined,
        upstreamCode: upstream?.errorCode,
        upstreamRequestId: upstream?.requestId,
      };
      if (status === 500) {
        // Misconfiguration and bugs are for whoever runs the console: say it loudly, with what
        // Tencent said, in the log (never in the response).
        log.error(upstream ? "upstream refused the console's credentials or settings" : "request failed", {
          ...fields,
          upstreamInfo: upstream?.errorInfo,
          error: upstream ? upstream.message : failure instanceof Error ? `${failure.name}: ${failure.message}` : undefined,
        });
      } else {
        log.warn("request failed", { ...fields, error: upstream?.message });
      }
    }
    // Successful lookups are not logged: pages poll every few seconds per operator, and a line per
    // poll would bury the failures (the audit log has every one).
    return finished;
  }
  const next: RouteHandler<Params> = async (req, context) => toResponse(await answer(req, context.params));
  return Object.assign(next, { answer });
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{8,128}$/;

/** The proxy's X-Request-Id (TRUST_PROXY), so its log lines and ours share one id; else none. */
function forwardedRequestId(req: Request, trustProxy: boolean): string | null {
  if (!trustProxy) return null;
  const id = req.headers.get("x-request-id");
  return id !== null && REQUEST_ID.test(id) ? id : null;
}

/**
 * Cookies are Secure except on a loopback host over plain http (a developer's or the demo's
 * localhost): anywhere else the console must be served over https, or the browser keeps no session.
 */
function secureCookies(cookies: string[], req: Request, https: boolean): string[] {
  if (!https && isLoopbackHost(new URL(req.url).hostname)) return cookies;
  return cookies.map((cookie) => (/;\s*secure/i.test(cookie) ? cookie : `${cookie}; Secure`));
}
