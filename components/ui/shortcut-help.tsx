'use client';
import { useTranslations } from 'next-intl';
import { useEffect, useRef } from 'react';

/** The `?` dialog: every shortcut of the current page, listed with its key. */
export function ShortcutHelp({ open, onClose, items }: { open: boolean; onClose: () => void; items: { keys: string; label: string }[] }) {
  const t = useTranslations('shortcuts');
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);
  return (
    <dialog ref={ref} onClose={onClose} aria-labelledby="shortcut-title" className="m-auto w-96 rounded-lg p-0 backdrop:bg-slate-900/40">
      <div className="p-4">
        <h2 id="shortcut-title" className="mb-2 font-semibold">
          {t('title')}
        </h2>
        <table className="w-full text-sm">
          <tbody>
            {items.map((i) => (
              <tr key={i.keys} className="border-t border-slate-100">
                <td className="py-1 pr-3">
                  <kbd className="rounded border border-slate-300 bg-slate-50 px-1.5 font-mono text-xs">{i.keys}</kbd>
                </td>
                <td className="py-1">{i.label}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <button type="button" onClick={onClose} className="mt-3 rounded-md border border-slate-300 px-3 py-1 text-sm">
          {t('close')}
        </button>
      </div>
    </dialog>
  );
}
