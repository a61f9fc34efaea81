import { withApi } from "@/lib/api/handler";
import { services } from "@/lib/server/container";

// DELETE /api/alerts/silences/{silenceId} - end a silence now.
export const DELETE = withApi<{ silenceId: string }>("alert-silence-delete", async ({ params, audit }) => {
  audit.detail = { silence: params.silenceId };
  await services().alerts.deleteSilence(params.silenceId);
  return new Response(null, { status: 204 });
});
