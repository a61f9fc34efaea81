import { json } from "@/lib/api/answer";
import { errorBody, toApiFailure } from "@/lib/api/errors";
import { withApi } from "@/lib/api/handler";
import type { LiveRoomsResponse } from "@/lib/contract/live-rooms";
import { requestLocale } from "@/lib/i18n/negotiate";
import { services } from "@/lib/server/container";

// GET /api/rooms/live - the app's live rooms (one fleet-wide get_room_list listing per window), each
// with whether it is watched and its latest recorded totals. A listing that stopped part way answers
// what it has, with why it stopped (a page's failure in the one error shape).
export const GET = withApi("rooms-live", async ({ req }) => {
  const { incomplete, ...rest } = await services().liveRooms.live();
  const body: LiveRoomsResponse = {
    ...rest,
    incomplete: incomplete && {
      reason: incomplete.reason,
      ...(incomplete.maxPages !== undefined && { maxPages: incomplete.maxPages }),
      ...(incomplete.failure && { error: errorBody(toApiFailure(incomplete.failure, requestLocale((name) => req.headers.get(name)))) }),
    },
  };
  return json(body);
});
