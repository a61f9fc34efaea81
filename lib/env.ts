import "server-only";
import { z } from "zod";
import { LIVE_API_LIMITS, type LiveApi } from "@/lib/tencent/live-apis";
import { REGIONS, REGION_DOMAINS } from "@/lib/tencent/regions";

// The one place the server reads its configuration. Validated once at start-up (instrumentation.ts)
// so that a bad deployment stops at once with the variable's name instead of failing on the first
// lookup. Messages name variables and rules, never values: some of them are secrets.

const LOOPBACK_HOSTS = new Set(["localhost", "[::1]", "::1"]);

export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname) || /^127(\.\d{1,3}){3}$/.test(hostname);
}

/** Digits only: Number() would also take "0x10", "1e3" or " ", none of which anyone meant. */
const integer = (rule: string, ok: (n: number) => boolean) =>
  z.preprocess(
    (v) => (v === "" ? undefined : v),
    z
      .string()
      .trim()
      .regex(/^\d+$/, `must be ${rule}`)
      .transform(Number)
      .refine((n) => Number.isSafeInteger(n) && ok(n), `must be ${rule}`),
  );
const flag = z
  .enum(["true", "false", "1", "0", ""], { error: "must be true or false" })
  .default("")
  .transform((v) => v === "true" || v === "1");
const optionalText = z
  .string()
  .trim()
  .transform((v) => (v === "" ? undefined : v))
  .optional();

/** An https URL, or plain http for a loopback host only (the stand-in, a local proxy or IdP). */
const optionalHttpsUrl = (error: string) =>
  optionalText.pipe(
    z
      .url({ protocol: /^https?$/, error })
      .refine((raw) => {
        const url = new URL(raw);
        return url.protocol === "https:" || isLoopbackHost(url.hostname);
      }, "plain http:// is accepted only for loopback hosts (127.0.0.0/8, localhost, ::1)")
      .optional(),
  );

const tencentFields = {
  TENCENT_SDKAPPID: integer("a positive integer", (n) => n > 0),
  TENCENT_SECRET_KEY: optionalText,
  TENCENT_USERSIG: optionalText,
  TENCENT_ADMIN_USERID: z.string().trim().min(1, "must not be empty").max(32, "must be at most 32 characters").default("administrator"),
  TENCENT_REGION: z.enum(REGIONS, { error: `must be one of ${REGIONS.join(", ")}` }).default("china"),
  TENCENT_API_BASE_URL: optionalHttpsUrl("must be an http(s) URL"),
  TENCENT_RATE_LIMIT: integer("a whole number of calls per second from 1 to 10000", (n) => n >= 1 && n <= 10_000).default(100),
  TENCENT_RATE_HEADROOM: integer("a whole percentage from 0 to 50", (n) => n <= 50).default(15),
  STATS_FRESHNESS_MS: integer("a whole number of milliseconds from 0 to 60000", (n) => n <= 60_000).default(1000),
  // A room's name, owner and settings change rarely (a host may rename a room): minutes old is fine.
  ROOM_INFO_FRESHNESS_S: integer("a whole number of seconds from 0 to 86400", (n) => n <= 86_400).default(300),
  // One fleet-wide listing of the live rooms per window: 50 pages every 30 s is under 2 of get_room_list's 10 calls/s.
  LIVE_LIST_FRESHNESS_S: integer("a whole number of seconds from 5 to 3600", (n) => n >= 5 && n <= 3600).default(30),
  LIVE_LIST_MAX_PAGES: integer("a whole number of pages from 1 to 500", (n) => n >= 1 && n <= 500).default(50),
  HISTORY_RETENTION_DAYS: integer("a whole number of days from 1 to 3650", (n) => n >= 1 && n <= 3650).default(90),
  RECORD_VIEWED_HOURS: integer("a whole number of hours from 0 to 720", (n) => n <= 720).default(6),
  RECORD_INTERVAL_S: integer("a whole number of seconds from 1 to 3600", (n) => n >= 1 && n <= 3600).default(10),
  RECORD_BUDGET_SHARE: z.preprocess(
    (v) => (v === "" ? undefined : v),
    z
      .string()
      .trim()
      .regex(/^(0(\.\d+)?|1(\.0+)?)$/, "must be a fraction from 0 to 1, such as 0.7")
      .transform(Number)
      .default(0.7),
  ),
  ROOMSCOPE_SIMULATED: flag,
  // Tencent's callback token (v4/live_config/set_callback_token): 1 to 128 characters. Unset, the
  // callback endpoint is off.
  TENCENT_CALLBACK_TOKEN: optionalText.pipe(z.string().max(128, "must be at most 128 characters (Tencent's limit for the callback token)").optional()),
  RECORD_ALL_ROOMS: flag,
  ALERT_ALLOW_PRIVATE_WEBHOOKS: flag,
};

