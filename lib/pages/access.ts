import "server-only";
import { requirePrincipal } from "@/lib/pages/session";
import type { Principal } from "@/lib/auth/principal";
import { can, type Permission } from "@/lib/contract/roles";

/** The signed-in user and whether their role holds `permission`, for pages that need one. */
export async function pageAccess(permission: Permission): Promise<{ principal: Principal; allowed: boolean }> {
  const principal = await requirePrincipal();
  return { principal, allowed: can(principal.role, permission) };
}
