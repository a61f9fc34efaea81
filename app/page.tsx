import { RecentLookups } from "@/components/search/recent-lookups";
import { RoomSearchForm } from "@/components/search/room-search-form";

export default function HomePage() {
  return (
    <main className="mx-auto w-full max-w-2xl px-4 py-10 sm:px-6 sm:py-16">
      <h1 className="text-2xl font-semibold tracking-tight sm:text-3xl">Look up a room</h1>
      <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">
        Enter a live room&apos;s RoomId to watch its viewers, gifts, likes and messages as they change.
      </p>
      <div className="mt-8 rounded-xl border border-zinc-200 bg-white p-4 shadow-xs sm:p-6 dark:border-zinc-800 dark:bg-zinc-900">
        <RoomSearchForm autoFocus />
      </div>
      <div className="mt-10">
        <RecentLookups />
      </div>
    </main>
  );
}
