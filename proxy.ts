import { decodeSegment } from "@/lib/api/direct-lane.mjs";
import { malformedSegment } from "@/lib/api/direct-routes";
import { errorResponse, toApiFailure } from "@/lib/api/errors";

// Runs in front of Next's own API routes. A path segment that is not valid percent-encoding makes
// Next fail before any route handler runs (a plain-text 500); it is answered here instead, as the
// direct lane answers it (lib/api/direct-routes.ts): a 400 in the API's one error shape.
export function proxy(request: Request) {
  const path = new URL(request.url).pathname;
  if (!path.includes("%") || path.split("/").every((segment) => decodeSegment(segment) !== null)) return;
  return errorResponse(toApiFailure(malformedSegment()));
}

// Only paths that hold a percent sign: any other request skips the proxy (and its cost) entirely.
export const config = { matcher: "/api/:path(.*%.*)" };
