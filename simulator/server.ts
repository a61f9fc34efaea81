// The stand-in for Tencent's live engine, `POST /v4/live_engine_http_srv/{get_room_stats,
// get_room_info, get_room_list}`, plus a few `/__sim/*` control endpoints that the real service does
// not have. Each call has its own per-SDKAppID limit (100/s, 200/s, 10/s, as Tencent documents). Plain node:http, so that what the console
// meets here (keep-alive, status codes, bodies, cut connections) is what a socket really does.
//
// The order of checks, and the code each one answers (HTTP 200 unless said otherwise):
//   path other than the API (and not /__sim/*)       60009  check the URL
//   method other than POST                           60002  HTTP parse error (HTTP 200, like every
//                                                           upstream answer; never 405)
//   gateway faults of the room: down / html_502 (HTTP 502) / slow       see faults.ts
//   a query parameter given twice                    60002
//   sdkappid missing or empty                        60012
//   sdkappid not a positive decimal integer          60006  SDKAppID invalid
//   random missing, not decimal, above 4294967295    60002  it is a URL problem, not a body problem
//   contenttype other than "json"                    60002
//   sdkappid well formed but not an app of ours      70020  not found (the wrong region's domain)
//   more than the call's limit in any 1 s window     60007  (limited before the UserSig is checked:
//                                                           an access layer counts before it verifies)
//   identifier missing or empty                      60004  wrong account in the URL
//   usersig: see usersig.ts                          7000x  MINIMAL body: no RequestId, ErrorInfo ""
//   identifier not an administrator of the app       60010
//   body too large (> 64 KiB)                        60008  malformed request
//   body empty, not UTF-8, not JSON, not an object   60003
//   RoomId missing, not a string, empty, > 48 bytes  100002
//   backend faults of the room: flaky 100001, rate_limit_storm 60007     see faults.ts
//   room unknown, or ended                           100004
//   otherwise                                        0      with the six totals (get_room_stats) or
//                                                           RoomInfo (get_room_info)
// get_room_list has no RoomId: Next must be a string ("" or a Next it answered) and Count an integer
// from 1 to 20 (100002 otherwise); it lists the rooms live now, by ViewCount descending. Its fault
// (setListFault, POST /__sim/list/fault) answers 100001 from a given page on: a listing that fails
// part way, which the console must show as far as it got.
// truncated_json then cuts whatever answer was chosen in half.

import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

import { createCallbackSender, isCallbackFault, type CallbackDelivery, type CallbackFault } from "./callbacks";
import { DEMO_APP, type SimulatedApp } from "./demo-app";
import { BAD_GATEWAY_HTML, FaultBoard, flakyFails, isFaultMode, isStorming, truncateBody, type FaultMode } from "./faults";
import { hashString, mixSeed, mulberry32 } from "./prng";
import { SlidingWindowLimiter } from "./rate-limit";
import { buildCatalogue, coverSvg, isEnded, RoomLedger, roomDetails, type Room, type RoomTotals } from "./rooms";
import { verifyUserSig } from "./usersig";

export { DEMO_APP } from "./demo-app";
export { FAULT_MODES, type FaultMode } from "./faults";
export { CALLBACK_FAULTS, type CallbackDelivery, type CallbackFault } from "./callbacks";
export type { RoomTotals } from "./rooms";

const API_BASE = "/v4/live_engine_http_srv/";
export const API_PATH = `${API_BASE}get_room_stats`;
export const LIVE_APIS = ["get_room_stats", "get_room_info", "get_room_list"] as const;
export type LiveApi = (typeof LIVE_APIS)[number];
const isLiveApi = (name: string): name is LiveApi => (LIVE_APIS as readonly string[]).includes(name);
/** get_room_list's page size cap. */
export const MAX_LIST_COUNT = 20;
export const MAX_ROOM_ID_BYTES = 48;
const MAX_BODY_BYTES = 64 * 1024;
const MAX_RANDOM = 4_294_967_295;

