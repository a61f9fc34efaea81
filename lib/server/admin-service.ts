import "server-only";
import type { Access } from "@/lib/auth/access";
import type { TokenRecord } from "@/lib/auth/api-tokens";
import type { Principal } from "@/lib/auth/principal";
import type { Role } from "@/lib/contract/roles";
import type { UserRecord } from "@/lib/auth/users";
import type { StoredAuditEntry } from "@/lib/audit/audit-log";
import type { ApiToken, AuditEntryView, AuditQueryInput, User } from "@/lib/contract/access";
import type { AuditAction } from "@/lib/contract/audit-actions";
import type { CsvHeaderStyle } from "@/lib/contract/api";
import type { UiLocale } from "@/lib/i18n/locales";
import { message } from "@/lib/i18n/messages";
import { csvCell } from "@/lib/csv/cell";

// What the admin pages and scripts do: users, API tokens and the audit log, in the API's shapes.

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function userView(user: UserRecord): User {
  return { ...user, createdAt: new Date(user.createdAt).toISOString() };
}

export function tokenView(token: TokenRecord): ApiToken {
  return {
    name: token.name,
    role: token.role,
    createdBy: token.createdBy,
    createdAt: new Date(token.createdAt).toISOString(),
    expiresAt: iso(token.expiresAt),
    lastUsedAt: iso(token.lastUsedAt),
  };
}

function auditView(entry: StoredAuditEntry): AuditEntryView {
  return {
    id: entry.id,
    at: new Date(entry.at).toISOString(),
    actorType: entry.actorType,
    actor: entry.actor,
    role: entry.role,
    address: entry.address,
    action: entry.action,
    roomId: entry.roomId,
    status: entry.status,
    outcome: entry.outcome,
    requestId: entry.requestId,
    detail: entry.detail,
  };
}

/** The CSV's columns by their stable machine names (the API's field names), which `?header=names` asks for. */
const CSV_COLUMNS = ["at", "actor", "actorType", "role", "address", "action", "roomId", "status", "outcome", "requestId", "detail"] as const;

/** Who did it, as the audit log names them: the account's email, or the token's name. */
export function creatorOf(principal: Principal): string {
  return principal.kind === "user" ? principal.label : `token:${principal.label}`;
}

export function createAdminService(access: Access) {
  const { users, tokens, audit } = access;

  function toAuditQuery(q: AuditQueryInput, limit = q.limit) {
    return {
      actor: q.actor,
      roomId: q.room,
      action: q.action as AuditAction | undefined,
      from: q.from ? Date.parse(q.from) : undefined,
      to: q.to ? Date.parse(q.to) : undefined,
      before: q.before,
      limit,
    };
  }

  return {
    async listUsers() {
      return { users: (await users.list()).map(userView) };
    },
    async createUser(input: { email: string; name?: string; role: Role; password?: string }) {
      const { user, password } = await users.create(input);
      return { user: userView(user), password };
    },
    async updateUser(userId: string, change: { role?: Role; disabled?: boolean; name?: string }) {
      return userView(await users.update(userId, change));
    },
    async resetPassword(userId: string, password?: string) {
      return users.resetPassword(userId, password);
    },
    async removeUser(userId: string) {
      const user = await users.get(userId);
      await users.remove(userId);
      return userView(user);
    },

    async listTokens() {
      return { tokens: (await tokens.list()).map(tokenView) };
    },
    async createToken(input: { name: string; role: Role; expiresInDays?: number }, by: Principal) {
      const { token, record } = await tokens.create({
        name: input.name,
        role: input.role,
        createdBy: creatorOf(by),
        expiresAt: input.expiresInDays ? Date.now() + input.expiresInDays * 86_400_000 : null,
      });
      return { token, record: tokenView(record) };
    },
    async revokeToken(name: string) {
      return tokenView(await tokens.revoke(name));
    },

    async audit(q: AuditQueryInput) {
      const entries = await audit.query(toAuditQuery(q));
      return { entries: entries.map(auditView), nextBefore: entries.length === q.limit ? entries.at(-1)!.id : null };
    },

    /**
     * Every matching entry, newest first, as CSV (paged through the store so memory stays flat).
     * UTF-8 with a byte-order mark, so Excel in any locale reads it as UTF-8 (Chinese headers and
     * RoomIds included); UTC ISO times whatever the language; a header row of readable names in
     * `locale` (csv.audit.*) or of machine names (`header`).
     */
    async *auditCsv(q: AuditQueryInput, header: CsvHeaderStyle, locale: UiLocale): AsyncGenerator<string> {
      const names = CSV_COLUMNS.map((c) => (header === "names" ? c : csvCell(message(`csv.audit.${c}`, {}, locale))));
      yield `\uFEFF${names.join(",")}\r\n`;
      let before = q.before;
      for (;;) {
        const page = await audit.query({ ...toAuditQuery(q, 1000), before });
        for (const entry of page.map(auditView)) {
          yield `${CSV_COLUMNS.map((c) => csvCell(c === "detail" ? (entry.detail ? JSON.stringify(entry.detail) : null) : entry[c])).join(",")}\r\n`;
        }
        if (page.length < 1000) return;
        before = page.at(-1)!.id;
      }
    },
  };
}
