import { withApi } from "@/lib/api/handler";
import { parseQuery } from "@/lib/api/parse";
import { auditQuerySchema } from "@/lib/contract/access";
import { services } from "@/lib/server/container";

// GET /api/audit.csv?actor=&room=&action=&from=&to= - every matching audit entry, for spreadsheets.
export const GET = withApi("audit-csv", async ({ req }) => {
  const rows = services().admin.auditCsv(parseQuery(auditQuerySchema, req));
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await rows.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
  });
  return new Response(body, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": 'attachment; filename="roomscope-audit.csv"',
      "cache-control": "no-store",
    },
  });
});
