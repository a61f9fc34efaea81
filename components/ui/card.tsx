import { useId, type HTMLAttributes, type ReactNode } from "react";
import { cn } from "./cn";

export interface CardProps extends HTMLAttributes<HTMLElement> {
  /**
   * The element, chosen for its role: a `section` named by its heading is a region, a `figure` a
   * figure; both are how the pages and their tests find a card.
   */
  as?: "div" | "section" | "figure";
  /** Figures that may be out of date: a dashed amber border, and data-stale for tests and styles. */
  stale?: boolean;
}

/**
 * The white panel every block of the console sits on. Padding and spacing are the caller's, since
 * they differ with what the card holds. In print it turns plain: a light border, no shadow.
 */
export function Card({ as: Element = "div", stale = false, className, ...props }: CardProps) {
  return (
    <Element
      data-stale={stale || undefined}
      className={cn(
        "rounded-xl border bg-white shadow-xs dark:bg-zinc-900 print:border-zinc-300 print:bg-white print:shadow-none",
        stale ? "border-dashed border-amber-400 dark:border-amber-700" : "border-zinc-200 dark:border-zinc-800",
        className,
      )}
      {...props}
    />
  );
}

export interface CardSectionProps {
  /** The section's heading, which is also its accessible name (a region). */
  title: string;
  description?: ReactNode;
  /** Controls beside the heading on wide screens, below it on narrow ones. */
  actions?: ReactNode;
  className?: string;
  children?: ReactNode;
}

/** A card that is a section of its page: a heading and what it is about, controls, then the content. */
export function CardSection({ title, description, actions, className, children }: CardSectionProps) {
  const headingId = useId();
  return (
    <Card as="section" aria-labelledby={headingId} className={cn("p-4", className)}>
      <div className="flex flex-col gap-3 lg:flex-row lg:items-start lg:justify-between">
        <div>
          <h2 id={headingId} className="text-base font-semibold">
            {title}
          </h2>
          {description ? <p className="text-sm text-zinc-500 dark:text-zinc-400">{description}</p> : null}
        </div>
        {actions}
      </div>
      {children}
    </Card>
  );
}
