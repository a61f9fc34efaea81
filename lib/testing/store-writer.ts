// A program that writes samples into the history store as the recorder does, one acknowledged write
// at a time, and prints "acked <t>" after each: the crash test kills it with SIGKILL mid-stream and
// checks that every acknowledged sample is in the file. Run as `node --conditions=react-server --import tsx`.
import { openSqliteStore } from "@/lib/store/sqlite-store";

const [dataDir, rooms = "3"] = process.argv.slice(2);
if (!dataDir) throw new Error("usage: store-writer.ts <dataDir> [rooms]");
const store = openSqliteStore({ dataDir });
const roomCount = Number(rooms);

for (let t = 1; ; t++) {
  const stats = { totalViewers: t, totalGiftsSent: t * 2, totalGiftCoins: t * 3, totalUniqueGiftSenders: t, totalLikesReceived: t * 5, totalMsgCount: t * 7 };
  await store.addSample(`room-${t % roomCount}`, { t, stats });
  if (t % 50 === 0) await store.watch(`room-${t % roomCount}`, t);
  process.stdout.write(`acked ${t}\n`);
}
