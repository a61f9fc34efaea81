import { describe, expect, it } from "vitest";
import { isTypingTarget, keyToken, matchSequence, targetUsesKey, type TargetLike } from "./keys";

const key = (k: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; altKey: boolean; shiftKey: boolean; isComposing: boolean }> = {}) => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  shiftKey: false,
  ...mods,
});

const el = (tagName: string, attrs: Record<string, string> = {}, extra: Partial<TargetLike> = {}): TargetLike => ({
  tagName,
  getAttribute: (name) => attrs[name] ?? null,
  ...extra,
});

describe("keyToken", () => {
  it("names printed keys in lower case and the named keys the tables use", () => {
    expect(keyToken(key("r"))).toBe("r");
    expect(keyToken(key(" "))).toBe("space");
    expect(keyToken(key("Escape"))).toBe("escape");
    expect(keyToken(key("ArrowLeft"))).toBe("arrowleft");
    expect(keyToken(key("ArrowRight"))).toBe("arrowright");
    expect(keyToken(key("/"))).toBe("/");
  });

  it("takes Shift for characters that need it, like ?, but not Shift with a letter or a named key", () => {
    expect(keyToken(key("?", { shiftKey: true }))).toBe("?");
    expect(keyToken(key("R", { shiftKey: true }))).toBeNull();
    expect(keyToken(key("ArrowLeft", { shiftKey: true }))).toBeNull();
  });

  it("leaves keys with Ctrl, Cmd or Alt to the browser, and keys typed while composing to the IME", () => {
    expect(keyToken(key("r", { ctrlKey: true }))).toBeNull();
    expect(keyToken(key("r", { metaKey: true }))).toBeNull();
    expect(keyToken(key("k", { altKey: true }))).toBeNull();
    expect(keyToken(key("g", { isComposing: true }))).toBeNull();
  });

  it("ignores keys that are neither a character nor one it names", () => {
    expect(keyToken(key("Shift"))).toBeNull();
    expect(keyToken(key("F5"))).toBeNull();
    expect(keyToken(key("Tab"))).toBeNull();
  });
});

describe("isTypingTarget", () => {
  it("is true in text fields, text areas, selects and editable content", () => {
    expect(isTypingTarget(el("INPUT"))).toBe(true);
    expect(isTypingTarget(el("input", {}, { type: "search" }))).toBe(true);
    expect(isTypingTarget(el("INPUT", {}, { type: "datetime-local" }))).toBe(true);
    expect(isTypingTarget(el("TEXTAREA"))).toBe(true);
    expect(isTypingTarget(el("SELECT"))).toBe(true);
    expect(isTypingTarget(el("DIV", {}, { isContentEditable: true }))).toBe(true);
    expect(isTypingTarget(el("DIV", { role: "textbox" }))).toBe(true);
  });

  it("is false on the page itself, buttons and inputs that take no text", () => {
    expect(isTypingTarget(null)).toBe(false);
    expect(isTypingTarget(el("BODY"))).toBe(false);
    expect(isTypingTarget(el("BUTTON"))).toBe(false);
    expect(isTypingTarget(el("INPUT", {}, { type: "checkbox" }))).toBe(false);
  });
});

describe("targetUsesKey", () => {
  it("leaves Space and the arrows to a focused control that answers them", () => {
    expect(targetUsesKey(el("BUTTON"), "space")).toBe(true);
    expect(targetUsesKey(el("DIV", { role: "slider" }), "arrowleft")).toBe(true);
    expect(targetUsesKey(el("BUTTON", { role: "radio" }), "arrowright")).toBe(true);
  });

  it("takes letters anywhere but in a field, and Space and the arrows on the page", () => {
    expect(targetUsesKey(el("BUTTON"), "r")).toBe(false);
    expect(targetUsesKey(el("BODY"), "space")).toBe(false);
    expect(targetUsesKey(el("MAIN"), "arrowleft")).toBe(false);
  });
});

describe("matchSequence", () => {
  const bindings = ["?", "r", "g w", "g c", "t 1", "t 5"];

  it("fires a one-key binding at once", () => {
    expect(matchSequence([], "r", bindings)).toEqual({ kind: "fire", sequence: "r" });
  });

  it("waits after the first key of a sequence and fires on the second", () => {
    expect(matchSequence([], "g", bindings)).toEqual({ kind: "pending", pending: ["g"] });
    expect(matchSequence(["g"], "w", bindings)).toEqual({ kind: "fire", sequence: "g w" });
    expect(matchSequence(["t"], "5", bindings)).toEqual({ kind: "fire", sequence: "t 5" });
  });

  it("starts afresh with a key that does not continue the sequence", () => {
    expect(matchSequence(["g"], "r", bindings)).toEqual({ kind: "fire", sequence: "r" });
    expect(matchSequence(["g"], "t", bindings)).toEqual({ kind: "pending", pending: ["t"] });
    expect(matchSequence(["g"], "x", bindings)).toEqual({ kind: "none" });
  });

  it("does nothing for a key no binding begins with, nor the second key alone", () => {
    expect(matchSequence([], "x", bindings)).toEqual({ kind: "none" });
    expect(matchSequence([], "w", bindings)).toEqual({ kind: "none" });
    expect(matchSequence([], "1", bindings)).toEqual({ kind: "none" });
  });
});
