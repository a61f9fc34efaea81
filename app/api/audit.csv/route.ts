import { withApi } from "@/lib/api/handler";
import { parseQuery } from "@/lib/api/parse";
import { auditCsvQuerySchema } from "@/lib/contract/api";
import { requestLocale } from "@/lib/i18n/negotiate";
import { services } from "@/lib/server/container";

// GET /api/audit.csv?actor=&room=&action=&from=&to=&header= - every matching audit entry, for
// spreadsheets: readable column headers in the request's language, or machine names with
// ?header=names.
export const GET = withApi("audit-csv", async ({ req }) => {
  const { header, ...query } = parseQuery(auditCsvQuerySchema, req);
  const rows = services().admin.auditCsv(query, header, requestLocale((name) => req.headers.get(name)));
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
