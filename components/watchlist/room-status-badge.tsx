import { Badge } from "@/components/ui/badge";
import type { OverviewRoom, RecordingFailure } from "@/lib/contract/api";
import { useProblems } from "@/lib/i18n/use-problems";

const LABELS: Record<OverviewRoom["status"], { label: string; tone: "success" | "neutral" | "danger" | "info" }> = {
  live: { label: "Live", tone: "success" },
  ended: { label: "Ended", tone: "neutral" },
  error: { label: "Error", tone: "danger" },
  unknown: { label: "Waiting", tone: "info" },
};

/** A watched room's recording state; errors and "no sample yet" say so in words, not only colour. */
export function RoomStatusBadge({ status, error }: { status: OverviewRoom["status"]; error: RecordingFailure | null }) {
  const { recordingFailure } = useProblems();
  const { label, tone } = LABELS[status];
  return (
    <span className="flex min-w-0 flex-col items-start gap-1">
      <Badge tone={tone}>
        {status === "live" ? <span aria-hidden="true" className="size-1.5 rounded-full bg-emerald-500" /> : null}
        {label}
      </Badge>
      {status === "error" && error ? (
        <span className="max-w-56 text-xs break-words text-red-700 dark:text-red-400">
          {recordingFailure(error)}
        </span>
      ) : null}
      {status === "unknown" ? <span className="text-xs text-zinc-500 dark:text-zinc-400">waiting for the first sample</span> : null}
    </span>
  );
}
