import { RecentLookups } from "@/components/search/recent-lookups";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { requirePrincipal } from "@/lib/pages/session";
import { can } from "@/lib/contract/roles";
import { RoomSearchForm } from "@/components/search/room-search-form";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";

export default async function HomePage() {
  // A role without ad-hoc lookups starts from the rooms it may see.
  if (!can((await requirePrincipal()).role, "rooms.lookup")) redirect("/watchlist");
  const t = await getTranslations("home");
  return (
    <main className="mx-auto w-full max-w-2xl px-4 py-10 sm:px-6 sm:py-16">
      <PageHeader
        size="hero"
        title={t("title")}
        description={t("description")}
      />
      <Card className="mt-8 p-4 sm:p-6">
        <RoomSearchForm autoFocus />
      </Card>
      <div className="mt-10">
        <RecentLookups />
      </div>
    </main>
  );
}
