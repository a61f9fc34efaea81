// The room model: which rooms exist, when they started and ended, and how their six totals grow.
//
// A room's totals are a pure function of (seed, roomId, epoch, time): minute m of a room's life
// draws its events from a generator seeded by (room, m), and a partial minute spreads that minute's
// events over its 60 seconds by seeded weights. Querying every second or once an hour therefore gives
// the same numbers, totals never go backwards, and catching up a long history costs one step per
// minute rather than per second.

import { type FaultMode } from "./faults";
import { hashString, logUniform, mixSeed, mulberry32, poisson, uniform, type Random } from "./prng";

export interface RoomTotals {
  TotalViewers: number;
  TotalGiftsSent: number;
  TotalGiftCoins: number;
  TotalUniqueGiftSenders: number;
  TotalLikesReceived: number;
  TotalMsgCount: number;
}

/** Per-room constants drawn once from the room's seed. Rates are per minute at full audience. */
interface RoomParams {
  viewerRate: number;
  waveAmplitude: number;
  wavePeriodMin: number;
  wavePhase: number;
  surgeChance: number;
  giftsPerViewer: number;
  burstChance: number;
  likesPerViewer: number;
  msgsPerViewer: number;
  senderScale: number;
  senderExponent: number;
}

export interface Room {
  roomId: string;
  seed: number;
  startedAt: number;
  /** When the room was dismissed; from then on it answers 100004 and its totals stay frozen. */
  endedAt: number | null;
  /** The fault a named demo room carries from start-up ("none" for ordinary rooms). */
  builtinFault: FaultMode;
  params: RoomParams;
}

const SECOND = 1000;

// Coin values of a typical gift shelf. Most gifts are cheap; a few are worth hundreds of times more,
// which is what makes TotalGiftCoins jump in a way a console's charts must cope with.
const GIFT_SHELF: readonly (readonly [coins: number, weight: number])[] = [
  [1, 0.4],
  [5, 0.2],
  [10, 0.14],
  [20, 0.09],
  [52, 0.06],
  [99, 0.05],
  [199, 0.03],
  [520, 0.02],
  [1000, 0.01],
];

// Salts keep the independent draws of one minute from sharing a generator.
const SALT_ACTIVITY = 1;
const SALT_SURGE = 2;
const SALT_BURST = 3;
const SALT_COINS = 4;
const SALT_SPLIT = 5;

type Profile = "generic" | "popular" | "quiet";

interface RoomSpec {
  roomId: string;
  profile: Profile;
  /** Seconds the room had been live when the simulator started; undefined = seeded. */
  liveForSec?: number;
  /** Seconds after the simulator's start at which the room ends; negative = before it; null = never. */
  endsAfterSec?: number | null;
  fault?: FaultMode;
}

/** The named demo rooms, each showing one behaviour the console must handle. */
const NAMED_ROOMS: readonly RoomSpec[] = [
  { roomId: "demo-popular", profile: "popular", liveForSec: 150 * 60, endsAfterSec: null },
  { roomId: "demo-quiet", profile: "quiet", liveForSec: 40 * 60, endsAfterSec: null },
  { roomId: "demo-ending", profile: "generic", liveForSec: 25 * 60, endsAfterSec: 180 },
  { roomId: "demo-ended", profile: "generic", liveForSec: 120 * 60, endsAfterSec: -10 * 60 },
  { roomId: "demo-flaky", profile: "generic", liveForSec: 60 * 60, endsAfterSec: null, fault: "flaky" },
  { roomId: "demo-slow", profile: "generic", liveForSec: 60 * 60, endsAfterSec: null, fault: "slow" },
  { roomId: "demo-storm", profile: "generic", liveForSec: 60 * 60, endsAfterSec: null, fault: "rate_limit_storm" },
  { roomId: "demo-html502", profile: "generic", liveForSec: 60 * 60, endsAfterSec: null, fault: "html_502" },
  { roomId: "demo-truncated", profile: "generic", liveForSec: 60 * 60, endsAfterSec: null, fault: "truncated_json" },
  { roomId: "demo-down", profile: "generic", liveForSec: 60 * 60, endsAfterSec: null, fault: "down" },
  // 11 UTF-8 bytes for 5 characters: shows that RoomId limits count bytes.
  { roomId: "直播间-1", profile: "generic", liveForSec: 90 * 60, endsAfterSec: null },
];

export function genericRoomId(index: number, count: number): string {
  return `live-${String(index).padStart(Math.max(4, String(count).length), "0")}`;
}

