'use client';
import { useTranslations } from 'next-intl';
import type { AttachmentMeta } from './types';

export const ZOOM_STEPS = [0.5, 0.75, 1, 1.25, 1.5, 2, 3];

/** Shows one attachment at a time, in the page: images zoomable, PDFs in the browser's viewer. */
export function DocumentViewer({
  attachments,
  docLabel,
  selected,
  onSelect,
  zoom,
  onZoom,
  onViewed,
}: {
  attachments: AttachmentMeta[];
  docLabel: (t: string) => string;
  selected: number;
  onSelect: (i: number) => void;
  zoom: number;
  onZoom: (z: number) => void;
  onViewed: (attachmentId: string) => void;
}) {
  const t = useTranslations('review');
  if (attachments.length === 0) return <p className="text-sm text-slate-600">{t('noAttachments')}</p>;
  // Nothing is shown until the officer opens a document on purpose: each opening is audited (PDP).
  const doc = selected >= 0 ? attachments[selected] : undefined;
  const src = doc ? `/api/attachments/${doc.id}` : '';
  const step = (dir: 1 | -1) => {
    const i = ZOOM_STEPS.indexOf(zoom);
    onZoom(ZOOM_STEPS[Math.min(ZOOM_STEPS.length - 1, Math.max(0, (i < 0 ? 2 : i) + dir))]);
  };
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
            onClick={() => onSelect(i)}
            className={`rounded-md border px-2 py-1 text-xs ${i === selected ? 'border-brand-600 bg-brand-50 font-medium text-brand-800' : 'border-slate-300 bg-white text-slate-700 hover:bg-slate-50'}`}
          >
            <kbd className="mr-1 font-mono text-[10px] text-slate-500">{i + 1}</kbd>
            {docLabel(a.docType)}
            {a.replyId && <span className="ml-1 rounded bg-sky-100 px-1 text-[10px] text-sky-900">{t('newFromReply')}</span>}
            {!a.viewedAt && <span className="ml-1 text-[10px] text-slate-500" aria-label={t('notOpened')}>●</span>}
          </button>
        ))}
      </div>
      {!doc ? (
        <div id="document-panel" role="tabpanel" className="flex h-40 items-center justify-center rounded-md border border-dashed border-slate-300 bg-white p-4 text-center text-sm text-slate-600">
          {t('openDocumentHint')}
        </div>
      ) : (
      <div id="document-panel" role="tabpanel" className="rounded-md border border-slate-200 bg-slate-100">
        <div className="flex items-center gap-2 border-b border-slate-200 bg-white px-2 py-1 text-xs text-slate-700">
          <span className="truncate font-mono" title={doc.filename}>
            {doc.filename}
          </span>
          <span className="text-slate-500">· sha256 {doc.sha256.slice(0, 10)}…</span>
          {doc.mime.startsWith('image/') && (
            <span className="ml-auto flex items-center gap-1">
              <button type="button" className="rounded border border-slate-300 px-1.5" onClick={() => step(-1)} aria-label={t('zoomOut')}>
                −
              </button>
              <span className="w-10 text-center tabular-nums">{Math.round(zoom * 100)}%</span>
              <button type="button" className="rounded border border-slate-300 px-1.5" onClick={() => step(1)} aria-label={t('zoomIn')}>
                +
              </button>
            </span>
          )}
          <a href={src} target="_blank" rel="noreferrer" className={`${doc.mime.startsWith('image/') ? '' : 'ml-auto'} text-brand-700 underline`}>
            {t('openInTab')}
          </a>
        </div>
        <div className="h-[max(320px,calc(100vh-330px))] overflow-auto p-2">
          {doc.mime.startsWith('image/') ? (
            // A plain img: the route checks access per request, so next/image optimisation cannot cache it.
            <img
              key={doc.id}
              src={src}
              alt={t('documentAlt', { type: docLabel(doc.docType) })}
              onLoad={() => onViewed(doc.id)}
              style={{ width: `${zoom * 100}%`, maxWidth: 'none' }}
              className="mx-auto block bg-white shadow"
            />
          ) : doc.mime === 'application/pdf' ? (
            <iframe key={doc.id} src={src} title={docLabel(doc.docType)} onLoad={() => onViewed(doc.id)} className="h-full w-full bg-white" />
          ) : (
            <p className="p-4 text-sm">{t('cannotPreview')}</p>
          )}
        </div>
      </div>
      )}
    </div>
  );
}
