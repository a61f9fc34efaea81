"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useId } from "react";
import { formatDateTime, formatIn, formatNumber, formatTime, formatTimeZone } from "@/lib/format";
import { useNow } from "@/lib/hooks/use-now";
import { useLocale, useTimeZone } from "@/lib/hooks/use-locale";
import type { ApiRequestError } from "@/lib/queries/api-client";
import { useErrorText } from "@/lib/queries/error-text";
import { RoomSearchForm } from "@/components/search/room-search-form";
import { Button, buttonClasses } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { CopyButton } from "@/components/ui/copy-button";

type Translate = ReturnType<typeof useTranslations<"room.failure">>;

/** The ways an upstream call fails that the API names (lib/tencent/errors.ts UPSTREAM_REASONS). */
const UPSTREAM_REASONS = ["http_status", "bad_body", "no_figures", "network", "tencent_code"] as const;
type UpstreamReason = (typeof UPSTREAM_REASONS)[number];
const isUpstreamReason = (reason: string | undefined): reason is UpstreamReason => (UPSTREAM_REASONS as readonly string[]).includes(reason ?? "");

/**
 * A title that says what happened and one explanation of what to do. When to try again is said
 * once, below, by the countdown; the server's own sentence is the explanation where it is the one
 * that knows more (which way Tencent failed), never shown beside a sentence of the page's own.
 */
function describe(error: ApiRequestError, roomId: string, t: Translate, errorText: (error: unknown) => string): { title: string; explanation: string } {
  switch (error.code) {
    case "room_not_found":
      return { title: t("roomNotFound.title"), explanation: t("roomNotFound.explanation", { roomId }) };
    case "invalid_room_id":
      return { title: t("invalidRoomId.title"), explanation: errorText(error) };
    case "rate_limited":
      // Without Tencent's code the console's own budget said no, and Tencent never saw the request.
      return error.upstreamCode === undefined
        ? { title: t("consoleRateLimit.title"), explanation: t("consoleRateLimit.explanation") }
        : { title: t("tencentRateLimit.title"), explanation: t("tencentRateLimit.explanation") };
    case "upstream_timeout":
      return { title: t("upstreamTimeout.title"), explanation: t("upstreamTimeout.explanation") };
    case "upstream_error": {
      const reason = error.upstream.reason;
      return {
        title: isUpstreamReason(reason) ? t(`upstreamError.${reason}`, { status: error.upstream.status ?? 0 }) : t("upstreamError.title"),
        explanation: error.serverMessage ?? t("upstreamError.explanation"),
      };
    }
    case "misconfigured":
      return { title: t("misconfigured.title"), explanation: t("misconfigured.explanation") };
    case "network_error":
      return { title: t("networkError.title"), explanation: t("networkError.explanation") };
    default:
      return { title: t("other.title"), explanation: errorText(error) };
  }
}

export interface RoomErrorProps {
  error: ApiRequestError;
  roomId: string;
  /** When the figures still on screen were fetched; null if there are none. */
  lastSuccessAt: number | null;
  nextPollAt: number | null;
  /** When the request failed, to quote in a ticket; null when none was made (a RoomId refused in the page). */
  failedAt: number | null;
  onRetry: () => void;
  retrying: boolean;
}

/**
 * What went wrong, in words an operator can act on, plus the identifiers support needs. Tencent's
 * RequestId is shown in full with a copy button because it is what gets quoted in tickets.
 */
export function RoomError({ error, roomId, lastSuccessAt, nextPollAt, failedAt, onRetry, retrying }: RoomErrorProps) {
  const t = useTranslations("room.failure");
  const roomT = useTranslations("room");
  const errorText = useErrorText();
  const locale = useLocale();
  const timeZone = useTimeZone();
  const now = useNow();
  const headingId = useId();
  const { title, explanation } = describe(error, roomId, t, errorText);
  const terminal = error.code === "room_not_found" || error.code === "invalid_room_id";

  return (
    <section
      aria-labelledby={headingId}
      className={cn(
        "rounded-xl border p-4 sm:p-5",
        terminal
          ? "border-zinc-300 bg-white dark:border-zinc-700 dark:bg-zinc-900"
          : "border-red-200 bg-red-50 dark:border-red-900 dark:bg-red-950/60",
      )}
    >
      {/* Only the unchanging part is the alert: the countdown below ticks every second and would
          otherwise be read out again and again. */}
      <div role="alert">
        <h2 id={headingId} className={cn("text-base font-semibold", !terminal && "text-red-900 dark:text-red-100")}>
          {title}
        </h2>
        <p className="mt-1 text-sm text-zinc-700 dark:text-zinc-300">{explanation}</p>
      </div>

      {lastSuccessAt !== null ? (
        <p className="mt-2 text-sm font-medium text-amber-800 dark:text-amber-300">
          {t("staleFigures", {
            time: roomT("timeWithZone", { time: formatTime(lastSuccessAt, locale, timeZone), zone: formatTimeZone(lastSuccessAt, locale, timeZone) }),
          })}
        </p>
      ) : null}
      {!terminal && nextPollAt !== null && now > 0 ? (
        <p className="mt-1 text-sm text-zinc-600 tabular-nums dark:text-zinc-400">
          {t("retryIn", { in: formatIn(Math.max(nextPollAt, now), now, locale) })}
        </p>
      ) : null}

      <dl className="mt-3 grid grid-cols-[auto_1fr] items-center gap-x-4 gap-y-1.5 text-sm">
        {failedAt !== null ? (
          <>
            <dt className="text-zinc-500 dark:text-zinc-400">{t("failedAt")}</dt>
            <dd className="text-xs tabular-nums">
              <time dateTime={new Date(failedAt).toISOString()}>{formatDateTime(failedAt, locale, timeZone)}</time>
            </dd>
          </>
        ) : null}
        {error.requestId ? (
          <>
            <dt className="text-zinc-500 dark:text-zinc-400">{t("requestId")}</dt>
            <dd className="flex min-w-0 flex-wrap items-center gap-2">
              <code className="min-w-0 font-mono text-xs break-all select-all">{error.requestId}</code>
              <CopyButton value={error.requestId} label={t("copyRequestId")} />
            </dd>
          </>
        ) : null}
        {error.upstreamCode !== undefined ? (
          <>
            <dt className="text-zinc-500 dark:text-zinc-400">{t("upstreamCode")}</dt>
            <dd className="font-mono text-xs">{error.upstreamCode}</dd>
          </>
        ) : null}
        {/* A RoomId refused in the page was never sent: there is no status to quote. */}
        {failedAt !== null ? (
          <>
            <dt className="text-zinc-500 dark:text-zinc-400">{t("status")}</dt>
            <dd className="font-mono text-xs">
              {error.status > 0 ? t("httpStatus", { status: formatNumber(error.status, locale), code: error.code }) : error.code}
            </dd>
          </>
        ) : null}
      </dl>

      <div className="mt-4 flex flex-wrap items-center gap-2">
        {error.code === "invalid_room_id" ? null : (
          <Button size="sm" onClick={onRetry} disabled={retrying}>
            {error.code === "room_not_found" ? t("checkAgain") : t("retryNow")}
          </Button>
        )}
        <Link href="/" className={buttonClasses("ghost", "sm")}>
          {t("searchAnother")}
        </Link>
      </div>

      {terminal ? (
        // A missing room or a refused RoomId is usually a typo, quicker to fix than to retype.
        <div className="mt-5 border-t border-zinc-200 pt-4 dark:border-zinc-800">
          <RoomSearchForm defaultValue={roomId} />
        </div>
      ) : null}
    </section>
  );
}
