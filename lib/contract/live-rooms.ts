// The "Live now" page's one request (GET /api/rooms/live): the app's live rooms as Tencent's
// get_room_list last listed them for the whole fleet, each with what the console has recorded of it.

import { z } from "zod";
import { apiErrorBodySchema } from "./api";
import { roomStatsSchema } from "./stats";

export const liveRoomRowSchema = z.object({
  roomId: z.string(),
  name: z.string(),
  owner: z.string(),
  /** Tencent's CDN address of the cover; "" when the room has none. */
  coverUrl: z.string(),
  /** ISO time the room was created; "" where Tencent did not say. */
  createdAt: z.string(),
  /** Tencent's ViewCount: how many have entered the room. */
  viewCount: z.number().int().nonnegative(),
  watched: z.boolean(),
  /** The room's latest recorded totals and when; null when the console has not recorded it. */
  recorded: z.object({ at: z.string(), totals: roomStatsSchema }).nullable(),
});
export type LiveRoomRow = z.infer<typeof liveRoomRowSchema>;

/** Why a listing stopped before Tencent's last page. */
export const LISTING_STOPS = ["page_limit", "time_limit", "failed"] as const;
export type ListingStop = (typeof LISTING_STOPS)[number];

export const liveRoomsResponseSchema = z.object({
  rooms: z.array(liveRoomRowSchema),
  /** When the listing was read from Tencent (its last page's answer). */
  listedAt: z.string(),
  /** When the fleet reads the next one: a page polled sooner gets this listing again. */
  nextListingAt: z.string(),
  /** get_room_list pages read. */
  pages: z.number().int().nonnegative(),
  /** Null when the listing reached Tencent's last page; else why it stopped, with what it had. */
  incomplete: z
    .object({
      reason: z.enum(LISTING_STOPS),
      /** The page limit (LIVE_LIST_MAX_PAGES), with page_limit. */
      maxPages: z.number().int().optional(),
      /** The failure of the page that was not read, in the API's one error shape, with failed. */
      error: apiErrorBodySchema.shape.error.optional(),
    })
    .nullable(),
});
export type LiveRoomsResponse = z.infer<typeof liveRoomsResponseSchema>;
