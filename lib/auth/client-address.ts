import { isIP } from "node:net";
import { CLIENT_ADDRESS_HEADER } from "@/lib/auth/names";

// Where a request comes from, for throttling sign-ins and for the audit log. server.mjs sets our
// own header from the socket (dropping any copy a client sent); behind a proxy (TRUST_PROXY) the
// proxy's X-Forwarded-For is believed instead: its last entry, the one the proxy itself added.

export function clientAddress(req: Request, trustProxy: boolean): string | null {
  if (trustProxy) {
    const forwarded = req.headers.get("x-forwarded-for")?.split(",").at(-1)?.trim();
    if (forwarded && isIP(forwarded)) return forwarded;
  }
  const direct = req.headers.get(CLIENT_ADDRESS_HEADER);
  return direct && isIP(direct) ? direct : null;
}