// Where the data lives and who may get in: all the command line (lib/cli) needs.
const accessFields = {
  DATA_DIR: z.string().trim().min(1, "must not be empty").default("./data"),
  AUTH_SECRET: optionalText.pipe(z.string().min(32, "must be at least 32 characters (openssl rand -base64 32)").optional()),
  CONSOLE_URL: optionalText.pipe(
    z
      .url({ protocol: /^https?$/, error: "must be the console's public http(s) URL, such as https://roomscope.example.com" })
      .refine((raw) => new URL(raw).pathname === "/", "must be an origin without a path (https://roomscope.example.com)")
      .optional(),
  ),
  CONSOLE_ADMIN_EMAIL: optionalText.pipe(z.email({ error: "must be an email address" }).optional()),
  CONSOLE_ADMIN_PASSWORD: optionalText.pipe(z.string().min(12, "must be at least 12 characters").max(128, "must be at most 128 characters").optional()),
  OIDC_ISSUER: optionalHttpsUrl("must be the identity provider's issuer URL"),
  OIDC_CLIENT_ID: optionalText,
  OIDC_CLIENT_SECRET: optionalText,
  OIDC_ROLE_CLAIM: z.string().trim().min(1, "must not be empty").default("groups"),
  OIDC_NAME: z.string().trim().min(1, "must not be empty").max(40, "must be at most 40 characters").default("single sign-on"),
  SESSION_IDLE_HOURS: integer("a whole number of hours from 1 to 720", (n) => n >= 1 && n <= 720).default(12),
  SESSION_MAX_DAYS: integer("a whole number of days from 1 to 90", (n) => n >= 1 && n <= 90).default(7),
  API_QUOTA_PER_MINUTE: integer("a whole number of requests from 10 to 1000000", (n) => n >= 10 && n <= 1_000_000).default(600),
  AUDIT_RETENTION_DAYS: integer("a whole number of days from 1 to 3650", (n) => n >= 1 && n <= 3650).default(365),
  TRUST_PROXY: flag,
};

type Refinement<T> = (value: T, ctx: z.RefinementCtx) => void;

const accessRules: Refinement<z.output<z.ZodObject<typeof accessFields>>> = (value, ctx) => {
  if (!value.CONSOLE_ADMIN_EMAIL !== !value.CONSOLE_ADMIN_PASSWORD) {
    const missing = value.CONSOLE_ADMIN_EMAIL ? "CONSOLE_ADMIN_PASSWORD" : "CONSOLE_ADMIN_EMAIL";
    ctx.addIssue({ code: "custom", path: [missing], message: "must be set together with the other CONSOLE_ADMIN_ variable" });
  }
  const oidc = ["OIDC_ISSUER", "OIDC_CLIENT_ID", "OIDC_CLIENT_SECRET"] as const;
  const oidcSet = oidc.filter((name) => value[name]);
  if (oidcSet.length > 0 && oidcSet.length < oidc.length) {
    for (const name of oidc.filter((n) => !value[n])) {
      ctx.addIssue({ code: "custom", path: [name], message: "is required when single sign-on is configured (OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET)" });
    }
  }
  // The redirect URI sent to the identity provider is built from it: Better Auth's server-side
  // sign-in call has no request URL to take an origin from, and the IdP matches the URI exactly.
  if (oidcSet.length === oidc.length && !value.CONSOLE_URL) {
    ctx.addIssue({ code: "custom", path: ["CONSOLE_URL"], message: "is required with single sign-on: the identity provider redirects to CONSOLE_URL/api/auth/callback/oidc" });
  }
};

