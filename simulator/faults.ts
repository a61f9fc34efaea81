// Fault injection: the ways the real upstream misbehaves, each one a mode a room can be put in.
//
// Where each fault strikes (see server.ts):
//   gateway faults, before authentication (a load balancer knows nothing of UserSigs):
//     down            the socket is destroyed without an answer (the client sees a network error)
//     html_502        HTTP 502 with an HTML page, as an nginx in front of Tencent would send
//     slow            the request waits `slowMs` and then goes through normally
//   backend faults, after authentication and the rate limiter:
//     flaky           about 1 call in 3 answers 100001 (seeded per call, so failures can repeat)
//     rate_limit_storm  60007 for 5 s out of every 20 s, the first storm starting when the mode is set
//     invalid_params  100002 on every call: Tencent refusing a RoomId that the console's own checks let
//                     through (its rules beyond the documented ones are not published)
//     info_fails      get_room_info answers 100001 on every call while get_room_stats answers as usual:
//                     a room whose details cannot be fetched, whose figures can
//   transport fault, on whatever answer was going to be sent:
//     truncated_json  HTTP 200, Content-Type JSON, only the first half of the body's bytes

import { mixSeed, mulberry32 } from "./prng";

export const FAULT_MODES = ["none", "flaky", "slow", "rate_limit_storm", "html_502", "truncated_json", "down", "invalid_params", "info_fails"] as const;
export type FaultMode = (typeof FAULT_MODES)[number];

export function isFaultMode(value: unknown): value is FaultMode {
  return typeof value === "string" && (FAULT_MODES as readonly string[]).includes(value);
}

export const STORM_PERIOD_MS = 20_000;
export const STORM_LENGTH_MS = 5_000;

/** A storm starts the moment the mode is set, so a test or demo sees it at once. */
export function isStorming(sinceMs: number, nowMs: number): boolean {
  const phase = (((nowMs - sinceMs) % STORM_PERIOD_MS) + STORM_PERIOD_MS) % STORM_PERIOD_MS;
  return phase < STORM_LENGTH_MS;
}

/** Whether the n-th call (0-based) to a flaky room fails: seeded, so a run is reproducible. */
export function flakyFails(seed: number, roomSeed: number, callIndex: number): boolean {
  return mulberry32(mixSeed(seed, roomSeed, callIndex))() < 1 / 3;
}

/** Half the bytes: may split a UTF-8 sequence, as a connection cut mid-body would. */
export function truncateBody(body: Buffer): Buffer {
  return body.subarray(0, Math.floor(body.length / 2));
}

export const BAD_GATEWAY_HTML = `<html>
<head><title>502 Bad Gateway</title></head>
<body>
<center><h1>502 Bad Gateway</h1></center>
<hr><center>nginx</center>
</body>
</html>
`;

interface FaultSetting {
  mode: FaultMode;
  sinceMs: number;
}

/**
 * Which fault each room is in. `"*"` sets every room: it replaces the default and clears all
 * per-room settings (the named demo rooms' built-in faults included), so `setFault("*", "none")`
 * really does make the whole upstream healthy.
 */
export class FaultBoard {
  private fallback: FaultSetting;
  private readonly perRoom = new Map<string, FaultSetting>();

  constructor(
    private readonly now: () => number,
    fallback: FaultMode,
    perRoom: Iterable<[string, FaultMode]>,
  ) {
    const sinceMs = now();
    this.fallback = { mode: fallback, sinceMs };
    for (const [roomId, mode] of perRoom) this.perRoom.set(roomId, { mode, sinceMs });
  }

  set(roomId: string, mode: FaultMode): void {
    if (!isFaultMode(mode)) throw new TypeError(`unknown fault mode: ${String(mode)}`);
    const setting = { mode, sinceMs: this.now() };
    if (roomId === "*") {
      this.perRoom.clear();
      this.fallback = setting;
    } else {
      this.perRoom.set(roomId, setting);
    }
  }

  /** The fault for a room; a request whose RoomId could not be read gets the default. */
  get(roomId: string | undefined): FaultSetting {
    return (roomId === undefined ? undefined : this.perRoom.get(roomId)) ?? this.fallback;
  }
}
