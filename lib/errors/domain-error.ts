import type { ApiErrorCode } from "@/lib/contract/api";
import { checkRoomId, roomIdProblemParams } from "@/lib/contract/room-id";
import { errorBrand } from "./brand";

// What domain code throws when a caller asked for something it cannot have: a code from the API's
// contract and the parameters a sentence needs, never the sentence itself nor an HTTP status.
// lib/api/errors.ts decides both, in one place, for every language the console speaks.

export type DomainErrorParams = Record<string, string | number>;

const brand = errorBrand("DomainError");

export class DomainError extends Error {
  static is(error: unknown): error is DomainError {
    return brand.is(error);
  }

  constructor(
    readonly code: ApiErrorCode,
    /** `reason` narrows the code (which rule, which parameter); the rest fill in the sentence. */
    readonly params: DomainErrorParams & { reason?: string } = {},
  ) {
    // For logs and stack traces only; a person reads the sentence the error table builds.
    super(params.reason ? `${code}: ${params.reason}` : code);
    this.name = "DomainError";
    brand.mark(this);
  }
}

/** The RoomId, when it is one (lib/contract/room-id.ts); else an `invalid_room_id` saying why. */
export function requireRoomId(roomId: string): string {
  const check = checkRoomId(roomId);
  if (!check.ok) throw new DomainError("invalid_room_id", roomIdProblemParams(check));
  return roomId;
}