const tencentRules: Refinement<z.output<z.ZodObject<typeof tencentFields>>> = (value, ctx) => {
  if (!value.TENCENT_SECRET_KEY && !value.TENCENT_USERSIG) {
    ctx.addIssue({
      code: "custom",
      path: ["TENCENT_SECRET_KEY"],
      message: "set TENCENT_SECRET_KEY (the server mints UserSigs) or TENCENT_USERSIG (a ready admin UserSig)",
    });
  }
};

/** Several instances sharing the budget, the cache and the recorder's rooms (lib/cluster). */
const clusterFields = {
  DATABASE_URL: optionalText.pipe(z.url({ protocol: /^postgres(ql)?$/, error: "must be a postgres:// or postgresql:// URL" }).optional()),
  REDIS_URL: optionalText.pipe(z.url({ protocol: /^rediss?$/, error: "must be a redis:// or rediss:// URL" }).optional()),
  REDIS_PREFIX: z.string().trim().min(1, "must not be empty").max(64, "must be at most 64 characters").default("roomscope:"),
  CONSOLE_INSTANCES: integer("a whole number of instances from 1 to 100", (n) => n >= 1 && n <= 100).default(1),
};

const schema = z.object({ ...tencentFields, ...accessFields, ...clusterFields }).superRefine((value, ctx) => {
  tencentRules(value, ctx);
  accessRules(value, ctx);
  // Each instance would otherwise generate its own into its DATA_DIR, and a session signed by one
  // would be refused by the others.
  if ((value.DATABASE_URL || value.REDIS_URL) && !value.AUTH_SECRET) {
    ctx.addIssue({ code: "custom", path: ["AUTH_SECRET"], message: "is required with DATABASE_URL or REDIS_URL: every instance must sign sessions with the same secret" });
  }
});
const accessSchema = z.object({ ...accessFields, DATABASE_URL: clusterFields.DATABASE_URL }).superRefine(accessRules);

/**
 * The calls per second the console spends of Tencent's limit. Tencent counts calls where they
 * arrive, and a call can wait between taking its budget token and reaching Tencent (the network, a
 * new connection, a busy event loop). The budget's bucket lets at most burst + rate x W calls go in
 * any W seconds (lib/upstream/budget.ts), so if delays differ by up to J seconds, a second of
 * arrivals holds at most burst + rate x (1 + J). At the default 15 % below a limit of 100 that is
 * 4 + 81 x (1 + J): within the limit for J up to about 185 ms. With 10 % (J up to 110 ms) a
 * 600-lookup burst through 80 ms of jitter still put 102 calls into one second on a busy machine;
 * with none, 105 (app/api/rooms/[roomId]/stats/route.test.ts).
 */
export function upstreamBudget(limit: number, headroomPercent: number): number {
  return Math.max(1, Math.floor((limit * (100 - headroomPercent)) / 100));
}

