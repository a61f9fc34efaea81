import "server-only";
import { log } from "@/lib/log";
import { UpstreamError } from "@/lib/tencent/errors";
import { errorResponse, toApiFailure } from "./errors";

// Every route handler goes through withApi: it is where the request log line, the error mapping
// and, later, sign-in, roles, API tokens, quotas and the audit log live, so handler bodies are only
// the work.

export interface ApiContext<Params> {
  req: Request;
  params: Params;
}

type RouteHandler<Params> = (req: Request, context: { params: Promise<Params> }) => Promise<Response>;

export function withApi<Params = Record<string, never>>(
  route: string,
  handler: (ctx: ApiContext<Params>) => Promise<Response>,
): RouteHandler<Params> {
  return async (req, context) => {
    const started = performance.now();
    let response: Response;
    let failure: unknown;
    try {
      response = await handler({ req, params: await context.params });
    } catch (error) {
      failure = error;
      response = errorResponse(toApiFailure(error));
    }
    const upstream = UpstreamError.is(failure) ? failure : undefined;
    const fields = {
      route,
      method: req.method,
      path: new URL(req.url).pathname,
      status: response.status,
      ms: Math.round(performance.now() - started),
      upstreamCode: upstream?.errorCode,
      upstreamRequestId: upstream?.requestId,
    };
    if (response.status === 500) {
      // Misconfiguration and bugs are for whoever runs the console: say it loudly, with what
      // Tencent said, in the log (never in the response).
      log.error(upstream ? "upstream refused the console's credentials or settings" : "request failed", {
        ...fields,
        upstreamInfo: upstream?.errorInfo,
        error: upstream ? upstream.message : failure instanceof Error ? `${failure.name}: ${failure.message}` : undefined,
      });
    } else if (response.status >= 500 || response.status === 429) {
      log.warn("request failed", { ...fields, error: upstream?.message });
    }
    // Successful lookups are not logged: pages poll every few seconds per operator, and a line per
    // poll would bury the failures (and cost more than the lookup itself when served from cache).
    return response;
  };
}
