import { PageHeader } from "@/components/ui/page-header";

/** What a signed-in user sees on a page their role may not open (the API refuses it too). */
export function Forbidden({ role }: { role: string }) {
  return (
    <main className="mx-auto w-full max-w-2xl px-4 py-10 sm:px-6 sm:py-16">
      <PageHeader size="hero" title="Not for your role" description={`Your role (${role}) may not open this page. Ask an admin if you need to.`} />
    </main>
  );
}