export interface ServerEnv {
  sdkAppId: number;
  credential: { kind: "secret_key"; secretKey: string } | { kind: "usersig"; userSig: string };
  adminUserId: string;
  region: (typeof REGIONS)[number];
  /** Origin of the REST API, without a trailing slash. */
  apiBaseUrl: string;
  /** Tencent's limit for the app. */
  rateLimitPerSecond: number;
  /** What this console spends of it: the limit less the headroom (see upstreamBudget). */
  budgetPerSecond: number;
  /** What this console spends of each live-engine call's own limit (get_room_stats' is budgetPerSecond). */
  apiBudgets: Record<LiveApi, number>;
  freshnessMs: number;
  /** How long a room's details (get_room_info) are reused. */
  roomInfoFreshnessMs: number;
  /** The "Live now" listing (get_room_list): how long one is reused, and how many pages of 20 it reads at most. */
  liveList: { freshnessMs: number; maxPages: number };
  simulated: boolean;
  callbacks: {
    /** Verifies Tencent's room callbacks' Sign; unset, POST /api/tencent/callback is off. A secret: never logged. */
    token?: string;
    /** Record every room Tencent's create callback announces, watched or not. */
    recordAllRooms: boolean;
  };
  alerts: {
    /** Alert channels may send to loopback, private and link-local addresses (a receiver on the team's own network). */
    allowPrivateWebhooks: boolean;
  };
  history: {
    /** Folder of the embedded SQLite database. */
    dataDir: string;
    retentionMs: number;
    /** Rooms someone looked up this recently are recorded. */
    viewedWindowMs: number;
    /** The recorder's cadence per room when the budget allows it. */
    intervalMs: number;
    /** The fraction of the upstream budget the recorder may use; the rest is kept for lookups. */
    budgetShare: number;
  };
  cluster: {
    /** Shared state of the fleet; unset, this instance keeps it in memory. Holds a password: never logged. */
    redisUrl?: string;
    /** History, users, sessions, tokens and the audit log in PostgreSQL; unset, SQLite in DATA_DIR. Holds a password: never logged. */
    databaseUrl?: string;
    /** Every key this console writes in Redis starts with it (tests and several apps apart). */
    redisPrefix: string;
    /** How many instances share the budget: without Redis each spends budgetPerSecond / instances. */
    instances: number;
  };
  access: {
    /** Signs session cookies; unset means one generated and kept in DATA_DIR (lib/auth/secret.ts). */
    secret?: string;
    /** The console's public origin, when it is known ahead of requests (behind a proxy, or for SSO). */
    consoleUrl?: string;
    /** Created at start-up when no admin exists; never overwrites an account. */
    firstAdmin?: { email: string; password: string };
    oidc?: { issuer: string; clientId: string; clientSecret: string; roleClaim: string; name: string };
    session: { idleMs: number; maxMs: number };
    /** API requests each user or token may make per minute. */
    quotaPerMinute: number;
    auditRetentionMs: number;
    /** Take the client's address from X-Forwarded-For (only behind a proxy that sets it). */
    trustProxy: boolean;
  };
}

export class EnvError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "EnvError";
  }
}

function validated<S extends z.ZodType>(schema: S, source: Record<string, string | undefined>): z.output<S> {
  const result = schema.safeParse(source);
  if (result.success) return result.data;
  // Only the path and our own message: zod's default messages can quote the received value.
  throw new EnvError(
    result.error.issues.map((issue) => {
      const name = String(issue.path[0] ?? "environment");
      const missing = issue.code === "invalid_type" && !source[name]?.trim();
      // Every rule above words its own message; zod's defaults could quote the value.
      return `${name}: ${missing ? "is required" : issue.message}`;
    }),
  );
}

function accessSettings(v: z.output<typeof accessSchema>): ServerEnv["access"] {
  return {
    secret: v.AUTH_SECRET,
    consoleUrl: v.CONSOLE_URL?.replace(/\/+$/, ""),
    firstAdmin: v.CONSOLE_ADMIN_EMAIL && v.CONSOLE_ADMIN_PASSWORD ? { email: v.CONSOLE_ADMIN_EMAIL, password: v.CONSOLE_ADMIN_PASSWORD } : undefined,
    oidc:
      v.OIDC_ISSUER && v.OIDC_CLIENT_ID && v.OIDC_CLIENT_SECRET
        ? { issuer: v.OIDC_ISSUER.replace(/\/+$/, ""), clientId: v.OIDC_CLIENT_ID, clientSecret: v.OIDC_CLIENT_SECRET, roleClaim: v.OIDC_ROLE_CLAIM, name: v.OIDC_NAME }
        : undefined,
    session: { idleMs: v.SESSION_IDLE_HOURS * 3_600_000, maxMs: v.SESSION_MAX_DAYS * 86_400_000 },
    quotaPerMinute: v.API_QUOTA_PER_MINUTE,
    auditRetentionMs: v.AUDIT_RETENTION_DAYS * 86_400_000,
    trustProxy: v.TRUST_PROXY,
  };
}

