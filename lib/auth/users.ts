import "server-only";
import { randomBytes } from "node:crypto";
import type { Auth } from "@/lib/auth/better-auth";
import { isRole, LEAST_ROLE, type Role } from "@/lib/contract/roles";
import { DomainError } from "@/lib/errors/domain-error";

// The console's accounts, managed by admins: create, change role, disable, reset password, remove.
// Stored by Better Auth (its internal adapter, so an admin with an API token can manage users as well
// as one with a session); the rule that the last admin cannot be removed or demoted is ours.

export interface UserRecord {
  id: string;
  email: string;
  name: string;
  role: Role;
  disabled: boolean;
  createdAt: number;
  /** How the account signs in: a password, single sign-on, or both. */
  methods: ("password" | "sso")[];
}

type BetterAuthUser = { id: string; email: string; name: string; createdAt: Date; role?: unknown; disabled?: unknown };

export function generatePassword(): string {
  return randomBytes(15).toString("base64url");
}

export function createUserService(auth: Auth, ready: Promise<void>) {
  const context = async () => {
    await ready;
    return auth.$context;
  };

  async function toRecord(user: BetterAuthUser): Promise<UserRecord> {
    const ctx = await context();
    const accounts = await ctx.internalAdapter.findAccounts(user.id);
    return {
      id: user.id,
      email: user.email,
      name: user.name,
      role: isRole(user.role) ? user.role : LEAST_ROLE,
      disabled: user.disabled === true,
      createdAt: new Date(user.createdAt).getTime(),
      methods: [...new Set(accounts.map((a) => (a.providerId === "credential" ? ("password" as const) : ("sso" as const))))],
    };
  }

  async function find(userId: string): Promise<BetterAuthUser> {
    const user = (await (await context()).internalAdapter.findUserById(userId)) as BetterAuthUser | null;
    if (!user) throw new DomainError("not_found", { reason: "user" });
    return user;
  }

  /** Refuses a change that would leave no enabled admin. */
  async function keepAnAdmin(user: BetterAuthUser, change: { role?: Role; disabled?: boolean; removed?: boolean }) {
    const losesAdmin = user.role === "admin" && user.disabled !== true && (change.removed || change.disabled === true || (change.role && change.role !== "admin"));
    if (!losesAdmin) return;
    const admins = await (await context()).internalAdapter.countTotalUsers([
      { field: "role", value: "admin" },
      { field: "disabled", value: false },
    ]);
    if (admins <= 1) throw new DomainError("conflict", { reason: "last_admin" });
  }

  async function passwordHash(password: string): Promise<string> {
    const ctx = await context();
    if (password.length < ctx.password.config.minPasswordLength || password.length > ctx.password.config.maxPasswordLength) {
      throw new DomainError("invalid_body", { reason: "password_length", minimum: ctx.password.config.minPasswordLength, maximum: ctx.password.config.maxPasswordLength });
    }
    return ctx.password.hash(password);
  }

  return {
    async list(): Promise<UserRecord[]> {
      const users = (await (await context()).internalAdapter.listUsers(1000, 0, { field: "createdAt", direction: "asc" })) as BetterAuthUser[];
      return Promise.all(users.map(toRecord));
    },

    async get(userId: string): Promise<UserRecord> {
      return toRecord(await find(userId));
    },

    async findByEmail(email: string): Promise<UserRecord | null> {
      const found = await (await context()).internalAdapter.findUserByEmail(email.toLowerCase());
      return found ? toRecord(found.user as BetterAuthUser) : null;
    },

    async hasAdmin(): Promise<boolean> {
      return (await (await context()).internalAdapter.countTotalUsers([{ field: "role", value: "admin" }])) > 0;
    },

    /** A password account; the password is the admin's or generated (and then returned, once). */
    async create(input: { email: string; name?: string; role: Role; password?: string }): Promise<{ user: UserRecord; password: string }> {
      const ctx = await context();
      const email = input.email.trim().toLowerCase();
      if (await ctx.internalAdapter.findUserByEmail(email)) throw new DomainError("conflict", { reason: "email_taken" });
      const password = input.password ?? generatePassword();
      const hash = await passwordHash(password);
      const user = (await ctx.internalAdapter.createUser(
        { email, name: input.name?.trim() || email.split("@")[0]!, role: input.role, disabled: false, emailVerified: true },
        { method: "admin" },
      )) as BetterAuthUser;
      await ctx.internalAdapter.linkAccount({ userId: user.id, providerId: "credential", accountId: user.id, password: hash });
      return { user: await toRecord(user), password };
    },

    async update(userId: string, change: { role?: Role; disabled?: boolean; name?: string }): Promise<UserRecord> {
      const ctx = await context();
      const user = await find(userId);
      await keepAnAdmin(user, change);
      const updated = (await ctx.internalAdapter.updateUser(userId, {
        ...(change.role && { role: change.role }),
        ...(change.disabled !== undefined && { disabled: change.disabled }),
        ...(change.name?.trim() && { name: change.name.trim() }),
      })) as BetterAuthUser;
      // Signed out at once: a disabled account's sessions end now (a role change needs no sign-out:
      // every request reads the role afresh).
      if (change.disabled) await ctx.internalAdapter.deleteUserSessions(userId);
      return toRecord(updated);
    },

    /** Sets a new password (given or generated) and ends the account's sessions. */
    async resetPassword(userId: string, password?: string): Promise<{ password: string }> {
      const ctx = await context();
      await find(userId);
      const next = password ?? generatePassword();
      const hash = await passwordHash(next);
      const credential = await ctx.internalAdapter.findCredentialAccount(userId);
      if (credential) await ctx.internalAdapter.updatePassword(userId, hash);
      else await ctx.internalAdapter.linkAccount({ userId, providerId: "credential", accountId: userId, password: hash });
      await ctx.internalAdapter.deleteUserSessions(userId);
      return { password: next };
    },

    async remove(userId: string): Promise<void> {
      const ctx = await context();
      const user = await find(userId);
      await keepAnAdmin(user, { removed: true });
      await ctx.internalAdapter.deleteUserSessions(userId);
      await ctx.internalAdapter.deleteAccounts(userId);
      await ctx.internalAdapter.deleteUser(userId);
    },
  };
}

export type UserService = ReturnType<typeof createUserService>;
