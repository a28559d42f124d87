'use client';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import type { AttachmentMeta } from './types';

/** Shows one attachment at a time, in the page: images zoomable, PDFs in the browser's viewer. */
export function DocumentViewer({ attachments, docLabel }: { attachments: AttachmentMeta[]; docLabel: (t: string) => string }) {
  const t = useTranslations('review');
  const [selected, setSelected] = useState(0);
  const [zoom, setZoom] = useState(1);
  const doc = attachments[selected];
  if (!doc) return <p className="text-sm text-slate-600">{t('noAttachments')}</p>;
  const src = `/api/attachments/${doc.id}`;
  return (
    <div>
      <div role="tablist" aria-label={t('documents')} className="mb-2 flex flex-wrap gap-1">
        {attachments.map((a, i) => (
          <button
            key={a.id}
            role="tab"
            type="button"
            aria-selected={i === selected}
            aria-controls="document-panel"
            onClick={() => {
              setSelected(i);
              setZoom(1);
            }}
            className={`rounded-md border px-2 py-1 text-xs ${i === selected ? 'border-brand-600 bg-brand-50 font-medium text-brand-800' : 'border-slate-300 bg-white text-slate-700 hover:bg-slate-50'}`}
          >
            {i + 1}. {docLabel(a.docType)}
          </button>
        ))}
      </div>
      <div id="document-panel" role="tabpanel" className="rounded-md border border-slate-200 bg-slate-100">
        <div className="flex items-center gap-2 border-b border-slate-200 bg-white px-2 py-1 text-xs text-slate-700">
          <span className="truncate font-mono" title={doc.filename}>
            {doc.filename}
          </span>
          <span className="text-slate-500">· sha256 {doc.sha256.slice(0, 10)}…</span>
          {doc.mime.startsWith('image/') && (
            <span className="ml-auto flex items-center gap-1">
              <button type="button" className="rounded border border-slate-300 px-1.5" onClick={() => setZoom((z) => Math.max(0.5, z - 0.25))} aria-label={t('zoomOut')}>
                −
              </button>
              <span className="w-10 text-center tabular-nums">{Math.round(zoom * 100)}%</span>
              <button type="button" className="rounded border border-slate-300 px-1.5" onClick={() => setZoom((z) => Math.min(3, z + 0.25))} aria-label={t('zoomIn')}>
                +
              </button>
            </span>
          )}
          <a href={src} target="_blank" rel="noreferrer" className={`${doc.mime.startsWith('image/') ? '' : 'ml-auto'} text-brand-700 underline`}>
            {t('openInTab')}
          </a>
        </div>
        <div className="h-[340px] overflow-auto p-2">
          {doc.mime.startsWith('image/') ? (
            // A plain img: the route checks access per request, so next/image optimisation cannot cache it.
            <img
              src={src}
              alt={t('documentAlt', { type: docLabel(doc.docType) })}
              style={{ width: `${zoom * 100}%`, maxWidth: 'none' }}
              className="mx-auto block bg-white shadow"
            />
          ) : doc.mime === 'application/pdf' ? (
            <iframe src={src} title={docLabel(doc.docType)} className="h-full w-full bg-white" />
          ) : (
            <p className="p-4 text-sm">{t('cannotPreview')}</p>
          )}
        </div>
      </div>
    </div>
  );
}
