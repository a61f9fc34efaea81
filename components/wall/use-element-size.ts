"use client";

import { useEffect, useState, type RefObject } from "react";
import type { Size } from "@/lib/views/wall";

/**
 * An element's size in CSS pixels, kept current as the window resizes. Starts at `initial` (the
 * server knows no screen), which the first measurement after mounting replaces.
 */
export function useElementSize(ref: RefObject<HTMLElement | null>, initial: Size): Size {
  const [size, setSize] = useState(initial);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const observer = new ResizeObserver(([entry]) => {
      if (!entry) return;
      const { width, height } = entry.contentRect;
      setSize((current) => (current.width === width && current.height === height ? current : { width, height }));
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref]);
  return size;
}