function drawParams(random: Random, profile: Profile): RoomParams {
  // Always draw every value in the same order so that a profile override never shifts the others.
  const drawn: RoomParams = {
    viewerRate: logUniform(random, 4, 120),
    waveAmplitude: uniform(random, 0.15, 0.6),
    wavePeriodMin: uniform(random, 8, 45),
    wavePhase: uniform(random, 0, 2 * Math.PI),
    surgeChance: uniform(random, 0.1, 0.4),
    giftsPerViewer: logUniform(random, 0.01, 0.12),
    burstChance: uniform(random, 0.1, 0.4),
    likesPerViewer: uniform(random, 2, 12),
    msgsPerViewer: uniform(random, 0.3, 1.5),
    senderScale: uniform(random, 0.55, 0.9),
    senderExponent: uniform(random, 0.62, 0.8),
  };
  if (profile === "popular") {
    return { ...drawn, viewerRate: 240, waveAmplitude: 0.35, surgeChance: 0.45, giftsPerViewer: 0.08, burstChance: 0.5, likesPerViewer: 14, msgsPerViewer: 1.3 };
  }
  if (profile === "quiet") {
    return { ...drawn, viewerRate: 3, waveAmplitude: 0.5, surgeChance: 0.1, giftsPerViewer: 0.04, burstChance: 0.15, likesPerViewer: 4, msgsPerViewer: 0.6 };
  }
  return drawn;
}

function buildRoom(spec: RoomSpec, seed: number, epochMs: number): Room {
  const roomSeed = mixSeed(seed, hashString(spec.roomId));
  const random = mulberry32(roomSeed);
  const params = drawParams(random, spec.profile);
  // Seeded timeline draws come after the parameters, again in a fixed order.
  const seededLiveFor = Math.round(logUniform(random, 3 * 60, 4 * 3600));
  const endsSoon = random() < 0.1;
  const seededEnd = Math.round(uniform(random, 2 * 60, 3600));
  const liveForSec = spec.liveForSec ?? seededLiveFor;
  const endsAfterSec = spec.endsAfterSec !== undefined ? spec.endsAfterSec : endsSoon ? seededEnd : null;
  return {
    roomId: spec.roomId,
    seed: roomSeed,
    startedAt: epochMs - liveForSec * SECOND,
    endedAt: endsAfterSec === null ? null : epochMs + endsAfterSec * SECOND,
    builtinFault: spec.fault ?? "none",
    params,
  };
}

/** The whole catalogue: `live-0001`.. then the named demo rooms. `epochMs` is the simulator's start. */
export function buildCatalogue(options: { seed: number; genericRooms: number; epochMs: number }): Map<string, Room> {
  const rooms = new Map<string, Room>();
  for (let i = 1; i <= options.genericRooms; i += 1) {
    const roomId = genericRoomId(i, options.genericRooms);
    rooms.set(roomId, buildRoom({ roomId, profile: "generic" }, options.seed, options.epochMs));
  }
  for (const spec of NAMED_ROOMS) rooms.set(spec.roomId, buildRoom(spec, options.seed, options.epochMs));
  return rooms;
}

export function isEnded(room: Room, nowMs: number): boolean {
  return room.endedAt !== null && nowMs >= room.endedAt;
}

// ---- how a minute of a room's life goes ----

/**
 * A multiplier from episodes that start at seeded minutes inside 10-minute blocks. An episode can run
 * past its block, so the previous block is consulted too; each block is seeded alone, which keeps
 * the factor a pure function of the minute.
 */
function episodeFactor(room: Room, minute: number, salt: number, chance: number, maxLen: number, peak: [number, number]): number {
  let factor = 1;
  const block = Math.floor(minute / 10);
  for (let b = Math.max(0, block - 1); b <= block; b += 1) {
    const random = mulberry32(mixSeed(room.seed, b, salt));
    if (random() >= chance) continue;
    const start = b * 10 + Math.floor(random() * 10);
    const length = 1 + Math.floor(random() * maxLen);
    const height = uniform(random, peak[0], peak[1]);
    const into = minute - start;
    if (into >= 0 && into < length) {
      // Sharp rise, gentle decay: how a raid or a shout-out looks in a live room.
      factor *= 1 + (height - 1) * Math.exp(-into / Math.max(1, length / 2));
    }
  }
  return factor;
}

/** Relative audience at minute m: a warm-up after going live, slow waves, and random surges. */
function audience(room: Room, minute: number): number {
  const { waveAmplitude, wavePeriodMin, wavePhase, surgeChance } = room.params;
  const warmUp = 1 - Math.exp(-(minute + 1) / 6);
  const wave = 1 + waveAmplitude * Math.sin((2 * Math.PI * minute) / wavePeriodMin + wavePhase);
  return warmUp * wave * episodeFactor(room, minute, SALT_SURGE, surgeChance, 10, [1.5, 4]);
}

