import "server-only";
import { createHash, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import { checkRoomId } from "@/lib/contract/room-id";

// Tencent's live-room callbacks, as its callback pages describe them. Tencent POSTs JSON to the URL
// set for the app, with the command and, once a callback token is set, `Sign` and `RequestTime` in
// the query string: Sign is the lower-case hex SHA-256 of the token immediately followed by
// RequestTime (Unix seconds), and a RequestTime more than 60 s from now is to be refused. The pages
// say nothing of delivery timeouts, retries or ordering: callers must expect duplicates and
// deliveries out of order.

export const CREATE_ROOM = "Live.CallbackAfterCreateRoom";
export const DESTROY_ROOM = "Live.CallbackAfterDestroyRoom";

/** How far RequestTime may be from now, either way. */
export const CALLBACK_MAX_SKEW_MS = 60_000;

/** What Tencent expects a receiver to answer. */
export const CALLBACK_ACK = { ActionStatus: "OK", ErrorInfo: "", ErrorCode: 0 } as const;

export function callbackSign(token: string, requestTime: string): string {
  return createHash("sha256").update(`${token}${requestTime}`, "utf8").digest("hex");
}

export type CallbackRefusal =
  /** No Sign or RequestTime: the request was not signed. */
  | "callback_unsigned"
  /** A Sign that is not the token's for this RequestTime. */
  | "callback_sign"
  /** A RequestTime more than 60 s away. */
  | "callback_stale"
  /** Signed for another SDKAppID than the console's. */
  | "callback_app";

/** Why a callback's query does not verify, or null when it does. The Sign is compared in constant time. */
export function verifyCallback(query: URLSearchParams, token: string, sdkAppId: number, now: number): CallbackRefusal | null {
  const sign = query.get("Sign");
  const requestTime = query.get("RequestTime");
  if (!sign || !requestTime) return "callback_unsigned";
  const expected = Buffer.from(callbackSign(token, requestTime), "utf8");
  const given = Buffer.from(sign, "utf8");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return "callback_sign";
  // Only after the Sign: a stale time is worth telling apart only when it was really Tencent's.
  if (!/^\d{1,12}$/.test(requestTime) || Math.abs(Number(requestTime) * 1000 - now) > CALLBACK_MAX_SKEW_MS) return "callback_stale";
  const app = query.get("SdkAppid");
  if (app !== null && app !== String(sdkAppId)) return "callback_app";
  return null;
}

/**
 * Epoch ms from a callback's EventTime: milliseconds in the destroy callback's documentation, and no
 * unit given for the create callback's. Below 10^11 it can only be seconds (10^11 ms is 1973; 10^11 s
 * is the year 5138).
 */
export function eventTimeMs(value: number): number {
  return value < 1e11 ? value * 1000 : value;
}

/** A RoomId as the console holds one (up to 48 bytes, no control characters): Tencent's own limits. */
const roomId = z.string().refine((id) => checkRoomId(id).ok, "must be a RoomId");
const eventTime = z.number().int().positive();

export const createRoomCallbackSchema = z.object({
  CallbackCommand: z.literal(CREATE_ROOM).optional(),
  Operator_Account: z.string().optional(),
  EventTime: eventTime.optional(),
  RoomInfo: z.looseObject({ RoomId: roomId, CreateTime: z.number().int().nonnegative().optional() }),
});

export const destroyRoomCallbackSchema = z.object({
  CallbackCommand: z.literal(DESTROY_ROOM).optional(),
  Operator_Account: z.string().optional(),
  RoomId: roomId,
  EventType: z.string().optional(),
  EventTime: eventTime,
});

export interface RoomCallbackEvent {
  command: typeof CREATE_ROOM | typeof DESTROY_ROOM;
  roomId: string;
  /** Epoch ms. */
  at: number;
  /** The room's creation time (RoomInfo.CreateTime, epoch ms), when a create callback gives it. */
  createdAt?: number;
}

/** The create callback's room and time: EventTime, else the room's CreateTime (Unix s). */
export function createRoomEvent(body: z.output<typeof createRoomCallbackSchema>, now: number): RoomCallbackEvent {
  const at = body.EventTime !== undefined ? eventTimeMs(body.EventTime) : body.RoomInfo.CreateTime ? body.RoomInfo.CreateTime * 1000 : now;
  const createdAt = body.RoomInfo.CreateTime ? body.RoomInfo.CreateTime * 1000 : undefined;
  return { command: CREATE_ROOM, roomId: body.RoomInfo.RoomId, at, ...(createdAt !== undefined && { createdAt }) };
}

export function destroyRoomEvent(body: z.output<typeof destroyRoomCallbackSchema>): RoomCallbackEvent {
  return { command: DESTROY_ROOM, roomId: body.RoomId, at: eventTimeMs(body.EventTime) };
}

/** What makes two deliveries the same event: the command, the room and the event's time. */
export function deliveryKey(event: RoomCallbackEvent): string {
  return `${event.command}|${event.at}|${event.roomId}`;
}
