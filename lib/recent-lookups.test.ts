import { describe, expect, it } from "vitest";
import { addRecentLookup, parseRecentLookups, removeRecentLookup } from "./recent-lookups";

describe("addRecentLookup", () => {
  it("puts the newest first without duplicates", () => {
    expect(addRecentLookup([], "a")).toEqual(["a"]);
    expect(addRecentLookup(["a", "b", "c"], "c")).toEqual(["c", "a", "b"]);
  });

  it("caps the list", () => {
    const ten = Array.from({ length: 10 }, (_, i) => `room-${i}`);
    const next = addRecentLookup(ten, "new");
    expect(next).toHaveLength(10);
    expect(next[0]).toBe("new");
    expect(next).not.toContain("room-9");
    expect(addRecentLookup(["a", "b"], "c", 2)).toEqual(["c", "a"]);
  });
});

describe("removeRecentLookup", () => {
  it("removes one entry", () => {
    expect(removeRecentLookup(["a", "b", "c"], "b")).toEqual(["a", "c"]);
    expect(removeRecentLookup(["a"], "x")).toEqual(["a"]);
  });
});

describe("parseRecentLookups", () => {
  it("reads a stored list", () => {
    expect(parseRecentLookups(JSON.stringify(["a", "b"]))).toEqual(["a", "b"]);
  });

  it("tolerates missing and corrupt values", () => {
    expect(parseRecentLookups(null)).toEqual([]);
    expect(parseRecentLookups("")).toEqual([]);
    expect(parseRecentLookups("{not json")).toEqual([]);
    expect(parseRecentLookups(JSON.stringify({ a: 1 }))).toEqual([]);
  });

  it("drops invalid RoomIds, duplicates and anything past the cap", () => {
    const stored = JSON.stringify(["a", 42, "", "x".repeat(49), "a", "tab\there", "b", "c"]);
    expect(parseRecentLookups(stored)).toEqual(["a", "b", "c"]);
    expect(parseRecentLookups(stored, 2)).toEqual(["a", "b"]);
  });
});
