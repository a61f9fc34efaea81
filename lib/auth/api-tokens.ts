import "server-only";
import { hash, randomBytes, randomUUID } from "node:crypto";
import { LRUCache } from "lru-cache";
import type { Selectable } from "kysely";
import type { AccessDb, ApiTokenTable } from "@/lib/store/access-db";
import type { Principal } from "@/lib/auth/principal";
import { isRole, type Role } from "@/lib/contract/roles";
import { DomainError } from "@/lib/errors/domain-error";

// API tokens for scripts, written here rather than with Better Auth's API-key plugin: that plugin
// writes the key's row on every verification (usage and rate-limit counters), which would put a
// database write on every lookup a script makes. Here a token is 32 random bytes; only its SHA-256 is
// stored (a slow hash protects guessable passwords, not random keys), verified answers are cached for
// a few seconds, and last-used times are written in batches off the request's path.

export const TOKEN_PREFIX = "rst_";
const TOKEN_PATTERN = /^rst_[A-Za-z0-9_-]{43}$/;
const NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
/** How long a verified token is trusted without asking the database: revoking waits at most this long elsewhere. */
const CACHE_TTL_MS = 5_000;
const LAST_USED_FLUSH_MS = 30_000;
/**
 * While the database cannot be read, a token it confirmed this recently still stands: a revocation
 * needs the database too, so none can have happened on this instance meanwhile (one on another
 * instance just before the outage is the risk, bounded by this).
 */
export const OUTAGE_GRACE_MS = 5 * 60_000;

export interface TokenRecord {
  id: string;
  name: string;
  role: Role;
  createdBy: string;
  createdAt: number;
  expiresAt: number | null;
  lastUsedAt: number | null;
  revokedAt: number | null;
}

type Verified = { ok: true; principal: Principal & { kind: "token" }; expiresAt: number | null } | { ok: false; reason: "unknown" | "revoked" | "expired" };

export function hashToken(token: string): string {
  // The one-shot form: a Hash object per lookup cost more than the digest itself.
  return hash("sha256", token, "hex");
}

export function isTokenName(name: string): boolean {
  return NAME_PATTERN.test(name);
}

export function createTokenService(db: AccessDb, ready: Promise<void>, now: () => number = Date.now) {
  const cache = new LRUCache<string, Verified>({ max: 10_000, ttl: CACHE_TTL_MS });
  /** The last answer the database gave for each token, and when: for an outage (OUTAGE_GRACE_MS). */
  const confirmed = new LRUCache<string, Verified>({ max: 10_000, ttl: OUTAGE_GRACE_MS });
  const lastUsed = new Map<string, number>();
  let timer: ReturnType<typeof setInterval> | null = null;

  function toRecord(row: Selectable<ApiTokenTable>): TokenRecord {
    return {
      id: row.id,
      name: row.name,
      role: isRole(row.role) ? row.role : "viewer",
      createdBy: row.created_by,
      createdAt: Number(row.created_at),
      expiresAt: row.expires_at === null ? null : Number(row.expires_at),
      lastUsedAt: lastUsed.get(row.id) ?? (row.last_used_at === null ? null : Number(row.last_used_at)),
      revokedAt: row.revoked_at === null ? null : Number(row.revoked_at),
    };
  }

  async function flushLastUsed() {
    if (lastUsed.size === 0) return;
    const batch = [...lastUsed];
    lastUsed.clear();
    await db.transaction().execute(async (tx) => {
      for (const [id, at] of batch) await tx.updateTable("api_token").set({ last_used_at: at }).where("id", "=", id).execute();
    });
  }

  async function lookup(hash: string): Promise<Verified> {
    await ready;
    const row = await db.selectFrom("api_token").selectAll().where("token_hash", "=", hash).executeTakeFirst();
    if (!row) return { ok: false, reason: "unknown" };
    const record = toRecord(row);
    if (record.revokedAt !== null) return { ok: false, reason: "revoked" };
    return { ok: true, expiresAt: record.expiresAt, principal: { kind: "token", id: record.id, label: record.name, role: record.role, createdBy: record.createdBy } };
  }

  return {
    /** The principal a bearer token stands for, or why it stands for none. */
    async verify(token: string): Promise<Verified> {
      if (!TOKEN_PATTERN.test(token)) return { ok: false, reason: "unknown" };
      const hash = hashToken(token);
      let verified = cache.get(hash);
      if (!verified) {
        try {
          verified = await lookup(hash);
          confirmed.set(hash, verified);
        } catch (error) {
          verified = confirmed.get(hash);
          if (!verified) throw error;
        }
        cache.set(hash, verified);
      }
      if (verified.ok && verified.expiresAt !== null && verified.expiresAt <= now()) return { ok: false, reason: "expired" };
      if (verified.ok) lastUsed.set(verified.principal.id, now());
      return verified;
    },

    /** A new token; the secret is in the answer only, never stored or shown again. */
    async create(input: { name: string; role: Role; createdBy: string; expiresAt: number | null }): Promise<{ token: string; record: TokenRecord }> {
      await ready;
      if (!isTokenName(input.name)) throw new DomainError("invalid_body", { reason: "token_name" });
      if (input.expiresAt !== null && input.expiresAt <= now()) throw new DomainError("invalid_body", { reason: "token_expiry" });
      const token = TOKEN_PREFIX + randomBytes(32).toString("base64url");
      const row = {
        id: randomUUID(),
        name: input.name,
        token_hash: hashToken(token),
        role: input.role,
        created_by: input.createdBy,
        created_at: now(),
        expires_at: input.expiresAt,
        last_used_at: null,
        revoked_at: null,
      };
      try {
        await db.insertInto("api_token").values(row).execute();
      } catch (error) {
        if (/UNIQUE|unique/.test(String((error as Error).message))) throw new DomainError("conflict", { reason: "token_name_taken", name: input.name });
        throw error;
      }
      return { token, record: toRecord(row) };
    },

    async list(options: { includeRevoked?: boolean } = {}): Promise<TokenRecord[]> {
      await ready;
      let query = db.selectFrom("api_token").selectAll().orderBy("created_at", "desc");
      if (!options.includeRevoked) query = query.where("revoked_at", "is", null);
      return (await query.execute()).map(toRecord);
    },

    /** Revokes the live token of that name; takes effect on this instance's next request. */
    async revoke(name: string): Promise<TokenRecord> {
      await ready;
      const row = await db.selectFrom("api_token").selectAll().where("name", "=", name).where("revoked_at", "is", null).executeTakeFirst();
      if (!row) throw new DomainError("not_found", { reason: "token" });
      await db.updateTable("api_token").set({ revoked_at: now() }).where("id", "=", row.id).execute();
      cache.set(row.token_hash, { ok: false, reason: "revoked" });
      confirmed.set(row.token_hash, { ok: false, reason: "revoked" });
      return toRecord({ ...row, revoked_at: now() });
    },

    start() {
      timer ??= setInterval(() => void flushLastUsed().catch(() => undefined), LAST_USED_FLUSH_MS);
      timer.unref?.();
    },

    async stop() {
      if (timer) clearInterval(timer);
      timer = null;
      await flushLastUsed();
    },
  };
}

export type TokenService = ReturnType<typeof createTokenService>;
