// Who may do what: the console's four roles and the permissions each holds. Shared by the server
// (lib/auth/route-access.ts decides every request from it) and the pages (which show only what the
// role may do; the server refuses the rest whatever a page shows).

export const ROLES = ["admin", "ops", "support", "viewer"] as const;
export type Role = (typeof ROLES)[number];

/** New single sign-on users, and anything not mapped to a role, get this one. */
export const LEAST_ROLE: Role = "viewer";

export const PERMISSIONS = [
  /** An ad-hoc lookup of any room's live totals (spends the upstream budget). */
  "rooms.lookup",
  /** History, reports and exports of any room. */
  "rooms.read",
  /** History, reports and exports of the rooms on the watchlist only. */
  "rooms.read_watched",
  "watchlist.read",
  "watchlist.write",
  "users.manage",
  "tokens.manage",
  "audit.read",
  /** The Prometheus metrics (GET /api/metrics), for a scraper's token. */
  "metrics.read",
  /** Alert rules, channels (masked), silences, current alerts and their history. */
  "alerts.read",
  /** Adding, changing and removing alert rules, channels and silences; sending a test message. */
  "alerts.write",
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const GRANTS: Record<Role, readonly Permission[]> = {
  viewer: ["watchlist.read", "rooms.read_watched", "alerts.read"],
  support: ["watchlist.read", "rooms.read_watched", "rooms.read", "rooms.lookup", "alerts.read"],
  ops: ["watchlist.read", "rooms.read_watched", "rooms.read", "rooms.lookup", "watchlist.write", "alerts.read", "alerts.write"],
  admin: PERMISSIONS,
};

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}

export function can(role: Role, permission: Permission): boolean {
  return GRANTS[role].includes(permission);
}

/** Roles from most to least rights, for picking the strongest of several claimed ones. */
export function strongestRole(roles: readonly Role[]): Role | undefined {
  return ROLES.find((role) => roles.includes(role));
}
