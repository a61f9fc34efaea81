"use client";

import { useTranslations } from "next-intl";
import { Fragment, useEffect, useId, useRef } from "react";
import { Button } from "@/components/ui/button";
import type { Shortcut } from "./shortcuts-provider";

const KEY_NAMES = { space: "space", escape: "escape", arrowleft: "arrowLeft", arrowright: "arrowRight" } as const;

function Keys({ keys }: { keys: string }) {
  const t = useTranslations("shortcuts");
  const parts = keys.split(" ");
  return (
    <span className="inline-flex items-center gap-1 whitespace-nowrap">
      {parts.map((key, i) => (
        <Fragment key={i}>
          {i > 0 ? <span className="text-xs text-zinc-500 dark:text-zinc-400">{t("then")}</span> : null}
          <kbd className="min-w-7 rounded-md border border-zinc-300 bg-zinc-50 px-1.5 py-0.5 text-center font-mono text-sm shadow-xs dark:border-zinc-600 dark:bg-zinc-800">
            {key in KEY_NAMES ? t(`keys.${KEY_NAMES[key as keyof typeof KEY_NAMES]}`) : key}
          </kbd>
        </Fragment>
      ))}
    </span>
  );
}

function Group({ title, shortcuts }: { title: string; shortcuts: readonly Shortcut[] }) {
  const headingId = useId();
  if (shortcuts.length === 0) return null;
  return (
    <section aria-labelledby={headingId} className="space-y-2">
      <h3 id={headingId} className="text-sm font-semibold text-zinc-600 dark:text-zinc-300">
        {title}
      </h3>
      <dl className="grid grid-cols-[auto_1fr] items-center gap-x-4 gap-y-2 text-sm">
        {shortcuts.map((s) => (
          <Fragment key={s.keys}>
            <dt>
              <Keys keys={s.keys} />
            </dt>
            <dd>{s.label}</dd>
          </Fragment>
        ))}
      </dl>
    </section>
  );
}

/**
 * The shortcuts that apply on this page, as a modal <dialog>: the browser keeps focus inside it,
 * makes the page behind inert and closes it on Esc; focus goes back where it was when it closes.
 */
export function ShortcutsDialog({ page, everywhere, onClose }: { page: readonly Shortcut[]; everywhere: readonly Shortcut[]; onClose: () => void }) {
  const t = useTranslations("shortcuts");
  const ref = useRef<HTMLDialogElement>(null);
  const headingId = useId();
  const onCloseRef = useRef(onClose);
  useEffect(() => {
    onCloseRef.current = onClose;
  });
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    // However it closes (Esc, the button, the backdrop), the list is done with.
    const closed = () => onCloseRef.current();
    dialog.addEventListener("close", closed);
    dialog.showModal();
    return () => {
      dialog.removeEventListener("close", closed);
      if (dialog.open) dialog.close();
      before?.focus();
    };
  }, []);
  return (
    <dialog
      ref={ref}
      aria-labelledby={headingId}
      // A click on the backdrop (the dialog element itself, outside its content) closes it too.
      onClick={(event) => {
        if (event.target === ref.current) ref.current.close();
      }}
      className="m-auto w-[min(36rem,calc(100vw-2rem))] rounded-xl border border-zinc-200 bg-white p-0 text-zinc-900 shadow-xl backdrop:bg-zinc-950/50 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100"
    >
      <div className="space-y-5 p-5">
        <div className="flex items-start justify-between gap-4">
          <div>
            <h2 id={headingId} className="text-lg font-semibold">
              {t("title")}
            </h2>
            <p className="text-sm text-zinc-500 dark:text-zinc-400">{t("notInFields")}</p>
          </div>
          <Button size="sm" variant="ghost" onClick={() => ref.current?.close()} autoFocus>
            {t("close")}
          </Button>
        </div>
        <Group title={t("onThisPage")} shortcuts={page} />
        <Group title={t("everywhere")} shortcuts={everywhere} />
      </div>
    </dialog>
  );
}
