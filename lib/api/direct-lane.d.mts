// Types of ./direct-lane.mjs (plain JavaScript, so that server.mjs can load it without a bundler).

export interface LaneRoute {
  name: string;
  method: string;
  pattern: RegExp;
  params: readonly string[];
}

/** What instrumentation.ts registers: serves a lane route with its still-encoded params. */
export interface LaneEntry {
  serve(name: string, request: Request, rawParams: Record<string, string>): Promise<Response>;
  /** The one error shape's 500, for a failure of the lane's own plumbing. */
  internalError(): Response;
}

export declare const LANE_ROUTES: readonly LaneRoute[];
export declare function matchLaneRoute(method: string, path: string): { name: string; rawParams: Record<string, string> } | null;
export declare function decodeSegment(segment: string): string | null;
export declare function registerLane(entry: LaneEntry): void;
export declare function registeredLane(): LaneEntry | undefined;