export interface SimulatorOptions {
  host?: string;
  port?: number;
  apps?: SimulatedApp[];
  seed?: number;
  /** get_room_stats' limit per SDKAppID and second (100, as Tencent's). */
  rateLimit?: number;
  /** get_room_info's (200). */
  infoRateLimit?: number;
  /** get_room_list's (10). */
  listRateLimit?: number;
  rooms?: number;
  fault?: FaultMode;
  roomFaults?: Record<string, FaultMode>;
  slowMs?: number;
  /**
   * A network's variable delay: each call arrives (and is counted by the limiter) after a uniform
   * random delay below this many milliseconds, drawn from the seed.
   */
  jitterMs?: number;
  now?: () => number;
  log?: (line: string) => void;
  /**
   * Where Tencent's room callbacks go (the console's /api/tencent/callback), signed with
   * `callbackToken`: a create for every room live at start-up and every room that starts, a destroy
   * for every room that ends. Sent for the first app of `apps`.
   */
  callbackUrl?: string;
  callbackToken?: string;
  callbackFault?: CallbackFault;
  /** Waits before each retry of a failed callback, in ms (tests shorten them). */
  callbackRetryDelaysMs?: readonly number[];
}

export interface RoomSnapshot {
  exists: boolean;
  ended: boolean;
  startedAt: number;
  endedAt: number | null;
  totals: RoomTotals | null;
}

export interface CallCounters {
  /** Every request to get_room_stats' path, whatever became of it (faults and rejections included). */
  total: number;
  /** The same, keyed by the `sdkappid` query parameter as sent (requests without one are not keyed). */
  bySdkAppId: Record<string, number>;
  /** Calls refused by the per-SDKAppID limiter (not the rate_limit_storm fault). */
  rejectedRateLimit: number;
  /**
   * The most calls that reached the limiter for one SDKAppID within any one sliding second, refused
   * ones included: what Tencent compares with its limit, at arrival.
   */
  busiestSecond: number;
  /**
   * The same, keyed by the RoomId in the body exactly as it arrived (bodies without one are not
   * keyed): tests check that a hostile RoomId never reached Tencent, whatever else was called.
   */
  byRoomId: Record<string, number>;
  /** Requests to each live-engine call, get_room_stats included (the counts above are get_room_stats' only). */
  byApi: Record<LiveApi, number>;
  /** Calls refused by each call's own limiter. */
  rejectedByApi: Record<LiveApi, number>;
}

export interface Simulator {
  url: string;
  port: number;
  setFault(roomId: string | "*", mode: FaultMode): void;
  /** Dismisses a live room now, as its host ending the stream would: 100004 from then on. False if not live. */
  endRoom(roomId: string): boolean;
  roomIds(): string[];
  snapshot(roomId: string): RoomSnapshot;
  calls(): CallCounters;
  /** Callbacks sent so far, oldest first (empty without a callback URL). */
  callbacks(): CallbackDelivery[];
  setCallbackFault(mode: CallbackFault): void;
  /** get_room_list answers 100001 for every page from this 0-based page on; null: no fault. */
  setListFault(failFromPage: number | null): void;
  /** Resolves once every callback under way has been delivered (or given up). */
  callbacksIdle(): Promise<void>;
  close(): Promise<void>;
}

type AnswerBody = Record<string, unknown>;

interface App {
  secretKey: string;
  admins: Set<string>;
}

/** One upstream answer. `minimal` bodies omit RequestId, as Tencent's are seen to do for UserSig failures. */
class Failure {
  constructor(
    readonly code: number,
    readonly info: string,
    readonly minimal = false,
  ) {}
}

