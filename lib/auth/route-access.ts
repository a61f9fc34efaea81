import type { AuditAction } from "@/lib/contract/audit-actions";
import type { Permission } from "@/lib/contract/roles";

// Every API route, what it takes to call it and what the audit log records of it, in one table.
// withApi (lib/api/handler.ts) is typed to accept only a name from this table and decides each
// request from its entry; server.mjs answers a known path's wrong method from it, and the
// permission matrix test (lib/auth/route-access.test.ts) walks it against the route files, so a new
// route cannot go unguarded or untested.

export type RouteAccess =
  /** Anyone, no sign-in asked (health, signing in). */
  | "public"
  /** Anyone; a signed-in caller is recognised (signing out). */
  | "optional"
  /** Any signed-in user or token. */
  | "signed_in"
  | Permission;

export interface RouteSpec {
  method: "GET" | "POST" | "PATCH" | "DELETE";
  /** `{name}` is one path segment; `{...name}` the rest of the path. */
  path: string;
  access: RouteAccess;
  /**
   * The route reads one room's recorded data: `rooms.read` may read any room, and a role that holds
   * only `rooms.read_watched` may read the rooms on the watchlist.
   */
  room?: boolean;
  /**
   * Called by another service, not from the console's pages: no session is looked for and no
   * Origin asked for (Tencent's callbacks, which prove themselves by their own signature).
   */
  caller?: "service";
  audit?: AuditAction;
}

export const ROUTES = {
  health: { method: "GET", path: "/api/health", access: "public" },
  ready: { method: "GET", path: "/api/ready", access: "public" },
  metrics: { method: "GET", path: "/api/metrics", access: "metrics.read" },
  session: { method: "GET", path: "/api/session", access: "signed_in" },
  "session-sign-in": { method: "POST", path: "/api/session", access: "public", audit: "session.sign_in" },
  "session-sign-out": { method: "DELETE", path: "/api/session", access: "optional", audit: "session.sign_out" },
  "session-sso": { method: "POST", path: "/api/session/sso", access: "public" },
  "auth-callback": { method: "GET", path: "/api/auth/{...path}", access: "public", audit: "session.sign_in" },
  "room-stats": { method: "GET", path: "/api/rooms/{roomId}/stats", access: "rooms.lookup", audit: "room.lookup" },
  // Read with the figures on every page that shows a room; the stats lookup is what the audit log records.
  "room-info": { method: "GET", path: "/api/rooms/{roomId}/info", access: "rooms.lookup" },
  "room-history": { method: "GET", path: "/api/rooms/{roomId}/history", access: "rooms.read", room: true, audit: "room.history" },
  "room-history-csv": { method: "GET", path: "/api/rooms/{roomId}/history.csv", access: "rooms.read", room: true, audit: "room.export" },
  "room-report": { method: "GET", path: "/api/rooms/{roomId}/report", access: "rooms.read", room: true, audit: "room.report" },
  // Every live room of the app, so the right to look any room up; reads one shared listing, not Tencent.
  "rooms-live": { method: "GET", path: "/api/rooms/live", access: "rooms.lookup" },
  "rooms-overview": { method: "GET", path: "/api/rooms", access: "watchlist.read" },
  watchlist: { method: "GET", path: "/api/watchlist", access: "watchlist.read" },
  "watchlist-add": { method: "POST", path: "/api/watchlist", access: "watchlist.write", audit: "watchlist.add" },
  "watchlist-remove": { method: "DELETE", path: "/api/watchlist/{roomId}", access: "watchlist.write", audit: "watchlist.remove" },
  users: { method: "GET", path: "/api/users", access: "users.manage" },
  "user-create": { method: "POST", path: "/api/users", access: "users.manage", audit: "user.create" },
  "user-update": { method: "PATCH", path: "/api/users/{userId}", access: "users.manage", audit: "user.update" },
  "user-remove": { method: "DELETE", path: "/api/users/{userId}", access: "users.manage", audit: "user.remove" },
  "user-password": { method: "POST", path: "/api/users/{userId}/password", access: "users.manage", audit: "user.password_reset" },
  tokens: { method: "GET", path: "/api/tokens", access: "tokens.manage" },
  "token-create": { method: "POST", path: "/api/tokens", access: "tokens.manage", audit: "token.create" },
  "token-revoke": { method: "DELETE", path: "/api/tokens/{name}", access: "tokens.manage", audit: "token.revoke" },
  audit: { method: "GET", path: "/api/audit", access: "audit.read" },
  "tencent-callback": { method: "POST", path: "/api/tencent/callback", access: "public", caller: "service" },
  "audit-csv": { method: "GET", path: "/api/audit.csv", access: "audit.read", audit: "audit.export" },
  "alert-rules": { method: "GET", path: "/api/alerts/rules", access: "alerts.read" },
  "alert-rule-create": { method: "POST", path: "/api/alerts/rules", access: "alerts.write", audit: "alert.rule_create" },
  "alert-rule": { method: "GET", path: "/api/alerts/rules/{ruleId}", access: "alerts.read" },
  "alert-rule-update": { method: "PATCH", path: "/api/alerts/rules/{ruleId}", access: "alerts.write", audit: "alert.rule_update" },
  "alert-rule-delete": { method: "DELETE", path: "/api/alerts/rules/{ruleId}", access: "alerts.write", audit: "alert.rule_delete" },
  "alert-channels": { method: "GET", path: "/api/alerts/channels", access: "alerts.read" },
  "alert-channel-create": { method: "POST", path: "/api/alerts/channels", access: "alerts.write", audit: "alert.channel_create" },
  "alert-channel-update": { method: "PATCH", path: "/api/alerts/channels/{channelId}", access: "alerts.write", audit: "alert.channel_update" },
  "alert-channel-delete": { method: "DELETE", path: "/api/alerts/channels/{channelId}", access: "alerts.write", audit: "alert.channel_delete" },
  "alert-channel-test": { method: "POST", path: "/api/alerts/channels/{channelId}/test", access: "alerts.write", audit: "alert.channel_test" },
  "alert-silences": { method: "GET", path: "/api/alerts/silences", access: "alerts.read" },
  "alert-silence-create": { method: "POST", path: "/api/alerts/silences", access: "alerts.write", audit: "alert.silence_create" },
  "alert-silence-delete": { method: "DELETE", path: "/api/alerts/silences/{silenceId}", access: "alerts.write", audit: "alert.silence_delete" },
  "alerts-current": { method: "GET", path: "/api/alerts/current", access: "alerts.read" },
  "alerts-history": { method: "GET", path: "/api/alerts/history", access: "alerts.read" },
} as const satisfies Record<string, RouteSpec>;

export type RouteName = keyof typeof ROUTES;

/** A path template as a pattern over the raw (still percent-encoded) path. */
export function routePattern(path: string): RegExp {
  const source = path
    .split("/")
    .map((part) => (part.startsWith("{...") ? "(.+)" : part.startsWith("{") ? "([^/]+)" : part.replace(/[.*+?^$()|[\]\\]/g, "\\$&")))
    .join("/");
  return new RegExp(`^${source}$`);
}

const PATTERNS = Object.values(ROUTES as Record<string, RouteSpec>).map((spec) => ({ spec, pattern: routePattern(spec.path) }));

/** The methods a known API path answers (HEAD with GET), or null for a path no route has. */
export function methodsFor(path: string): string[] | null {
  const methods = PATTERNS.filter(({ pattern }) => pattern.test(path)).map(({ spec }) => spec.method);
  if (methods.length === 0) return null;
  return methods.includes("GET") ? [...methods, "HEAD"] : methods;
}
