// Query options and calls of the admin pages: users, API tokens and the audit log.

import { queryOptions } from "@tanstack/react-query";
import {
  auditResponseSchema,
  passwordResetResponseSchema,
  tokenCreatedSchema,
  tokensResponseSchema,
  userCreatedSchema,
  userSchema,
  usersResponseSchema,
} from "@/lib/contract/access";
import type { Role } from "@/lib/contract/roles";
import { getJson, sendJson } from "./api-client";

export const adminKeys = {
  users: () => ["admin", "users"] as const,
  tokens: () => ["admin", "tokens"] as const,
  audit: (query: string) => ["admin", "audit", query] as const,
};

export function usersQueryOptions() {
  return queryOptions({ queryKey: adminKeys.users(), queryFn: ({ signal }) => getJson("/api/users", usersResponseSchema, { signal }), staleTime: 5_000 });
}

export function tokensQueryOptions() {
  return queryOptions({ queryKey: adminKeys.tokens(), queryFn: ({ signal }) => getJson("/api/tokens", tokensResponseSchema, { signal }), staleTime: 5_000 });
}

/** One page of the audit log; `query` is the filter's query string (the URL's, so shared links work). */
export function auditQueryOptions(query: string, before: number | null) {
  const params = new URLSearchParams(query);
  if (before !== null) params.set("before", String(before));
  return queryOptions({
    queryKey: [...adminKeys.audit(query), before] as const,
    queryFn: ({ signal }) => getJson(`/api/audit?${params}`, auditResponseSchema, { signal }),
    staleTime: 5_000,
  });
}

export const createUser = (body: { email: string; name?: string; role: Role; password?: string }) =>
  sendJson("/api/users", { method: "POST", body, schema: userCreatedSchema });
export const updateUser = (userId: string, body: { role?: Role; disabled?: boolean }) =>
  sendJson(`/api/users/${encodeURIComponent(userId)}`, { method: "PATCH", body, schema: userSchema });
export const resetPassword = (userId: string) =>
  sendJson(`/api/users/${encodeURIComponent(userId)}/password`, { method: "POST", body: {}, schema: passwordResetResponseSchema });
export const removeUser = (userId: string) => sendJson(`/api/users/${encodeURIComponent(userId)}`, { method: "DELETE" });

export const createToken = (body: { name: string; role: Role; expiresInDays?: number }) =>
  sendJson("/api/tokens", { method: "POST", body, schema: tokenCreatedSchema });
export const revokeToken = (name: string) => sendJson(`/api/tokens/${encodeURIComponent(name)}`, { method: "DELETE" });
