import Link from "next/link";
import { buttonClasses } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";

export default function NotFound() {
  return (
    <main className="mx-auto w-full max-w-2xl px-4 py-16 sm:px-6">
      <PageHeader size="hero" title="Page not found" description="There is nothing at this address." />
      <Link href="/" className={buttonClasses("primary", "md", "mt-6")}>
        Look up a room
      </Link>
    </main>
  );
}
