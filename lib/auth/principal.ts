import type { Role } from "@/lib/contract/roles";

// Who is asking: a signed-in person or a script with an API token. The wrapper (lib/api/handler.ts)
// finds one for every request that needs it, and the audit log records it.

export type Principal =
  | { kind: "user"; id: string; label: string; name: string; role: Role; sessionId: string }
  | { kind: "token"; id: string; label: string; role: Role; createdBy: string };
