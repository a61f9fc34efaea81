// What the console knows of a room besides its figures: Tencent's get_room_info, as the console
// names it, and one entry of get_room_list. The bottom of lib/: imports nothing but zod.

import { z } from "zod";

export const roomInfoSchema = z.object({
  roomId: z.string(),
  name: z.string(),
  owner: z.string(),
  /** Tencent's CDN address of the cover picture; "" when the room has none. */
  coverUrl: z.string(),
  /** ISO time the room was created: the start of its stream. */
  createdAt: z.string(),
  seatsEnabled: z.boolean().nullable(),
  /** How a viewer takes a seat: freely, or by applying to the host. Null where Tencent did not say. */
  takeSeatMode: z.enum(["free", "apply"]).nullable(),
  maxSeats: z.number().int().nonnegative().nullable(),
  maxMembers: z.number().int().nonnegative().nullable(),
  messagesDisabled: z.boolean().nullable(),
  viewCount: z.number().int().nonnegative().nullable(),
});
export type RoomInfo = z.infer<typeof roomInfoSchema>;

/** The room-info route's answer: the details and when Tencent gave them. */
export const roomInfoAnswerSchema = z.object({ info: roomInfoSchema, fetchedAt: z.string() });
export type RoomInfoAnswer = z.infer<typeof roomInfoAnswerSchema>;

export interface LiveRoom {
  roomId: string;
  name: string;
  owner: string;
  coverUrl: string;
  createdAt: string;
  viewCount: number;
}
