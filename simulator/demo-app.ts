// The credentials the simulator accepts out of the box. Public on purpose: it is a stand-in for
// Tencent, not a secret, and scripts (demo, bench, e2e) import it without starting a server.
// The key has the shape of a real one (64 hex characters) so the console's validation treats it
// like the real thing; as in TLSSigAPIv2 it is used as UTF-8 text, never hex-decoded.

export interface SimulatedApp {
  sdkAppId: number;
  secretKey: string;
  /** UserIDs allowed to call REST APIs; Tencent's own tools default to "administrator". */
  admins?: readonly string[];
}

export const DEMO_APP: { sdkAppId: number; secretKey: string; admins: string[] } = {
  sdkAppId: 1400000001,
  secretKey: "46cc3a73ae2f292f17ab379c84801a1abbb10eeafb3159f2903d0f524f0479b0",
  admins: ["administrator"],
};
