import type { RoomStats } from "@/lib/rooms/types";

/** A room's six totals for tests: ordinary values, with whatever a test cares about overridden. */
export const roomStats = (overrides: Partial<RoomStats> = {}): RoomStats => ({
  totalViewers: 100,
  totalGiftsSent: 10,
  totalGiftCoins: 250,
  totalUniqueGiftSenders: 4,
  totalLikesReceived: 1000,
  totalMsgCount: 50,
  ...overrides,
});
