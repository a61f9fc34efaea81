// Keyboard shortcuts, the pure part: which key a keydown names, whether it came from somewhere a
// person is typing (or a control that uses that key itself), and how a key extends a two-key
// sequence such as "g w". The hook in components/shortcuts/ wires these to the window.

/** A key as the shortcut tables name it: a printed character, or "space", "escape", "arrowleft"... */
export type KeyToken = string;

/** A binding's keys: one token, or two separated by a space ("g w", "t 1"). */
export type KeySequence = string;

/** How long the second key of a sequence may take; after that the first key is forgotten. */
export const SEQUENCE_TIMEOUT_MS = 1_500;

export interface KeyLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
  isComposing?: boolean;
}

const NAMED: Record<string, KeyToken> = {
  " ": "space",
  Spacebar: "space",
  Escape: "escape",
  Esc: "escape",
  ArrowLeft: "arrowleft",
  ArrowRight: "arrowright",
};

/**
 * The token of a keydown, or null when it is no shortcut: with Ctrl, Cmd or Alt (those belong to
 * the browser and the system), during IME composition, or a shifted letter or named key (Shift+R
 * is not r). Shift is allowed with other printed characters, since "?" needs it on most layouts.
 */
export function keyToken(event: KeyLike): KeyToken | null {
  if (event.ctrlKey || event.metaKey || event.altKey || event.isComposing) return null;
  const named = NAMED[event.key];
  if (named) return event.shiftKey ? null : named;
  if ([...event.key].length !== 1) return null;
  if (event.shiftKey && /\p{L}/u.test(event.key)) return null;
  return event.key.toLowerCase();
}

/** The parts of a DOM element the checks below read, so they run (and are tested) without a DOM. */
export interface TargetLike {
  tagName: string;
  isContentEditable?: boolean;
  type?: string;
  getAttribute(name: string): string | null;
}

/** Input types that take no text: a shortcut key typed on them is not typing. */
const NON_TEXT_INPUTS = new Set(["checkbox", "radio", "button", "submit", "reset", "range", "color", "file", "image"]);

/** Whether the keydown comes from a place a person types into: every key there is theirs. */
export function isTypingTarget(target: TargetLike | null): boolean {
  if (!target) return false;
  const tag = target.tagName.toUpperCase();
  if (tag === "TEXTAREA" || tag === "SELECT") return true;
  if (tag === "INPUT") return !NON_TEXT_INPUTS.has((target.type ?? "text").toLowerCase());
  if (target.isContentEditable) return true;
  const role = target.getAttribute("role");
  return role === "textbox" || role === "searchbox" || role === "combobox";
}

/** Roles whose widgets answer Space or the arrow keys themselves (a chart's slider, a radio group). */
const KEY_USING_ROLES = new Set(["button", "link", "slider", "radio", "radiogroup", "tab", "checkbox", "switch", "menuitem", "option", "spinbutton", "listbox"]);
const KEY_USING_TAGS = new Set(["BUTTON", "A", "INPUT", "SUMMARY", "SELECT", "TEXTAREA"]);

/**
 * Whether the focused element does something itself with this key: Space presses a focused button,
 * the arrows move a focused slider. Such a key is left to the element, not taken as a shortcut.
 */
export function targetUsesKey(target: TargetLike | null, key: KeyToken): boolean {
  if (!target) return false;
  if (key !== "space" && key !== "arrowleft" && key !== "arrowright") return false;
  if (KEY_USING_TAGS.has(target.tagName.toUpperCase())) return true;
  const role = target.getAttribute("role");
  return role !== null && KEY_USING_ROLES.has(role);
}

export type SequenceMatch =
  /** A binding is complete: run it. */
  | { kind: "fire"; sequence: KeySequence }
  /** The keys so far begin a binding: wait for the next key. */
  | { kind: "pending"; pending: readonly KeyToken[] }
  | { kind: "none" };

/**
 * What a key does after the keys already pending. A key that does not continue the pending
 * sequence starts afresh on its own, so "g" then "r" still refreshes.
 */
export function matchSequence(pending: readonly KeyToken[], key: KeyToken, sequences: readonly KeySequence[]): SequenceMatch {
  const attempt = (keys: readonly KeyToken[]): SequenceMatch => {
    const typed = keys.join(" ");
    if (sequences.includes(typed)) return { kind: "fire", sequence: typed };
    if (sequences.some((s) => s.startsWith(`${typed} `))) return { kind: "pending", pending: keys };
    return { kind: "none" };
  };
  if (pending.length > 0) {
    const continued = attempt([...pending, key]);
    if (continued.kind !== "none") return continued;
  }
  return attempt([key]);
}
