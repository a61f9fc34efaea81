import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { alertRuleInputSchema, type AlertChannel } from "@/lib/contract/alerts";
import { buildRequest, composeNotification, judgeAnswer, maskChannel, SIGNATURE_HEADER, type NotificationEvent } from "./notify";

const rule = alertRuleInputSchema.parse({
  name: "Chat dried up",
  scope: { kind: "watched" },
  condition: { kind: "rate", key: "totalMsgCount", window: "5m", op: "below", threshold: 10 },
});
const event: NotificationEvent = { ruleId: "r1", roomId: "live_1", from: "pending", to: "firing", at: Date.UTC(2026, 11, 1, 20, 0, 0), value: 4.2, idempotencyKey: "r1|live_1|firing|1|ch" };
const NOW = Date.UTC(2026, 11, 1, 20, 0, 5);
const channel = (kind: AlertChannel["kind"], secret?: string) => ({ kind, url: "https://example.com/hook?key=k", secret });

describe("composeNotification", () => {
  it("writes the change in the rule's language", () => {
    expect(composeNotification(rule, event)).toEqual({
      title: "[Firing] Chat dried up",
      lines: ["Room live_1", "Messages per minute below 10 (over 5m)", "Value: 4.2", "At: 2026-12-01 20:00:00 UTC"],
    });
    const zh = composeNotification({ ...rule, language: "zh-CN" }, { ...event, to: "resolved", roomId: "*", value: null });
    expect(zh.title).toBe("【已恢复】Chat dried up");
    expect(zh.lines[0]).toBe("全部房间");
  });
});

describe("buildRequest", () => {
  const note = composeNotification(rule, event);

  it("signs the generic webhook's raw body with the channel's secret and names the delivery", () => {
    const request = buildRequest(channel("webhook", "s3cret"), note, event, NOW);
    expect(request.headers[SIGNATURE_HEADER]).toBe(`sha256=${createHmac("sha256", "s3cret").update(request.body).digest("hex")}`);
    expect(request.headers["x-roomscope-delivery"]).toBe(event.idempotencyKey);
    expect(JSON.parse(request.body)).toMatchObject({ type: "alert.state_changed", ruleId: "r1", roomId: "live_1", from: "pending", to: "firing", value: 4.2 });
    expect(buildRequest(channel("webhook"), note, event, NOW).headers[SIGNATURE_HEADER]).toBeUndefined();
  });

  it("speaks each chat tool's format", () => {
    expect(JSON.parse(buildRequest(channel("wecom"), note, event, NOW).body)).toEqual({ msgtype: "markdown", markdown: { content: expect.stringContaining("**[Firing] Chat dried up**") } });
    expect(JSON.parse(buildRequest(channel("feishu"), note, event, NOW).body)).toEqual({ msg_type: "text", content: { text: expect.stringContaining("Room live_1") } });
    expect(JSON.parse(buildRequest(channel("dingtalk"), note, event, NOW).body)).toMatchObject({ msgtype: "markdown", markdown: { title: "[Firing] Chat dried up" } });
    expect(JSON.parse(buildRequest(channel("slack"), note, event, NOW).body)).toMatchObject({ text: expect.stringContaining("Chat dried up"), blocks: [{ type: "section" }] });
  });

  it("signs Feishu with timestamp and secret as the key, in seconds", () => {
    const body = JSON.parse(buildRequest(channel("feishu", "fs"), note, event, NOW).body) as { timestamp: string; sign: string };
    expect(body.timestamp).toBe(String(NOW / 1000));
    expect(body.sign).toBe(createHmac("sha256", `${body.timestamp}\nfs`).update("").digest("base64"));
  });

  it("signs DingTalk in the query: timestamp in ms and the URL-encoded HMAC of timestamp and secret", () => {
    const url = new URL(buildRequest(channel("dingtalk", "SECabc"), note, event, NOW).url);
    expect(url.searchParams.get("key")).toBe("k");
    expect(url.searchParams.get("timestamp")).toBe(String(NOW));
    expect(url.searchParams.get("sign")).toBe(createHmac("sha256", "SECabc").update(`${NOW}\nSECabc`).digest("base64"));
  });
});

describe("judgeAnswer", () => {
  it("retries server errors and throttling, and gives up on configuration errors the tools answer with 200", () => {
    expect(judgeAnswer("webhook", 204, "")).toEqual({ ok: true });
    expect(judgeAnswer("webhook", 503, "")).toEqual({ ok: false, error: "http_503", retry: true });
    expect(judgeAnswer("webhook", 404, "")).toEqual({ ok: false, error: "http_404", retry: false });
    expect(judgeAnswer("wecom", 200, '{"errcode":0,"errmsg":"ok"}')).toEqual({ ok: true });
    expect(judgeAnswer("wecom", 200, '{"errcode":93000,"errmsg":"invalid webhook url"}')).toEqual({ ok: false, error: "vendor_93000", retry: false });
    expect(judgeAnswer("dingtalk", 200, '{"errcode":130101}')).toMatchObject({ retry: true });
    expect(judgeAnswer("feishu", 200, '{"code":19021,"msg":"sign match fail"}')).toEqual({ ok: false, error: "vendor_19021", retry: false });
  });
});

describe("maskChannel", () => {
  it("shows the host and whether a secret is set, never the URL or the secret", () => {
    const masked = maskChannel({ id: "c", name: "n", kind: "wecom", url: "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=SECRETKEY", secret: "x", createdAt: 1, updatedAt: 1 });
    expect(masked).toEqual({ id: "c", name: "n", kind: "wecom", urlHost: "qyapi.weixin.qq.com", hasSecret: true, createdAt: 1, updatedAt: 1 });
    expect(JSON.stringify(masked)).not.toContain("SECRETKEY");
  });
});
