import { roomIdProblemParams, type RoomIdCheck } from "@/lib/contract/room-id";

// The sentences for what lib/ reports as codes and parameters: an API error code (narrowed by a
// reason), a refused RoomId, a failed recording, a refused time window or list of rooms. Written
// once over any translator of the whole catalog: next-intl's useTranslations() in a page
// (./use-problems.ts), createTranslator() in the API and the command line (./messages.ts).

export type MessageParams = Record<string, string | number>;

/** A translator of the whole catalog, as both next-intl's hook and createTranslator() give one. */
export interface Translate {
  (key: string, values?: MessageParams): string;
  has(key: string): boolean;
}

export type RoomIdProblem = Extract<RoomIdCheck, { ok: false }>;
export type ComparedRoomsProblem =
  | { problem: "bad_room"; roomId: string; check: RoomIdProblem }
  | { problem: "too_few"; min: number }
  | { problem: "too_many"; max: number };

export function problemTexts(t: Translate) {
  /** The sentence for an API error code, narrowed by `params.reason` where the catalog has one. */
  function errorMessage(code: string, params: MessageParams & { reason?: string } = {}): string {
    if (params.reason !== undefined && t.has(`error.${code}.${params.reason}`)) return t(`error.${code}.${params.reason}`, params);
    if (t.has(`error.${code}.default`)) return t(`error.${code}.default`, params);
    if (t.has(`error.${code}`)) return t(`error.${code}`, params);
    return t("error.internal_error", params);
  }
  const roomIdProblem = (check: RoomIdProblem) => errorMessage("invalid_room_id", roomIdProblemParams(check));
  return {
    errorMessage,
    roomIdProblem,
    /** Why recording a room failed, short enough for a table cell, with Tencent's ErrorCode when it gave one. */
    recordingFailure(failure: { code: string; upstreamCode: number | null }): string {
      const reason = t.has(`recording.${failure.code}`) ? t(`recording.${failure.code}`) : t("recording.failed");
      return failure.upstreamCode === null ? reason : t("recording.with_code", { reason, upstreamCode: failure.upstreamCode });
    },
    /** Why a typed time window was refused (lib/history/range.ts). */
    windowProblem: (problem: "start_missing" | "end_missing" | "start_after_end") => t(`timeWindow.${problem}`),
    /** Why a list of rooms cannot be compared (lib/history/compare.ts). */
    comparedRoomsProblem(p: ComparedRoomsProblem): string {
      switch (p.problem) {
        case "bad_room":
          return t("compareRooms.bad_room", { roomId: p.roomId, problem: roomIdProblem(p.check) });
        case "too_few":
          return t("compareRooms.too_few", { min: p.min });
        case "too_many":
          return t("compareRooms.too_many", { max: p.max });
      }
    },
  };
}

export type ProblemTexts = ReturnType<typeof problemTexts>;
