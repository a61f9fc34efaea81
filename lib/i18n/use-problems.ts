"use client";

import { useTranslations } from "next-intl";
import { useMemo } from "react";
import { problemTexts, type ProblemTexts, type Translate } from "./problems";

/** The sentences for lib/'s codes (./problems.ts) in the page's language. */
export function useProblems(): ProblemTexts {
  const t = useTranslations();
  return useMemo(() => problemTexts(t as unknown as Translate), [t]);
}
