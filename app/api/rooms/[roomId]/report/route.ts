import { json } from "@/lib/api/answer";
import { withApi } from "@/lib/api/handler";
import { services } from "@/lib/server/container";

// GET /api/rooms/{roomId}/report - the post-stream report's figures from every recorded sample, and the series its charts draw.
export const GET = withApi<{ roomId: string }>("room-report", async ({ params }) => {
  const body = await services().history.report(params.roomId);
  return json(body);
});
