import { describe, expect, it } from "vitest";
import { refuseWebhookTarget } from "./webhook-target";

const resolvesTo = (...addresses: string[]) => async () => addresses;

describe("refuseWebhookTarget", () => {
  it("lets a public address through, by name or as written", async () => {
    expect(await refuseWebhookTarget("https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=x", resolvesTo("203.205.254.157"))).toBeNull();
    expect(await refuseWebhookTarget("https://8.8.8.8/hook")).toBeNull();
    expect(await refuseWebhookTarget("https://[2001:4860:4860::8888]/hook")).toBeNull();
  });

  it("refuses loopback, private, link-local (the cloud's metadata), shared and unique-local addresses", async () => {
    for (const url of ["http://127.0.0.1:9101/x", "http://10.1.2.3/", "http://192.168.0.9/", "http://172.16.5.5/", "http://169.254.169.254/latest/meta-data", "http://100.64.0.1/", "http://[::1]/", "http://[fd12::1]/", "http://[::ffff:10.0.0.1]/", "http://0.0.0.0/"]) {
      expect(await refuseWebhookTarget(url), url).toBe("private_address");
    }
  });

  it("refuses a name with any private address among its answers, and one that does not resolve", async () => {
    expect(await refuseWebhookTarget("https://hooks.example.com/x", resolvesTo("93.184.216.34", "10.0.0.7"))).toBe("private_address");
    expect(await refuseWebhookTarget("https://localhost/x", resolvesTo("127.0.0.1"))).toBe("private_address");
    expect(await refuseWebhookTarget("https://nowhere.invalid/x", async () => Promise.reject(new Error("ENOTFOUND")))).toBe("unresolvable");
    expect(await refuseWebhookTarget("https://empty.example/x", resolvesTo())).toBe("unresolvable");
  });
});
