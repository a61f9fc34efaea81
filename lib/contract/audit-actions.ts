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
  "alert.rule_create",
  "alert.rule_update",
  "alert.rule_delete",
  "alert.channel_create",
  "alert.channel_update",
  "alert.channel_delete",
  "alert.channel_test",
  "alert.silence_create",
  "alert.silence_delete",
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];
