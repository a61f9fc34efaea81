import { z } from "zod";
import { AUDIT_ACTIONS } from "@/lib/contract/audit-actions";
import { PERMISSIONS, ROLES } from "@/lib/contract/roles";

// The access-control part of the API's contract: signing in, the session, users, API tokens and the
// audit log. Used by the route handlers to parse input and by the pages to read answers.

const email = z.string().trim().toLowerCase().max(254, "too_long").pipe(z.email("email"));
const role = z.enum(ROLES, { error: "role" });

/** POST /api/session */
export const signInBodySchema = z.object({ email: z.string().max(254), password: z.string().max(256) });

/** POST /api/session/sso */
export const ssoStartBodySchema = z.object({ returnTo: z.string().max(2048).optional() });

/** GET /api/session: who is signed in and what the role may do. */
export const sessionResponseSchema = z.object({
  user: z.object({ id: z.string(), email: z.string(), name: z.string(), role, kind: z.enum(["user", "token"]) }),
  permissions: z.array(z.enum(PERMISSIONS)),
});
export type SessionResponse = z.infer<typeof sessionResponseSchema>;

export const userSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role,
  disabled: z.boolean(),
  createdAt: z.iso.datetime(),
  methods: z.array(z.enum(["password", "sso"])),
});
export type User = z.infer<typeof userSchema>;
export const usersResponseSchema = z.object({ users: z.array(userSchema) });

const password = z.string().min(12, "password_length").max(128, "password_length");

/** POST /api/users: a password account; without `password` one is generated and returned once. */
export const userCreateBodySchema = z.object({ email, name: z.string().trim().max(100).optional(), role, password: password.optional() });
export const userCreatedSchema = z.object({ user: userSchema, password: z.string() });

/** PATCH /api/users/{userId} */
export const userUpdateBodySchema = z
  .object({ role: role.optional(), disabled: z.boolean().optional(), name: z.string().trim().min(1).max(100).optional() })
  .refine((b) => b.role !== undefined || b.disabled !== undefined || b.name !== undefined, { message: "empty", path: ["role"] });

/** POST /api/users/{userId}/password: the new password, or none to have one generated (returned once). */
export const passwordResetBodySchema = z.object({ password: password.optional() });
export const passwordResetResponseSchema = z.object({ password: z.string() });

export const tokenSchema = z.object({
  name: z.string(),
  role,
  createdBy: z.string(),
  createdAt: z.iso.datetime(),
  expiresAt: z.iso.datetime().nullable(),
  lastUsedAt: z.iso.datetime().nullable(),
});
export type ApiToken = z.infer<typeof tokenSchema>;
export const tokensResponseSchema = z.object({ tokens: z.array(tokenSchema) });

/** POST /api/tokens */
export const tokenCreateBodySchema = z.object({
  name: z.string().max(64),
  role,
  /** Days until it expires; none for a token that lasts until revoked. */
  expiresInDays: z.number().int().min(1).max(3650).optional(),
});
/** The token itself appears in this answer only. */
export const tokenCreatedSchema = z.object({ token: z.string(), record: tokenSchema });

/** GET /api/audit and /api/audit.csv: filters; pages go backwards from the newest. */
export const auditQuerySchema = z.object({
  actor: z.string().max(254).optional(),
  room: z.string().max(256).optional(),
  action: z.enum(AUDIT_ACTIONS, { error: "action" }).optional(),
  from: z.iso.datetime({ offset: true, error: "iso_time" }).optional(),
  to: z.iso.datetime({ offset: true, error: "iso_time" }).optional(),
  before: z.string().regex(/^\d{1,15}$/, "whole_number").transform(Number).optional(),
  limit: z.string().regex(/^\d{1,4}$/, "whole_number").transform(Number).pipe(z.number().min(1, "too_small").max(500, "too_big")).default(100),
});
export type AuditQueryInput = z.infer<typeof auditQuerySchema>;

export const auditEntrySchema = z.object({
  id: z.number(),
  at: z.iso.datetime(),
  actorType: z.enum(["user", "token", "anonymous", "system"]),
  actor: z.string().nullable(),
  role: z.string().nullable(),
  address: z.string().nullable(),
  action: z.enum(AUDIT_ACTIONS),
  roomId: z.string().nullable(),
  status: z.number(),
  outcome: z.string(),
  requestId: z.string().nullable(),
  detail: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).nullable(),
});
export type AuditEntryView = z.infer<typeof auditEntrySchema>;
export const auditResponseSchema = z.object({ entries: z.array(auditEntrySchema), nextBefore: z.number().nullable() });