function checkOptions(options: SimulatorOptions): void {
  const positiveInt = (value: number | undefined, name: string, min: number) => {
    if (value !== undefined && (!Number.isSafeInteger(value) || value < min)) throw new RangeError(`${name} must be an integer >= ${min}`);
  };
  positiveInt(options.port, "port", 0);
  positiveInt(options.rateLimit, "rateLimit", 1);
  positiveInt(options.infoRateLimit, "infoRateLimit", 1);
  positiveInt(options.listRateLimit, "listRateLimit", 1);
  positiveInt(options.rooms, "rooms", 0);
  positiveInt(options.slowMs, "slowMs", 0);
  positiveInt(options.jitterMs, "jitterMs", 0);
  if (options.seed !== undefined && !Number.isFinite(options.seed)) throw new RangeError("seed must be a finite number");
  if (options.fault !== undefined && !isFaultMode(options.fault)) throw new RangeError(`unknown fault mode: ${String(options.fault)}`);
  for (const [roomId, mode] of Object.entries(options.roomFaults ?? {})) {
    if (!isFaultMode(mode)) throw new RangeError(`unknown fault mode for ${roomId}: ${String(mode)}`);
  }
  if (options.apps !== undefined && options.apps.length === 0) throw new RangeError("apps must not be empty");
  if (!options.callbackUrl !== !options.callbackToken) throw new RangeError("callbackUrl and callbackToken go together");
  if (options.callbackUrl !== undefined && !/^https?:\/\//.test(options.callbackUrl)) throw new RangeError("callbackUrl must be an http(s) URL");
  if (options.callbackToken !== undefined && (options.callbackToken.length < 1 || options.callbackToken.length > 128)) throw new RangeError("callbackToken must be 1 to 128 characters");
  if (options.callbackFault !== undefined && !isCallbackFault(options.callbackFault)) throw new RangeError(`unknown callback fault: ${String(options.callbackFault)}`);
}

function utf8Bytes(text: string): number {
  return Buffer.byteLength(text, "utf8");
}

/** The client hung up before its request was complete: nothing to answer, and nothing to count as a bug. */
class ClientGone extends Error {}

function readBody(req: IncomingMessage): Promise<{ bytes: Buffer; tooLarge: boolean }> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let ended = false;
    // Keep draining past the cap (and drop it) so the connection stays usable for the next request.
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on("end", () => {
      ended = true;
      resolve({ bytes: Buffer.concat(chunks), tooLarge: size > MAX_BODY_BYTES });
    });
    req.on("error", () => reject(new ClientGone()));
    req.on("close", () => {
      if (!ended) reject(new ClientGone());
    });
  });
}

const STRICT_UTF8 = new TextDecoder("utf-8", { fatal: true });

/** The body as an object, or the failure to answer; fatal decoding so broken UTF-8 is not silently patched. */
function parseBody(bytes: Buffer, tooLarge: boolean): Record<string, unknown> | Failure {
  if (tooLarge) return new Failure(60008, `request body larger than ${MAX_BODY_BYTES} bytes`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(STRICT_UTF8.decode(bytes));
  } catch {
    return new Failure(60003, "request body is not valid JSON");
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) return new Failure(60003, "request body must be a JSON object");
  return parsed as Record<string, unknown>;
}

function checkRoomId(value: unknown): string | Failure {
  if (value === undefined) return new Failure(100002, "RoomId is required");
  if (typeof value !== "string") return new Failure(100002, "RoomId must be a string");
  if (value === "") return new Failure(100002, "RoomId must not be empty");
  if (utf8Bytes(value) > MAX_ROOM_ID_BYTES) return new Failure(100002, `RoomId longer than ${MAX_ROOM_ID_BYTES} bytes`);
  return value;
}

function splitUrl(raw: string | undefined): { path: string; query: URLSearchParams } {
  // Not `new URL`: a path like "//x" would be read as a host.
  const url = raw ?? "/";
  const mark = url.indexOf("?");
  return mark < 0 ? { path: url, query: new URLSearchParams() } : { path: url.slice(0, mark), query: new URLSearchParams(url.slice(mark + 1)) };
}

function sendJson(res: ServerResponse, status: number, body: unknown, truncate = false): void {
  if (res.destroyed) return;
  const full = Buffer.from(JSON.stringify(body), "utf8");
  const bytes = truncate ? truncateBody(full) : full;
  res.writeHead(status, { "Content-Type": "application/json; charset=utf-8", "Content-Length": bytes.length });
  res.end(bytes);
}