/** Only the data directory and access settings: what the command line needs (no Tencent credential). */
/** What the command line and the demo need: where the access database is, and access control's settings. */
export function parseAccessEnv(source: Record<string, string | undefined>): { dataDir: string; databaseUrl?: string; access: ServerEnv["access"] } {
  const v = validated(accessSchema, source);
  return { dataDir: v.DATA_DIR, databaseUrl: v.DATABASE_URL, access: accessSettings(v) };
}

export function parseEnv(source: Record<string, string | undefined>): ServerEnv {
  const v = validated(schema, source);
  return {
    sdkAppId: v.TENCENT_SDKAPPID,
    // The secret key wins when both are set: a minted UserSig never expires under us.
    credential: v.TENCENT_SECRET_KEY
      ? { kind: "secret_key", secretKey: v.TENCENT_SECRET_KEY }
      : { kind: "usersig", userSig: v.TENCENT_USERSIG! },
    adminUserId: v.TENCENT_ADMIN_USERID,
    region: v.TENCENT_REGION,
    apiBaseUrl: (v.TENCENT_API_BASE_URL ?? `https://${REGION_DOMAINS[v.TENCENT_REGION]}`).replace(/\/+$/, ""),
    rateLimitPerSecond: v.TENCENT_RATE_LIMIT,
    budgetPerSecond: upstreamBudget(v.TENCENT_RATE_LIMIT, v.TENCENT_RATE_HEADROOM),
    freshnessMs: v.STATS_FRESHNESS_MS,
    // TENCENT_RATE_LIMIT is get_room_stats' (an app's limits can be raised one by one); the other
    // calls have Tencent's documented limits, with the same headroom kept on each.
    apiBudgets: {
      get_room_stats: upstreamBudget(v.TENCENT_RATE_LIMIT, v.TENCENT_RATE_HEADROOM),
      get_room_info: upstreamBudget(LIVE_API_LIMITS.get_room_info, v.TENCENT_RATE_HEADROOM),
      get_room_list: upstreamBudget(LIVE_API_LIMITS.get_room_list, v.TENCENT_RATE_HEADROOM),
    },
    roomInfoFreshnessMs: v.ROOM_INFO_FRESHNESS_S * 1000,
    liveList: { freshnessMs: v.LIVE_LIST_FRESHNESS_S * 1000, maxPages: v.LIVE_LIST_MAX_PAGES },
    simulated: v.ROOMSCOPE_SIMULATED,
    callbacks: { token: v.TENCENT_CALLBACK_TOKEN, recordAllRooms: v.RECORD_ALL_ROOMS },
    alerts: { allowPrivateWebhooks: v.ALERT_ALLOW_PRIVATE_WEBHOOKS },
    history: {
      dataDir: v.DATA_DIR,
      retentionMs: v.HISTORY_RETENTION_DAYS * 86_400_000,
      viewedWindowMs: v.RECORD_VIEWED_HOURS * 3_600_000,
      intervalMs: v.RECORD_INTERVAL_S * 1000,
      budgetShare: v.RECORD_BUDGET_SHARE,
    },
    cluster: { redisUrl: v.REDIS_URL, databaseUrl: v.DATABASE_URL, redisPrefix: v.REDIS_PREFIX, instances: v.CONSOLE_INSTANCES },
    access: accessSettings(v),
  };
}

let cached: ServerEnv | undefined;

/** The validated configuration of this process (parsed on first use). */
export function serverEnv(): ServerEnv {
  cached ??= parseEnv(process.env);
  return cached;
}
