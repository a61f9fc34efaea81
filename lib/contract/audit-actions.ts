// What the audit log records, by action: shared by the log (lib/audit), the route table
// (lib/auth/route-access.ts) and the admin page's filter.

export const AUDIT_ACTIONS = [
  "room.lookup",
  "room.history",
  "room.report",
  "room.export",
  "watchlist.add",
  "watchlist.remove",
  "session.sign_in",
  "session.sign_in_failed",
  "session.sign_out",
  "user.create",
  "user.update",
  "user.password_reset",
  "user.remove",
  "token.create",
  "token.revoke",
  "audit.export",
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];
