import "server-only";
import { methodsFor } from "@/lib/auth/route-access";
import { DomainError } from "@/lib/errors/domain-error";
import { decodeSegment, registerLane } from "./direct-lane.mjs";
import { requestLocale } from "@/lib/i18n/negotiate";
import { errorAnswer, toApiFailure } from "./errors";
import type { ApiRoute } from "./handler";

// The TypeScript half of the direct lane (see ./direct-lane.mjs and server.mjs): registers the very
// route handlers Next serves, so withApi (auth, errors, logging) runs exactly as it does in Next.

// Any route: the params each expects are the ones its LANE_ROUTES entry names.
type LaneHandler = Pick<ApiRoute<never>, "answer">;

/** A path segment that is not valid percent-encoding; every dynamic segment of the API is a RoomId. */
export function malformedSegment(): DomainError {
  return new DomainError("invalid_room_id", { reason: "segment" });
}

/**
 * A route's dynamic segments decoded once, as Next decodes them; a segment that is not valid
 * percent-encoding rejects inside the handler's wrapper, which answers it in the one error shape.
 */
function decodeParams(rawParams: Record<string, string>): Promise<Record<string, string>> {
  const params: Record<string, string> = {};
  for (const [name, raw] of Object.entries(rawParams)) {
    const value = decodeSegment(raw);
    // proxy.ts answers Next's own routes with the same error.
    if (value === null) return Promise.reject(malformedSegment());
    params[name] = value;
  }
  return Promise.resolve(params);
}

/** Called once at start-up (instrumentation.ts) with the handlers of LANE_ROUTES, by name. */
export function registerDirectRoutes(handlers: Record<string, LaneHandler>, stop: () => Promise<void>) {
  registerLane({
    serve(name, request, rawParams) {
      const handler = handlers[name];
      if (!handler) throw new Error(`no handler registered for the lane route ${name}`);
      return handler.answer(request, decodeParams(rawParams) as Promise<never>);
    },
    internalError: () => errorAnswer(toApiFailure(null)),
    reject({ code, reason, method, allow }, headers = {}) {
      const locale = requestLocale((name) => headers[name]);
      const answer = errorAnswer(toApiFailure(new DomainError(code, { ...(reason && { reason }), ...(method && { method }) }), locale));
      if (allow) answer.headers.allow = allow.join(", ");
      return answer;
    },
    methodsFor,
    stop,
  });
}