interface MinuteEvents {
  viewers: number;
  likes: number;
  msgs: number;
  /** Coin value of each gift, in the order they were sent. */
  gifts: number[];
}

function giftValue(random: Random): number {
  let pick = random();
  for (const [coins, weight] of GIFT_SHELF) {
    pick -= weight;
    if (pick < 0) return coins;
  }
  return GIFT_SHELF[GIFT_SHELF.length - 1]![0];
}

function minuteEvents(room: Room, minute: number): MinuteEvents {
  const { viewerRate, giftsPerViewer, burstChance, likesPerViewer, msgsPerViewer } = room.params;
  const random = mulberry32(mixSeed(room.seed, minute, SALT_ACTIVITY));
  const crowd = viewerRate * audience(room, minute);
  // Gift bursts (a contest, a big spender) are their own episodes, shorter and taller than surges.
  const burst = episodeFactor(room, minute, SALT_BURST, burstChance, 4, [3, 12]);
  // Likes and chat come in taps and flurries: a log-normal jitter per minute.
  const likeJitter = Math.exp(0.5 * (random() + random() + random() - 1.5));
  const chatJitter = Math.exp(0.4 * (random() + random() + random() - 1.5));
  const viewers = poisson(random, crowd);
  const likes = poisson(random, crowd * likesPerViewer * likeJitter);
  const msgs = poisson(random, crowd * msgsPerViewer * chatJitter * (1 + 0.3 * (burst - 1)));
  const giftCount = poisson(random, crowd * giftsPerViewer * burst);
  const coinRandom = mulberry32(mixSeed(room.seed, minute, SALT_COINS));
  const gifts = Array.from({ length: giftCount }, () => giftValue(coinRandom));
  return { viewers, likes, msgs, gifts };
}

/**
 * Cumulative shares of a minute's events after each of its seconds (length 61, from 0 to 1).
 * Gifts get squared weights: they cluster in a few seconds while viewers and chat flow more evenly.
 */
function secondShares(room: Room, minute: number): { flow: number[]; gifts: number[] } {
  const random = mulberry32(mixSeed(room.seed, minute, SALT_SPLIT));
  const flow = [0];
  const gifts = [0];
  for (let s = 0; s < 60; s += 1) {
    const w = -Math.log(1 - random());
    flow.push(flow[s]! + w);
    gifts.push(gifts[s]! + w * w);
  }
  const flowTotal = flow[60]!;
  const giftTotal = gifts[60]!;
  return { flow: flow.map((v) => v / flowTotal), gifts: gifts.map((v) => v / giftTotal) };
}

/** Distinct senders grow sublinearly with gifts (regulars send again) and never exceed them. */
export function uniqueSenders(gifts: number, scale: number, exponent: number): number {
  if (gifts <= 0) return 0;
  return Math.min(gifts, Math.max(1, Math.floor(scale * Math.pow(gifts, exponent))));
}

interface Tally {
  viewers: number;
  gifts: number;
  coins: number;
  likes: number;
  msgs: number;
}

const ZERO: Tally = { viewers: 0, gifts: 0, coins: 0, likes: 0, msgs: 0 };

/**
 * Computes totals with a per-room cache of whole minutes already summed, so a console polling every
 * second costs one minute's draw per call, not the room's whole history.
 */
export class RoomLedger {
  private readonly cache = new Map<string, { minutes: number; tally: Tally }>();
  private readonly current = new Map<string, { minute: number; events: MinuteEvents; shares: ReturnType<typeof secondShares> }>();

  totalsAt(room: Room, nowMs: number): RoomTotals {
    const until = room.endedAt === null ? nowMs : Math.min(nowMs, room.endedAt);
    const lifeSec = Math.max(0, Math.floor((until - room.startedAt) / SECOND));
    const minute = Math.floor(lifeSec / 60);
    const second = lifeSec % 60;

    const tally = { ...this.wholeMinutes(room, minute) };
    if (second > 0) {
      const { events, shares } = this.currentMinute(room, minute);
      const flowShare = shares.flow[second]!;
      const giftCount = Math.floor(events.gifts.length * shares.gifts[second]!);
      tally.viewers += Math.floor(events.viewers * flowShare);
      tally.likes += Math.floor(events.likes * flowShare);
      tally.msgs += Math.floor(events.msgs * flowShare);
      tally.gifts += giftCount;
      for (let i = 0; i < giftCount; i += 1) tally.coins += events.gifts[i]!;
    }
    return {
      TotalViewers: tally.viewers,
      TotalGiftsSent: tally.gifts,
      TotalGiftCoins: tally.coins,
      TotalUniqueGiftSenders: uniqueSenders(tally.gifts, room.params.senderScale, room.params.senderExponent),
      TotalLikesReceived: tally.likes,
      TotalMsgCount: tally.msgs,
    };
  }

