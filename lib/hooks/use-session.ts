"use client";

import { createContext, use } from "react";
import type { Permission } from "@/lib/contract/roles";
import type { SessionResponse } from "@/lib/contract/access";

// The signed-in user as the root layout found them, for showing only what the role may do. The
// server refuses the rest whatever the page shows (lib/api/handler.ts).

export const SessionContext = createContext<SessionResponse | null>(null);

export function useSession(): SessionResponse | null {
  return use(SessionContext);
}

/** Whether the signed-in role holds `permission` (false when nobody is signed in). */
export function useCan(permission: Permission): boolean {
  return useSession()?.permissions.includes(permission) ?? false;
}
