import "server-only";
import type { z } from "zod";
import { DomainError } from "@/lib/errors/domain-error";
import type { Recorder } from "@/lib/history/recorder";
import { log } from "@/lib/log";
import { isStorageFailure, type HistoryStore } from "@/lib/store/store";
import {
  CALLBACK_ACK,
  CREATE_ROOM,
  createRoomCallbackSchema,
  createRoomEvent,
  deliveryKey,
  DESTROY_ROOM,
  destroyRoomCallbackSchema,
  destroyRoomEvent,
  verifyCallback,
  type RoomCallbackEvent,
} from "@/lib/tencent/callback";
import type { TencentClient } from "@/lib/tencent/client";
import { UpstreamError } from "@/lib/tencent/errors";

// Tencent's room callbacks (POST /api/tencent/callback). Verified by their Sign before the body is
// read; each delivery's key (command, room, event time) is claimed in the store, so a repeated one
// changes nothing on any instance or after a restart. A create starts recording the room when every
// room is to be recorded (RECORD_ALL_ROOMS); a destroy takes a last sample while the room still
// answers, ends the room at the event's time and stops its polling. Nothing of a refused request
// is logged but why: not its body, its Sign or the token.

export interface CallbackDeps {
  /** TENCENT_CALLBACK_TOKEN; unset, the endpoint is off. */
  token: string | undefined;
  sdkAppId: number;
  recordAllRooms: boolean;
  store: HistoryStore;
  /** The console's own client: the last sample goes through the same budget as lookups. */
  client: Pick<TencentClient, "getRoomStats">;
  recorder: Pick<Recorder, "track" | "forget">;
  now?: () => number;
}

export type CallbackAck = typeof CALLBACK_ACK;

export function createCallbackService({ token, sdkAppId, recordAllRooms, store, client, recorder, now = Date.now }: CallbackDeps) {
  async function created(event: RoomCallbackEvent) {
    if (!recordAllRooms) return;
    await store.markAnnounced(event.roomId, event.at);
    // The stream's real start, for its report, without anyone opening the room (get_room_info).
    if (event.createdAt !== undefined) await store.noteCreated(event.roomId, event.createdAt);
    // A destroy delivered first keeps the room ended (the store does not announce it again).
    if ((await store.room(event.roomId))?.status === "ended") return;
    recorder.track(event.roomId, { soon: true });
  }

  async function destroyed(event: RoomCallbackEvent) {
    const room = await store.room(event.roomId);
    // A room the console does not record, and would not record if it were announced: nothing to end.
    if (!room && !recordAllRooms) return;
    // A late destroy of an earlier stream under the same RoomId says nothing of the one now live.
    if (room?.announcedAt != null && room.announcedAt > event.at) return;
    // Stopped first, so that no sample of this process's lands after the end and makes it live again.
    await recorder.forget(event.roomId);
    if (room && room.status !== "ended") {
      try {
        const last = await client.getRoomStats(event.roomId);
        await store.addSample(event.roomId, { t: Date.parse(last.fetchedAt), stats: last.stats });
      } catch (error) {
        // Gone already (100004) or Tencent busy: the samples held end where they end.
        if (!UpstreamError.is(error)) throw error;
      }
    }
    await store.markEnded(event.roomId, Math.min(event.at, now()));
  }

  return {
    /** Whether TENCENT_CALLBACK_TOKEN is set. */
    enabled: token !== undefined,

    /**
     * The command of a callback whose Sign verifies; refuses (unauthenticated, logged without the
     * body, the Sign or the token) any other. Called before the body is read.
     */
    verify(req: Request): string {
      if (token === undefined) throw new DomainError("not_found");
      const query = new URL(req.url).searchParams;
      const command = query.get("CallbackCommand") ?? "";
      const refusal = verifyCallback(query, token, sdkAppId, now());
      if (refusal) {
        log.warn("refused a Tencent callback", { reason: refusal, command: command.slice(0, 64) });
        throw new DomainError("unauthenticated", { reason: refusal });
      }
      return command;
    },

    /** The body's schema for a command handled here; null for the others (acknowledged, ignored). */
    bodySchema(command: string) {
      return command === CREATE_ROOM ? createRoomCallbackSchema : command === DESTROY_ROOM ? destroyRoomCallbackSchema : null;
    },

    /** Acts on a verified callback's body (parsed with bodySchema), once per delivery. */
    async handle(command: string, body: unknown): Promise<CallbackAck> {
      let event: RoomCallbackEvent;
      if (command === CREATE_ROOM) event = createRoomEvent(body as z.output<typeof createRoomCallbackSchema>, now());
      else if (command === DESTROY_ROOM) event = destroyRoomEvent(body as z.output<typeof destroyRoomCallbackSchema>);
      else {
        // Enabled on Tencent's side but not used here (member changes, say): acknowledged, so
        // Tencent does not retry it.
        log.info("ignored a Tencent callback", { command: command.slice(0, 64) });
        return CALLBACK_ACK;
      }
      // Nothing to do, and so nothing to remember, for a create when only watched rooms are recorded.
      if (event.command === CREATE_ROOM && !recordAllRooms) return CALLBACK_ACK;
      const key = deliveryKey(event);
      if (!(await store.claimDelivery(key, now()))) {
        log.info("ignored a repeated Tencent callback", { command, roomId: event.roomId, eventTime: event.at });
        return CALLBACK_ACK;
      }
      try {
        if (event.command === CREATE_ROOM) await created(event);
        else await destroyed(event);
      } catch (error) {
        // Not done: the next delivery of it may try again.
        await store.releaseDelivery(key).catch(() => undefined);
        if (!isStorageFailure(error)) log.error("could not handle a Tencent callback", { command, roomId: event.roomId, error: (error as Error).message });
        throw error;
      }
      log.info("handled a Tencent callback", { command, roomId: event.roomId, eventTime: event.at });
      return CALLBACK_ACK;
    },
  };
}

export type CallbackService = ReturnType<typeof createCallbackService>;