export async function createSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  checkOptions(options);
  const host = options.host ?? "127.0.0.1";
  const seed = options.seed ?? 42;
  const slowMs = options.slowMs ?? 6000;
  const jitterMs = options.jitterMs ?? 0;
  const jitter = mulberry32(mixSeed(seed, hashString("network jitter")));
  const now = options.now ?? Date.now;
  const log = options.log ?? (() => {});
  const epochMs = now();

  const apps = new Map<number, App>();
  for (const app of options.apps ?? [DEMO_APP]) {
    if (apps.has(app.sdkAppId)) throw new RangeError(`SDKAppID ${app.sdkAppId} listed twice`);
    apps.set(app.sdkAppId, { secretKey: app.secretKey, admins: new Set(app.admins ?? ["administrator"]) });
  }

  const rooms = buildCatalogue({ seed, genericRooms: options.rooms ?? 120, epochMs });
  const ledger = new RoomLedger();
  const builtinFaults = [...rooms.values()].filter((room) => room.builtinFault !== "none").map((room): [string, FaultMode] => [room.roomId, room.builtinFault]);
  const faults = new FaultBoard(now, options.fault ?? "none", [...builtinFaults, ...Object.entries(options.roomFaults ?? {})]);
  let listFailFromPage: number | null = null;
  const limiters: Record<LiveApi, SlidingWindowLimiter> = {
    get_room_stats: new SlidingWindowLimiter(options.rateLimit ?? 100),
    get_room_info: new SlidingWindowLimiter(options.infoRateLimit ?? 200),
    get_room_list: new SlidingWindowLimiter(options.listRateLimit ?? 10),
  };
  const limiter = limiters.get_room_stats;
  const byApi: Record<LiveApi, number> = { get_room_stats: 0, get_room_info: 0, get_room_list: 0 };
  const rejectedByApi: Record<LiveApi, number> = { get_room_stats: 0, get_room_info: 0, get_room_list: 0 };
  const flakyCalls = new Map<string, number>();
  // No prototype: a RoomId may be any string, "__proto__" included.
  const counters: Omit<CallCounters, "busiestSecond" | "byApi" | "rejectedByApi"> = { total: 0, bySdkAppId: {}, rejectedRateLimit: 0, byRoomId: Object.create(null) as Record<string, number> };
  /** A cap on distinct keyed RoomIds, so a long soak cannot grow the counters without bound. */
  const MAX_KEYED_ROOMS = 100_000;
  let keyedRooms = 0;
  const pendingWaits = new Set<() => void>();
  let sequence = 0;
  let closed = false;

  const callCounters = (): CallCounters => ({
    total: counters.total,
    bySdkAppId: { ...counters.bySdkAppId },
    rejectedRateLimit: counters.rejectedRateLimit,
    busiestSecond: limiter.busiestWindow(),
    byRoomId: { ...counters.byRoomId },
    byApi: { ...byApi },
    rejectedByApi: { ...rejectedByApi },
  });

  const newRequestId = () => `Id-${randomBytes(16).toString("hex")}-O-Seq-${(sequence += 1)}`;

  const failBody = (failure: Failure): AnswerBody =>
    failure.minimal
      ? { ActionStatus: "FAIL", ErrorCode: failure.code, ErrorInfo: "" }
      : { ActionStatus: "FAIL", ErrorCode: failure.code, ErrorInfo: failure.info, RequestId: newRequestId() };

  /** Resolves true after `ms`, or false if the client went away or the simulator closed first. */
  const wait = (ms: number, res: ServerResponse) =>
    new Promise<boolean>((resolve) => {
      const finish = (proceed: boolean) => {
        clearTimeout(timer);
        pendingWaits.delete(cancel);
        res.off("close", cancel);
        resolve(proceed);
      };
      const cancel = () => finish(false);
      const timer = setTimeout(() => finish(true), ms);
      pendingWaits.add(cancel);
      res.once("close", cancel);
    });

  const firstApp = (options.apps ?? [DEMO_APP])[0]!;
  const sender =
    options.callbackUrl && options.callbackToken
      ? createCallbackSender({ url: options.callbackUrl, token: options.callbackToken, sdkAppId: firstApp.sdkAppId, fault: options.callbackFault, now, log, retryDelaysMs: options.callbackRetryDelaysMs })
      : null;
  /** Rooms whose create and destroy callbacks have gone out. */
  const announced = new Set<string>();
  const destroyed = new Set<string>();
  const roomInfo = (room: Room) => ({
    RoomId: room.roomId,
    RoomName: room.roomId,
    RoomType: "Live",
    Owner_Account: `host-${room.roomId}`,
    CreateTime: Math.floor(room.startedAt / 1000),
  });
  /** Sends the callbacks due: a create for a room live and not announced, a destroy for one ended. */
  const sendDueCallbacks = () => {
    if (!sender) return;
    const at = now();
    for (const room of rooms.values()) {
      if (room.startedAt <= at && !announced.has(room.roomId)) {
        announced.add(room.roomId);
        void sender.send("Live.CallbackAfterCreateRoom", room.roomId, { Operator_Account: `host-${room.roomId}`, RoomInfo: roomInfo(room), EventTime: room.startedAt });
      }
      if (isEnded(room, at) && !destroyed.has(room.roomId)) {
        destroyed.add(room.roomId);
        void sender.send("Live.CallbackAfterDestroyRoom", room.roomId, {
          Operator_Account: `host-${room.roomId}`,
          RoomId: room.roomId,
          EventType: "DestroyByUser",
          EventTime: room.endedAt,
          RoomInfo: roomInfo(room),
        });
      }
    }
  };

  const endRoom = (roomId: string): boolean => {
    const room = rooms.get(roomId);
    const at = now();
    if (!room || isEnded(room, at)) return false;
    room.endedAt = at;
    sendDueCallbacks();
    return true;
  };

  const snapshot = (roomId: string): RoomSnapshot => {
    const room = rooms.get(roomId);
    if (!room) return { exists: false, ended: false, startedAt: 0, endedAt: null, totals: null };
    const at = now();
    return { exists: true, ended: isEnded(room, at), startedAt: room.startedAt, endedAt: room.endedAt, totals: ledger.totalsAt(room, at) };
  };

  /** Everything after the gateway: authentication, limits, validation, backend faults, the room. */
  const answer = (api: LiveApi, query: URLSearchParams, body: Record<string, unknown> | Failure, arrivedMs: number, coverBase: string): { room?: string; body: AnswerBody } => {
    const nowMs = now();
    const outcome = (() => {
      for (const name of ["sdkappid", "identifier", "usersig", "random", "contenttype"]) {
        if (query.getAll(name).length > 1) return new Failure(60002, `query parameter ${name} given more than once`);
      }
      const rawAppId = query.get("sdkappid");
      if (!rawAppId) return new Failure(60012, "sdkappid is missing from the URL");
      if (!/^[1-9]\d{0,15}$/.test(rawAppId) || !Number.isSafeInteger(Number(rawAppId))) return new Failure(60006, "sdkappid is invalid");
      const random = query.get("random");
      if (random === null || !/^\d{1,10}$/.test(random) || Number(random) > MAX_RANDOM) {
        return new Failure(60002, "random must be a decimal integer from 0 to 4294967295");
      }
      if (query.get("contenttype") !== "json") return new Failure(60002, "contenttype must be json");
      const sdkAppId = Number(rawAppId);
      const app = apps.get(sdkAppId);
      if (!app) return new Failure(70020, "SDKAppID not found");

      if (!limiters[api].tryAcquire(rawAppId, arrivedMs)) {
        rejectedByApi[api] += 1;
        if (api === "get_room_stats") counters.rejectedRateLimit += 1;
        return new Failure(60007, "REST API call frequency over the limit");
      }

      const identifier = query.get("identifier");
      if (!identifier) return new Failure(60004, "identifier is missing from the URL");
      const check = verifyUserSig({ userSig: query.get("usersig") ?? "", identifier, sdkAppId, secretKey: app.secretKey, nowSeconds: Math.floor(nowMs / 1000) });
      if (!check.ok) return new Failure(check.code, check.reason, true);
      if (!app.admins.has(identifier)) return new Failure(60010, "this request needs App administrator rights");

      if (body instanceof Failure) return body;
      if (api === "get_room_list") return listPage(body, nowMs, coverBase);
      const roomId = checkRoomId(body["RoomId"]);
      if (roomId instanceof Failure) return roomId;

      const fault = faults.get(roomId);
      if (fault.mode === "flaky") {
        const index = flakyCalls.get(roomId) ?? 0;
        flakyCalls.set(roomId, index + 1);
        if (flakyFails(seed, hashString(roomId), index)) return new Failure(100001, "internal server error");
      }
      if (fault.mode === "rate_limit_storm" && isStorming(fault.sinceMs, nowMs)) {
        return new Failure(60007, "REST API call frequency over the limit");
      }
      if (fault.mode === "invalid_params") return new Failure(100002, "invalid request parameters");
      if (fault.mode === "info_fails" && api === "get_room_info") return new Failure(100001, "internal server error");

      const room: Room | undefined = rooms.get(roomId);
      if (!room || isEnded(room, nowMs)) return new Failure(100004, "room does not exist");
      const totals = ledger.totalsAt(room, nowMs);
      return api === "get_room_info" ? { RoomInfo: roomDetails(room, totals, coverBase) } : totals;
    })();

    const roomId = body instanceof Failure ? undefined : typeof body["RoomId"] === "string" ? body["RoomId"] : undefined;
    if (outcome instanceof Failure) return { room: roomId, body: failBody(outcome) };
    return { room: roomId, body: { ActionStatus: "OK", ErrorInfo: "", ErrorCode: 0, RequestId: newRequestId(), Response: outcome } };
  };

  /** One page of the rooms live now, by ViewCount descending; Next is the offset of the page after, opaque to callers. */
  const listPage = (body: Record<string, unknown>, nowMs: number, coverBase: string): Failure | Record<string, unknown> => {
    const next = body["Next"];
    const count = body["Count"];
    if (typeof next !== "string") return new Failure(100002, "Next is required and must be a string");
    if (typeof count !== "number" || !Number.isInteger(count) || count < 1 || count > MAX_LIST_COUNT) {
      return new Failure(100002, `Count must be an integer from 1 to ${MAX_LIST_COUNT}`);
    }
    let offset = 0;
    if (next !== "") {
      const match = /^o(\d{1,9})$/.exec(next);
      if (!match) return new Failure(100002, "Next is not one this service gave");
      offset = Number(match[1]);
    }
    if (listFailFromPage !== null && offset >= listFailFromPage * count) return new Failure(100001, "internal server error");
    const live = [...rooms.values()]
      .filter((room) => !isEnded(room, nowMs) && room.startedAt <= nowMs)
      .map((room) => roomDetails(room, ledger.totalsAt(room, nowMs), coverBase))
      .sort((a, b) => b.ViewCount - a.ViewCount || (a.RoomId < b.RoomId ? -1 : 1));
    const page = live.slice(offset, offset + count);
    const after = offset + count;
    return {
      Next: after < live.length ? `o${after}` : "",
      RoomList: page.map(({ RoomName, RoomId, Owner_Account, CoverURL, Category, CreateTime, ActivityStatus, ViewCount }) => ({
        RoomName,
        RoomId,
        Owner_Account,
        CoverURL,
        Category,
        CreateTime,
        ActivityStatus,
        ViewCount,
      })),
    };
  };

  const handleApi = async (req: IncomingMessage, res: ServerResponse, api: LiveApi, query: URLSearchParams): Promise<void> => {
    const started = Date.now();
    // The network's variable delay comes before the call reaches anything of Tencent's.
    if (jitterMs > 0 && !(await wait(jitter() * jitterMs, res))) {
      if (!res.destroyed) res.destroy();
      return;
    }
    const arrivedMs = now();
    const stats = api === "get_room_stats";
    byApi[api] += 1;
    if (stats) counters.total += 1;
    const rawAppId = query.get("sdkappid");
    if (stats && rawAppId) counters.bySdkAppId[rawAppId] = (counters.bySdkAppId[rawAppId] ?? 0) + 1;

    const { bytes, tooLarge } = await readBody(req);
    if (req.method !== "POST") {
      sendJson(res, 200, failBody(new Failure(60002, "only POST is supported")));
      log(`60002  ${req.method ?? "-"} instead of POST`);
      return;
    }
    const body = parseBody(bytes, tooLarge);
    const roomHint = body instanceof Failure || typeof body["RoomId"] !== "string" ? undefined : body["RoomId"];
    if (stats && roomHint !== undefined && (Object.hasOwn(counters.byRoomId, roomHint) || keyedRooms < MAX_KEYED_ROOMS)) {
      if (!Object.hasOwn(counters.byRoomId, roomHint)) keyedRooms += 1;
      counters.byRoomId[roomHint] = (counters.byRoomId[roomHint] ?? 0) + 1;
    }
    const fault = faults.get(roomHint).mode;

    if (fault === "down") {
      log(`down      ${roomHint ?? "-"}: socket destroyed`);
      req.socket.destroy();
      return;
    }
    if (fault === "html_502") {
      log(`html_502  ${roomHint ?? "-"}`);
      res.writeHead(502, { "Content-Type": "text/html", "Content-Length": Buffer.byteLength(BAD_GATEWAY_HTML) });
      res.end(BAD_GATEWAY_HTML);
      return;
    }
    if (fault === "slow" && !(await wait(slowMs, res))) {
      if (!res.destroyed) res.destroy();
      return;
    }

    // Covers are served by the stand-in itself, at the address the console reached it by.
    const coverBase = `http://${req.headers.host ?? "127.0.0.1"}`;
    const result = answer(api, query, body, arrivedMs, coverBase);
    sendJson(res, 200, result.body, fault === "truncated_json");
    log(`${String(result.body["ErrorCode"]).padEnd(6)} ${stats ? "" : `${api} `}${result.room ?? "-"} app=${rawAppId ?? "-"} ${fault === "none" ? "" : `[${fault}] `}${Date.now() - started} ms`);
  };

  // GET /__sim/health, GET /__sim/rooms, GET /__sim/rooms/{id}, GET /__sim/calls, POST /__sim/faults,
  // POST /__sim/rooms/{id}/end, GET /__sim/callbacks (those sent), POST /__sim/callbacks/fault,
  // POST /__sim/list/fault, GET /__sim/covers/{id}.svg
  const handleControl = async (req: IncomingMessage, res: ServerResponse, path: string): Promise<void> => {
    const { bytes } = await readBody(req);
    const route = `${req.method ?? "GET"} ${path}`;
    if (req.method === "GET" && path.startsWith("/__sim/covers/") && path.endsWith(".svg")) {
      let roomId: string;
      try {
        roomId = decodeURIComponent(path.slice("/__sim/covers/".length, -".svg".length));
      } catch {
        roomId = "";
      }
      const room = rooms.get(roomId);
      if (!room) return sendJson(res, 404, { error: "no such cover" });
      const svg = Buffer.from(coverSvg(room), "utf8");
      res.writeHead(200, { "Content-Type": "image/svg+xml", "Content-Length": svg.length, "Cache-Control": "max-age=3600" });
      res.end(svg);
      return;
    }
    if (route === "GET /__sim/health") return sendJson(res, 200, { ok: true, uptimeMs: now() - epochMs, rooms: rooms.size });
    if (route === "GET /__sim/calls") return sendJson(res, 200, callCounters());
    if (route === "GET /__sim/callbacks") return sendJson(res, 200, sender?.deliveries() ?? []);
    if (route === "POST /__sim/callbacks/fault") {
      const body = parseBody(bytes, false);
      if (body instanceof Failure || !isCallbackFault(body["mode"])) return sendJson(res, 400, { error: 'expected {"mode": "none" | "wrong_sign" | "replay"}' });
      sender?.setFault(body["mode"]);
      log(`callback fault -> ${body["mode"]}`);
      return sendJson(res, 200, { ok: true, mode: body["mode"], sending: sender !== null });
    }
    if (route === "POST /__sim/list/fault") {
      const body = parseBody(bytes, false);
      const from = body instanceof Failure ? undefined : body["failFromPage"];
      if (from !== null && !(typeof from === "number" && Number.isInteger(from) && from >= 0)) {
        return sendJson(res, 400, { error: 'expected {"failFromPage": <page number from 0> | null}' });
      }
      listFailFromPage = from;
      log(`list fault -> ${from === null ? "none" : `from page ${from}`}`);
      return sendJson(res, 200, { ok: true, failFromPage: from });
    }
    if (route === "GET /__sim/rooms") {
      const at = now();
      return sendJson(
        res,
        200,
        [...rooms.values()].map((room) => ({ roomId: room.roomId, ended: isEnded(room, at), startedAt: room.startedAt, endedAt: room.endedAt, fault: faults.get(room.roomId).mode })),
      );
    }
    if (req.method === "GET" && path.startsWith("/__sim/rooms/")) {
      let roomId: string;
      try {
        roomId = decodeURIComponent(path.slice("/__sim/rooms/".length));
      } catch {
        return sendJson(res, 400, { error: "bad room id encoding" });
      }
      return sendJson(res, 200, { roomId, ...snapshot(roomId) });
    }
    if (req.method === "POST" && path.startsWith("/__sim/rooms/") && path.endsWith("/end")) {
      let roomId: string;
      try {
        roomId = decodeURIComponent(path.slice("/__sim/rooms/".length, -"/end".length));
      } catch {
        return sendJson(res, 400, { error: "bad room id encoding" });
      }
      if (!endRoom(roomId)) return sendJson(res, 409, { error: "no live room with that id" });
      log(`end       ${roomId}`);
      return sendJson(res, 200, { roomId, ...snapshot(roomId) });
    }
    if (route === "POST /__sim/faults") {
      const body = parseBody(bytes, false);
      if (body instanceof Failure || typeof body["roomId"] !== "string" || body["roomId"] === "" || !isFaultMode(body["mode"])) {
        return sendJson(res, 400, { error: 'expected {"roomId": "<id or *>", "mode": "<fault mode>"}' });
      }
      faults.set(body["roomId"], body["mode"]);
      log(`fault     ${body["roomId"]} -> ${body["mode"]}`);
      return sendJson(res, 200, { ok: true, roomId: body["roomId"], mode: body["mode"] });
    }
    return sendJson(res, 404, { error: `no control endpoint ${route}` });
  };

  const server = createServer((req, res) => {
    const { path, query } = splitUrl(req.url);
    const api = path.startsWith(API_BASE) ? path.slice(API_BASE.length) : "";
    const work =
      isLiveApi(api)
        ? handleApi(req, res, api, query)
        : path.startsWith("/__sim/")
          ? handleControl(req, res, path)
          : readBody(req).then(() => {
              sendJson(res, 200, failBody(new Failure(60009, "requested resource invalid: check the URL")));
              log(`60009  ${req.method ?? "-"} ${path}`);
            });
    work.catch((error: unknown) => {
      if (error instanceof ClientGone) return void res.destroy();
      log(`error     ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      if (!res.headersSent && !res.destroyed) sendJson(res, 500, { error: "simulator bug" });
      else res.destroy();
    });
  });
  // Longer than any client's idle timeout, so the client, not the server, decides when to drop a
  // pooled connection (otherwise a request can race the server's close and fail spuriously).
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
  // Rooms end on their schedule as well as by the control endpoint: checked four times a second.
  const callbackTimer = sender ? setInterval(sendDueCallbacks, 250) : null;
  callbackTimer?.unref?.();
  sendDueCallbacks();

  return {
    url,
    port,
    setFault: (roomId, mode) => faults.set(roomId, mode),
    endRoom,
    roomIds: () => [...rooms.keys()],
    snapshot,
    calls: callCounters,
    callbacks: () => sender?.deliveries() ?? [],
    setCallbackFault: (mode) => sender?.setFault(mode),
    setListFault: (failFromPage) => {
      listFailFromPage = failFromPage;
    },
    callbacksIdle: async () => {
      await sender?.idle();
    },
    close: async () => {
      if (closed) return;
      closed = true;
      if (callbackTimer) clearInterval(callbackTimer);
      sender?.close();
      for (const cancel of [...pendingWaits]) cancel();
      const done = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await done;
    },
  };
}
