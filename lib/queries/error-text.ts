"use client";

import { useTranslations } from "next-intl";
import { useCallback } from "react";
import { ApiRequestError } from "./api-client";

/**
 * What to tell the reader about a failed request: the API's own sentence (already in their
 * language), else the page's wording of what the browser met (no answer, or one it cannot read).
 */
export function useErrorText(): (error: unknown) => string {
  const t = useTranslations("client");
  return useCallback(
    (error: unknown) => {
      if (!(error instanceof ApiRequestError)) return t("bad_body");
      if (error.serverMessage) return error.serverMessage;
      if (error.code === "network_error") return t("network_error");
      return error.params.status !== undefined ? t("bad_status", { status: error.params.status }) : t("bad_body");
    },
    [t],
  );
}
