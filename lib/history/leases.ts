// Which of the rooms to record this process records. With one console on its embedded database,
// every room is its own; several instances sharing one database split them through a lease provider
// (a later step keeps leases in Redis), so no room is sampled twice nor the budget spent twice.

export interface RoomLeases {
  /**
   * Of the rooms that should be recorded, the ones this process records until the next call. Called
   * on every refresh of the recorder's rooms, so a provider renews its leases there.
   */
  claim(rooms: readonly string[]): Promise<readonly string[]>;
  /** How often the recorder must claim for its leases to hold (they expire a few times this later). */
  readonly renewEveryMs?: number;
}

/** The embedded default: one process, every room its own. */
export const allRooms: RoomLeases = { claim: async (rooms) => rooms };
