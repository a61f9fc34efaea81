import { useTranslations } from "next-intl";
import { Badge } from "@/components/ui/badge";
import type { OverviewRoom, RecordingFailure } from "@/lib/contract/api";
import { useProblems } from "@/lib/i18n/use-problems";

const TONES: Record<OverviewRoom["status"], "success" | "neutral" | "danger" | "info"> = {
  live: "success",
  ended: "neutral",
  error: "danger",
  unknown: "info",
};

/** A watched room's recording state; errors and "no sample yet" say so in words, not only colour. */
export function RoomStatusBadge({ status, error }: { status: OverviewRoom["status"]; error: RecordingFailure | null }) {
  const t = useTranslations("watchlist.status");
  const { recordingFailure } = useProblems();
  const tone = TONES[status];
  return (
    <span className="flex min-w-0 flex-col items-start gap-1">
      <Badge tone={tone}>
        {status === "live" ? <span aria-hidden="true" className="size-1.5 rounded-full bg-emerald-500" /> : null}
        {t(status)}
      </Badge>
      {status === "error" && error ? (
        <span className="max-w-56 text-xs break-words text-red-700 dark:text-red-400">
          {recordingFailure(error)}
        </span>
      ) : null}
      {status === "unknown" ? <span className="text-xs text-zinc-500 dark:text-zinc-400">{t("waitingForSample")}</span> : null}
    </span>
  );
}
