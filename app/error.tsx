"use client";

import Link from "next/link";
import { Button, buttonClasses } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";

// Last line of defence for a bug in a page. Data errors are handled where they happen (the room
// page keeps its last figures); this only shows when rendering itself failed.
export default function ErrorPage({ error, retry }: { error: unknown; retry: () => void }) {
  const digest = error instanceof Error && "digest" in error && typeof error.digest === "string" ? error.digest : null;
  return (
    <main className="mx-auto w-full max-w-2xl px-4 py-16 sm:px-6">
      <PageHeader
        role="alert"
        size="hero"
        title="This page failed to load"
        description={
          <>
            Try again. If it keeps happening, tell whoever runs this console
            {digest ? (
              <>
                {" "}
                and quote <code className="font-mono select-all">{digest}</code>
              </>
            ) : null}
            .
          </>
        }
      />
      <div className="mt-6 flex gap-2">
        <Button variant="primary" onClick={retry}>
          Try again
        </Button>
        <Link href="/" className={buttonClasses("secondary")}>
          Look up a room
        </Link>
      </div>
    </main>
  );
}
