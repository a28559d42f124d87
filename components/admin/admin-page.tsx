'use client';
import type { ReactNode } from 'react';

/**
 * The frame of an admin list page: heading, intro, the "add" button, and the
 * green note after a save (a status, so it is announced).
 */
export function AdminPage({
  heading,
  intro,
  about,
  add,
  saved,
  nav,
  children,
}: {
  heading: string;
  intro: string;
  /** More under the intro (a link to the API document, the signature recipe). */
  about?: ReactNode;
  add?: { label: string; onClick: () => void };
  saved?: string | null;
  nav?: ReactNode;
  children: ReactNode;
}) {
  return (
    <div className="mx-auto max-w-6xl space-y-3 p-4">
      {nav}
      <div className="flex flex-wrap items-start gap-3">
        <div className="mr-auto">
          <h1 className="text-lg font-semibold">{heading}</h1>
          <p className="max-w-3xl text-sm text-slate-600">{intro}</p>
          {about}
        </div>
        {add && (
          <button type="button" onClick={add.onClick} className="rounded-md bg-brand-700 px-3 py-2 text-sm font-medium text-white">
            {add.label}
          </button>
        )}
      </div>
      {saved && (
        <p role="status" className="rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-900">
          {saved}
        </p>
      )}
      {children}
    </div>
  );
}
