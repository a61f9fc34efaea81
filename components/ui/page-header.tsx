import type { HTMLAttributes, ReactNode } from "react";
import { cn } from "./cn";

export interface PageHeaderProps extends Omit<HTMLAttributes<HTMLDivElement>, "title"> {
  /** The page's one level-1 heading. */
  title: ReactNode;
  /** A small label above the title ("Room", "Post-stream report"). */
  eyebrow?: string;
  description?: ReactNode;
  /** RoomIds are shown as typed, and may be long enough to break anywhere. */
  mono?: boolean;
  /** A page on its own (home, not found), a size up from the console's working pages. */
  size?: "page" | "hero";
  /** Controls beside the title on wide screens, below it on narrow ones. */
  actions?: ReactNode;
  /** Anything else under the title: a status line, buttons. */
  children?: ReactNode;
}

/** The top of a page: its heading, what it is about, and the page-wide controls. */
export function PageHeader({ title, eyebrow, description, mono = false, size = "page", actions, children, className, ...props }: PageHeaderProps) {
  return (
    <div className={cn("flex flex-col gap-4 lg:flex-row lg:items-end lg:justify-between", className)} {...props}>
      <div className="min-w-0 space-y-1.5">
        {eyebrow ? <p className="text-xs font-medium tracking-wide text-zinc-500 uppercase dark:text-zinc-400">{eyebrow}</p> : null}
        <h1
          className={cn(
            "font-semibold tracking-tight",
            size === "hero" ? "text-2xl sm:text-3xl" : "text-xl sm:text-2xl",
            mono && "font-mono break-all",
          )}
        >
          {title}
        </h1>
        {description ? <p className="max-w-2xl text-sm text-zinc-600 dark:text-zinc-400">{description}</p> : null}
        {children}
      </div>
      {actions}
    </div>
  );
}
