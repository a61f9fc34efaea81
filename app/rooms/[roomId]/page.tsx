import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { requirePrincipal } from "@/lib/pages/session";
import { Suspense } from "react";
import { RoomView } from "./room-view";
import { decodeRoomParam } from "@/lib/views/room-view-state";

interface RoomPageProps {
  params: Promise<{ roomId: string }>;
}

export async function generateMetadata({ params }: RoomPageProps): Promise<Metadata> {
  const roomId = decodeRoomParam((await params).roomId);
  const t = await getTranslations("room");
  return { title: t("metaTitle", { roomId }) };
}

export default async function RoomPage({ params }: RoomPageProps) {
  await requirePrincipal();
  const roomId = decodeRoomParam((await params).roomId);
  const t = await getTranslations("room");
  return (
    // useSearchParams (interval, paused, metric) needs a boundary. Keyed by RoomId so moving to
    // another room starts with an empty history instead of charting two rooms as one line.
    <Suspense fallback={<p className="mx-auto max-w-7xl px-4 py-8 text-sm text-zinc-500 sm:px-6">{t("loading")}</p>}>
      <RoomView key={roomId} roomId={roomId} />
    </Suspense>
  );
}
