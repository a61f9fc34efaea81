import { describe, expect, it } from "vitest";
import { callbackSign, deliveryKey, eventTimeMs, verifyCallback } from "./callback";

const query = (fields: Record<string, string>) => new URLSearchParams(fields);

describe("Tencent's callback signature", () => {
  it("is the documented vector: SHA-256 of the token immediately followed by RequestTime, in lower-case hex", () => {
    expect(callbackSign("xxxxyyyy", "1669872112")).toBe("17773bc39a671d7b9aa835458704d2a6db81360a5940292b587d6d760d484061");
  });

  it("verifies a good Sign within 60 s either way, and names every other case", () => {
    const now = 1669872112_000;
    const signed = (time: string, extra: Record<string, string> = {}) => query({ SdkAppid: "1400000001", Sign: callbackSign("xxxxyyyy", time), RequestTime: time, ...extra });
    expect(verifyCallback(signed("1669872112"), "xxxxyyyy", 1400000001, now)).toBeNull();
    expect(verifyCallback(signed("1669872172"), "xxxxyyyy", 1400000001, now)).toBeNull();
    expect(verifyCallback(signed("1669872052"), "xxxxyyyy", 1400000001, now)).toBeNull();
    expect(verifyCallback(signed("1669872173"), "xxxxyyyy", 1400000001, now)).toBe("callback_stale");
    expect(verifyCallback(signed("1669872051"), "xxxxyyyy", 1400000001, now)).toBe("callback_stale");
    expect(verifyCallback(signed("1669872112"), "other-token", 1400000001, now)).toBe("callback_sign");
    expect(verifyCallback(signed("1669872112", { Sign: "17773BC39A671D7B9AA835458704D2A6DB81360A5940292B587D6D760D484061" }), "xxxxyyyy", 1400000001, now)).toBe(
      "callback_sign",
    );
    expect(verifyCallback(signed("1669872112", { Sign: "short" }), "xxxxyyyy", 1400000001, now)).toBe("callback_sign");
    expect(verifyCallback(query({ RequestTime: "1669872112" }), "xxxxyyyy", 1400000001, now)).toBe("callback_unsigned");
    expect(verifyCallback(query({}), "xxxxyyyy", 1400000001, now)).toBe("callback_unsigned");
    expect(verifyCallback(signed("1669872112"), "xxxxyyyy", 1400000002, now)).toBe("callback_app");
  });
});

describe("a callback's EventTime", () => {
  it("reads milliseconds as they are and seconds as seconds", () => {
    expect(eventTimeMs(1669872112_345)).toBe(1669872112_345);
    expect(eventTimeMs(1669872112)).toBe(1669872112_000);
  });

  it("keys a delivery by command, time and room", () => {
    expect(deliveryKey({ command: "Live.CallbackAfterDestroyRoom", roomId: "r|1", at: 5 })).toBe("Live.CallbackAfterDestroyRoom|5|r|1");
  });
});
