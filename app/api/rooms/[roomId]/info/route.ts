import { json } from "@/lib/api/answer";
import { withApi } from "@/lib/api/handler";
import { services } from "@/lib/server/container";

// GET /api/rooms/{roomId}/info - a room's name, owner, cover, creation time and settings (get_room_info), cached for minutes.
export const GET = withApi<{ roomId: string }>("room-info", async ({ params, audit }) => {
  audit.roomId = params.roomId;
  return json(await services().roomInfo.info(params.roomId));
});
