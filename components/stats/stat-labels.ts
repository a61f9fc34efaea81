import type { StatKey } from "@/lib/contract/stats";

/** How each of Tencent's counters is named on screen. Names are also the cards' accessible names. */
export const STAT_LABELS: Record<StatKey, { label: string; description: string }> = {
  totalViewers: { label: "Viewers", description: "People who have entered the room" },
  totalGiftsSent: { label: "Gifts sent", description: "Gifts sent in the room" },
  totalGiftCoins: { label: "Gift coins", description: "Coins spent on those gifts" },
  totalUniqueGiftSenders: { label: "Unique gift senders", description: "Different people who sent a gift" },
  totalLikesReceived: { label: "Likes", description: "Likes the room received" },
  totalMsgCount: { label: "Messages", description: "Chat messages sent in the room" },
};
