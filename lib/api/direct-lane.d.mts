// Types of ./direct-lane.mjs (plain JavaScript, so that server.mjs can load it without a bundler).

export interface LaneRoute {
  name: string;
  method: string;
  pattern: RegExp;
  params: readonly string[];
}

/** An answer as server.mjs writes it (lib/api/answer.ts's ApiAnswer). */
export interface LaneAnswer {
  status: number;
  headers: Record<string, string>;
  cookies: string[];
  body: string | ReadableStream<Uint8Array> | null;
}

/** What instrumentation.ts registers: serves a lane route with its still-encoded params. */
export interface LaneEntry {
  serve(name: string, request: Request, rawParams: Record<string, string>): Promise<LaneAnswer>;
  /** The one error shape's 500, for a failure of the lane's own plumbing. */
  internalError(): LaneAnswer;
  /**
   * The one error shape for a request refused before any route: a malformed Host, an unknown
   * method, an API path no route has (404) or a method the path does not take (405).
   */
  /** `headers`: the request's, whose cookie and Accept-Language choose the message's language. */
  reject(
    problem: { code: "invalid_request" | "not_found" | "method_not_allowed"; reason?: string; method?: string; allow?: string[] },
    headers?: { cookie?: string; "accept-language"?: string },
  ): LaneAnswer;
  /** The methods a known API path answers, or null when no route has it (lib/auth/route-access.ts). */
  methodsFor(path: string): string[] | null;
  /** Stops the services: the recorder, leases handed back, queued samples and audit entries written. */
  stop(): Promise<void>;
}

export declare const LANE_ROUTES: readonly LaneRoute[];
export declare function matchLaneRoute(method: string, path: string): { name: string; rawParams: Record<string, string> } | null;
export declare function decodeSegment(segment: string): string | null;
export declare function registerLane(entry: LaneEntry): void;
export declare function registeredLane(): LaneEntry | undefined;
export declare function claimShutdown(): void;
export declare function shutdownClaimed(): boolean;
