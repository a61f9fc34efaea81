// The live-engine REST calls the console makes, and each one's rate limit per SDKAppID as Tencent
// documents it (calls per second). Plain data: the env module and the client both read it.

export const LIVE_API_LIMITS = {
  get_room_stats: 100,
  get_room_info: 200,
  get_room_list: 10,
} as const;

export type LiveApi = keyof typeof LIVE_API_LIMITS;

export const LIVE_APIS = Object.keys(LIVE_API_LIMITS) as LiveApi[];

/** get_room_list answers at most this many rooms a page. */
export const ROOM_LIST_MAX_COUNT = 20;
