import { json } from "@/lib/api/answer";
import { withApi } from "@/lib/api/handler";
import { parseQuery } from "@/lib/api/parse";
import { auditQuerySchema } from "@/lib/contract/access";
import { services } from "@/lib/server/container";

// GET /api/audit?actor=&room=&action=&from=&to=&before=&limit= - audit entries, newest first, a page at a time.
export const GET = withApi("audit", async ({ req }) => {
  return json(await services().admin.audit(parseQuery(auditQuerySchema, req)));
});
