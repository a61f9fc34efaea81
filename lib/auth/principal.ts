import { isRole, LEAST_ROLE, type Role } from "@/lib/contract/roles";

// Who is asking: a signed-in person or a script with an API token. The wrapper (lib/api/handler.ts)
// finds one for every request that needs it, and the audit log records it.

export type Principal =
  | { kind: "user"; id: string; label: string; name: string; role: Role }
  | { kind: "token"; id: string; label: string; role: Role; createdBy: string };

/** A Better Auth user as a principal; a role it does not know reads as the least one. */
export function userPrincipal(user: { id: string; email: string; name: string; role?: unknown }): Principal & { kind: "user" } {
  return { kind: "user", id: user.id, label: user.email, name: user.name, role: isRole(user.role) ? user.role : LEAST_ROLE };
}
