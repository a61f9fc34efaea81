// Names the browser, proxy.ts and server.mjs share with the auth code, kept apart from it so that
// importing one does not pull Better Auth into the proxy's bundle.

export const COOKIE_PREFIX = "roomscope";
export const SESSION_COOKIE = `${COOKIE_PREFIX}.session_token`;
/** Our own header, set by server.mjs from the socket (lib/auth/client-address.ts). */
export const CLIENT_ADDRESS_HEADER = "x-roomscope-client-address";
