import { describe, expect, it } from "vitest";
import { DEMO_APP } from "@/simulator/demo-app";
import { mintUserSig } from "@/simulator/usersig";
import { findCredentialLeaks } from "./secrets";

describe("findCredentialLeaks", () => {
  const sig = mintUserSig({ sdkAppId: DEMO_APP.sdkAppId, secretKey: DEMO_APP.secretKey, identifier: "administrator" });

  it("recognises a bare UserSig, the key and a signed URL", () => {
    expect(findCredentialLeaks(`{"debug":"${sig}"}`, DEMO_APP.secretKey)).toEqual([expect.stringMatching(/^a UserSig/)]);
    expect(findCredentialLeaks(`key ${DEMO_APP.secretKey}`, DEMO_APP.secretKey)).toContain("the secret key");
    expect(findCredentialLeaks("GET /v4/x?usersig=abc", DEMO_APP.secretKey)).toEqual(["a signed upstream URL"]);
  });

  it("passes ordinary pages and RequestIds", () => {
    expect(findCredentialLeaks('{"requestId":"Id-8c9858f01e954611ae2d4c1b1ed7d583-O-Seq-52720"}', DEMO_APP.secretKey)).toEqual([]);
  });
});
