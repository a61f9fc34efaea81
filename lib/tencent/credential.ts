import "server-only";
import type { CredentialMode, CredentialStatus } from "@/lib/contract/api";
import { decodeUserSig, genUserSig } from "./usersig";

// Where the admin UserSig comes from. With the app's secret key the console mints its own and
// renews it long before it expires (Tencent's own demo mints one 7-day UserSig at start-up and
// starts failing a week later). With a ready UserSig it can only report the expiry coming.

const DAY_MS = 86_400_000;
/** Validity of a minted UserSig; Tencent recommends 24 h or more. */
const MINTED_VALIDITY_S = 2 * 86_400;
/** Mint again when less than this remains, so no request ever carries a nearly expired one. */
const RENEW_BEFORE_MS = DAY_MS;

export interface UserSigProvider {
  readonly mode: CredentialMode;
  /** A UserSig for the next request. */
  current(): string;
  /** Tencent refused the current UserSig as expired or invalidated. False: nothing can be done here. */
  renew(): boolean;
  expiresAtMs(): number;
}

interface Identity {
  sdkAppId: number;
  identifier: string;
}

export function createMintingProvider(
  identity: Identity & { secretKey: string },
  now: () => number = Date.now,
): UserSigProvider {
  let sig = "";
  let expiresAt = 0;
  let mintedAt = 0;
  const mint = () => {
    // Never the same second twice: a UserSig minted in the second of the one Tencent just refused
    // would be byte-for-byte the same.
    const time = Math.max(Math.floor(now() / 1000), mintedAt + 1);
    mintedAt = time;
    sig = genUserSig({ identifier: identity.identifier, sdkAppId: identity.sdkAppId, time, expire: MINTED_VALIDITY_S }, identity.secretKey);
    expiresAt = (time + MINTED_VALIDITY_S) * 1000;
  };
  return {
    mode: "secret_key",
    current() {
      if (expiresAt - now() < RENEW_BEFORE_MS) mint();
      return sig;
    },
    renew() {
      mint();
      return true;
    },
    expiresAtMs() {
      if (expiresAt === 0) mint();
      return expiresAt;
    },
  };
}

/** Thrown at start-up when TENCENT_USERSIG cannot be what the rest of the configuration says. */
export class CredentialConfigError extends Error {}

export function createStaticProvider(identity: Identity & { userSig: string }): UserSigProvider {
  let decoded;
  try {
    decoded = decodeUserSig(identity.userSig);
  } catch (e) {
    throw new CredentialConfigError(`TENCENT_USERSIG: ${(e as Error).message}`);
  }
  // Tencent would answer 70013/70014 on every call; say so before the first one.
  if (decoded.identifier !== identity.identifier) {
    throw new CredentialConfigError("TENCENT_USERSIG: was made for another UserID than TENCENT_ADMIN_USERID");
  }
  if (decoded.sdkAppId !== identity.sdkAppId) {
    throw new CredentialConfigError("TENCENT_USERSIG: was made for another SDKAppID than TENCENT_SDKAPPID");
  }
  const sig = identity.userSig.trim();
  return {
    mode: "usersig",
    current: () => sig,
    renew: () => false,
    expiresAtMs: () => decoded.expiresAtMs,
  };
}

/**
 * The last known state of the credential, learned from real traffic only: a health probe must
 * never cost an upstream call.
 */
export class CredentialHealth {
  private lastCheckedAt: number | null = null;
  private rejectedCode: number | null = null;

  constructor(
    private readonly provider: UserSigProvider,
    private readonly now: () => number = Date.now,
  ) {}

  recordAccepted() {
    this.lastCheckedAt = this.now();
    this.rejectedCode = null;
  }

  recordRejected(errorCode: number | undefined) {
    this.lastCheckedAt = this.now();
    this.rejectedCode = errorCode ?? 0;
  }

  status(): CredentialStatus {
    if (this.rejectedCode !== null) return "rejected";
    if (this.provider.mode === "usersig") {
      const left = this.provider.expiresAtMs() - this.now();
      if (left <= 0) return "expired";
      if (left < DAY_MS) return "expiring";
    }
    return this.lastCheckedAt === null ? "unknown" : "ok";
  }

  snapshot() {
    return {
      mode: this.provider.mode,
      status: this.status(),
      expiresAt: new Date(this.provider.expiresAtMs()).toISOString(),
      lastCheckedAt: this.lastCheckedAt === null ? null : new Date(this.lastCheckedAt).toISOString(),
      lastErrorCode: this.rejectedCode,
    };
  }
}