  /** The minute in progress, drawn once and reused by the calls that land in it. */
  private currentMinute(room: Room, minute: number): { events: MinuteEvents; shares: ReturnType<typeof secondShares> } {
    const hit = this.current.get(room.roomId);
    if (hit && hit.minute === minute) return hit;
    const entry = { minute, events: minuteEvents(room, minute), shares: secondShares(room, minute) };
    this.current.set(room.roomId, entry);
    return entry;
  }

  private wholeMinutes(room: Room, minutes: number): Tally {
    let entry = this.cache.get(room.roomId);
    // A clock that went backwards (tests) simply recomputes from the start.
    if (!entry || entry.minutes > minutes) entry = { minutes: 0, tally: { ...ZERO } };
    const tally = { ...entry.tally };
    for (let m = entry.minutes; m < minutes; m += 1) {
      const events = minuteEvents(room, m);
      tally.viewers += events.viewers;
      tally.likes += events.likes;
      tally.msgs += events.msgs;
      tally.gifts += events.gifts.length;
      for (const coins of events.gifts) tally.coins += coins;
    }
    this.cache.set(room.roomId, { minutes, tally });
    return tally;
  }
}

// ---- what get_room_info and get_room_list say about a room ----

/** A room's settings and labels, as its host chose them when creating it: drawn once from its seed. */
export interface RoomDetails {
  RoomId: string;
  RoomName: string;
  RoomType: "Live";
  Owner_Account: string;
  /** Unix seconds: the room's real start. */
  CreateTime: number;
  IsSeatEnabled: boolean;
  TakeSeatMode: "ApplyToTake" | "FreeToTake";
  MaxSeatCount: number;
  MaxMemberCount: number;
  IsMessageDisabled: boolean;
  CoverURL: string;
  Category: number[];
  ActivityStatus: number;
  ViewCount: number;
  IsPublicVisible: boolean;
}

const NAME_TOPICS = ["Evening music", "Cooking live", "Game night", "Morning chat", "Travel diary", "Street food", "Study with me", "Fashion haul", "Pet corner", "Karaoke"];
const NAMED_TITLES: Record<string, string> = {
  "demo-popular": "Friday live show",
  "demo-quiet": "Late night reading",
  "直播间-1": "晚间音乐会",
};

/**
 * The room's details. `coverBase` is where the stand-in serves covers (its own URL). Every cover
 * is there: a gone one would be a failed load in the browser, which the browser tests refuse on
 * any page. ViewCount is the viewers so far.
 */
export function roomDetails(room: Room, totals: RoomTotals, coverBase: string): RoomDetails {
  const random = mulberry32(mixSeed(room.seed, hashString("details")));
  const topic = NAME_TOPICS[Math.floor(random() * NAME_TOPICS.length)]!;
  const owner = `host_${(room.seed >>> 0).toString(36).slice(0, 6)}`;
  const seats = random() < 0.6;
  const freeSeats = random() < 0.5;
  return {
    RoomId: room.roomId,
    RoomName: NAMED_TITLES[room.roomId] ?? `${topic} · ${room.roomId}`,
    RoomType: "Live",
    Owner_Account: owner,
    CreateTime: Math.floor(room.startedAt / SECOND),
    IsSeatEnabled: seats,
    TakeSeatMode: freeSeats ? "FreeToTake" : "ApplyToTake",
    MaxSeatCount: seats ? [4, 6, 9][Math.floor(random() * 3)]! : 0,
    MaxMemberCount: 1000,
    IsMessageDisabled: random() < 0.05,
    CoverURL: `${coverBase}/__sim/covers/${encodeURIComponent(room.roomId)}.svg`,
    Category: [1 + Math.floor(random() * 5)],
    ActivityStatus: 0,
    ViewCount: totals.TotalViewers,
    IsPublicVisible: true,
  };
}

/** A cover picture for a room: a gradient of its own colours with its id, so covers tell rooms apart. */
export function coverSvg(room: Room): string {
  const hue = room.seed % 360;
  const id = room.roomId.replace(/[<>&"']/g, "");
  return `<svg xmlns="http://www.w3.org/2000/svg" width="320" height="180" viewBox="0 0 320 180"><defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="hsl(${hue},70%,55%)"/><stop offset="1" stop-color="hsl(${(hue + 60) % 360},70%,35%)"/></linearGradient></defs><rect width="320" height="180" fill="url(#g)"/><text x="16" y="164" font-family="sans-serif" font-size="20" fill="#fff">${id}</text></svg>`;
}
