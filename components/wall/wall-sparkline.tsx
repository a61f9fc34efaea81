import { sparklinePath, type SparkPoint } from "@/components/watchlist/sparkline-path";
import { cn } from "@/components/ui/cn";

const WIDTH = 300;
const HEIGHT = 60;

/**
 * A sparkline that fills its box (the tile's spare height), its stroke the same width at any size,
 * under a caption that says what it draws: across a room a bare line could be anything.
 */
export function WallSparkline({ points, label, className, captionClassName }: { points: readonly SparkPoint[]; label: string; className?: string; captionClassName?: string }) {
  const path = sparklinePath(points, WIDTH, HEIGHT, 3);
  if (!path) return <div className={className} />;
  return (
    <figure className={cn("flex flex-col", className)}>
      <figcaption className={cn("truncate text-zinc-600 dark:text-zinc-400", captionClassName)}>{label}</figcaption>
      <svg aria-hidden="true" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} preserveAspectRatio="none" className="min-h-0 w-full flex-1 text-sky-600 dark:text-sky-400">
        <line x1="0" x2={WIDTH} y1={HEIGHT - 0.5} y2={HEIGHT - 0.5} className="stroke-zinc-300 dark:stroke-zinc-700" strokeWidth="1" vectorEffect="non-scaling-stroke" />
        <path d={path} fill="none" stroke="currentColor" strokeWidth="3" strokeLinejoin="round" strokeLinecap="round" vectorEffect="non-scaling-stroke" />
      </svg>
    </figure>
  );
}
