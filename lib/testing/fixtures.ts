import type { RoomStats } from "@/lib/contract/stats";

/** All six totals at zero, with whatever a test or benchmark sets overridden: a stream at its start. */
export const zeroStats = (overrides: Partial<RoomStats> = {}): RoomStats => ({
  totalViewers: 0,
  totalGiftsSent: 0,
  totalGiftCoins: 0,
  totalUniqueGiftSenders: 0,
  totalLikesReceived: 0,
  totalMsgCount: 0,
  ...overrides,
});

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
