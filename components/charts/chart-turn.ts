"use client";

import { useEffect, useState } from "react";
import { flushSync } from "react-dom";

// Recharts takes tens of milliseconds to draw one chart on a slow machine, and a page of small
// multiples draws six or twelve at once whenever its data arrives or refreshes: one long task in
// which the page cannot paint or answer a click. Instead, charts take turns, one per animation
// frame, in the order they asked (top left first): the first is drawn in the next frame and the page
// paints and answers input between the rest.

const waiting: (() => void)[] = [];
let frame: number | undefined;

function nextTurn() {
  frame = undefined;
  const turn = waiting.shift();
  if (!turn) return;
  // Render this chart now, inside this frame, so that each frame draws exactly one.
  flushSync(turn);
  frame = requestAnimationFrame(nextTurn);
}

/**
 * `value` as of this component's latest turn: undefined until its first turn. Each time `value`
 * changes (by identity) the component queues for a turn, and then adopts whatever is newest.
 */
export function useValueInTurn<T>(value: T): T | undefined {
  const [adopted, setAdopted] = useState<{ value: T }>();
  const current = adopted !== undefined && Object.is(adopted.value, value);
  useEffect(() => {
    if (current) return;
    const turn = () => setAdopted({ value });
    waiting.push(turn);
    frame ??= requestAnimationFrame(nextTurn);
    return () => {
      const i = waiting.indexOf(turn);
      if (i >= 0) waiting.splice(i, 1);
    };
  }, [current, value]);
  return adopted?.value;
}
