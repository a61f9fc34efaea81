import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Suspense } from "react";
import { requirePrincipal } from "@/lib/pages/session";
import { decodeRoomParam } from "@/lib/views/room-view-state";
import { ReportView } from "./report-view";

interface ReportPageProps {
  params: Promise<{ roomId: string }>;
}

export async function generateMetadata({ params }: ReportPageProps): Promise<Metadata> {
  const roomId = decodeRoomParam((await params).roomId);
  const t = await getTranslations("report");
  return { title: t("metaTitle", { roomId }) };
}

export default async function ReportPage({ params }: ReportPageProps) {
  await requirePrincipal();
  const roomId = decodeRoomParam((await params).roomId);
  const t = await getTranslations("report");
  return (
    // useSearchParams (the rate window) needs a boundary.
    <Suspense fallback={<p className="mx-auto max-w-7xl px-4 py-8 text-sm text-zinc-500 sm:px-6">{t("loading")}</p>}>
      <ReportView key={roomId} roomId={roomId} />
    </Suspense>
  );
}
