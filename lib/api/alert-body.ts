import "server-only";
import type { z } from "zod";
import { DomainError } from "@/lib/errors/domain-error";
import { zodParams } from "./errors";

// The alerts API's bodies refused with the reason the contract's schema gave (lib/contract/alerts),
// which the catalog words per field, rather than the generic "shape".

/** The reason codes the contract's schemas give (lib/contract/alerts); anything else is a wrong shape. */
const BODY_REASONS = new Set([
  "alert_scope",
  "alert_condition",
  "stat_key",
  "alert_op",
  "rate_window",
  "room_id",
  "whole_number",
  "number",
  "too_small",
  "too_big",
  "too_many",
  "empty",
  "too_long",
  "text",
  "boolean",
  "language",
  "webhook_url",
  "channel_kind",
  "silence_window",
  "iso_time",
]);

/** A refused body as invalid_body with the contract's reason code and the field's path. */
export function invalidAlertBody(error: z.ZodError): DomainError {
  const params = zodParams(error);
  return new DomainError("invalid_body", { ...params, reason: params.reason && BODY_REASONS.has(params.reason) ? params.reason : "shape" });
}

