'use client';
import { useTranslations } from 'next-intl';
import { useEffect, useRef, useState } from 'react';
import { ReaderPanel } from './reader-panel';
import type { Highlight, PageBox, Reading } from './reading-types';
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
  readings,
  highlight = null,
  onHighlight,
}: {
  attachments: AttachmentMeta[];
  docLabel: (t: string) => string;
  selected: number;
  onSelect: (i: number) => void;
  zoom: number;
  onZoom: (z: number) => void;
  onViewed: (attachmentId: string) => void;
  /** The reader's findings per attachment; without them (QA second review) no reader panel or boxes. */
  readings?: Reading[];
  /** The box to mark strongly: chosen in the reader panel or from a check's evidence. */
  highlight?: Highlight | null;
  onHighlight?: (h: Highlight | null) => void;
}) {
  const t = useTranslations('review');
  const tr = useTranslations('reading');
  const [readerOpen, setReaderOpen] = useState(true);
  const [loadedId, setLoadedId] = useState<string | null>(null);
  const markRef = useRef<HTMLSpanElement>(null);
  // Nothing is shown until the officer opens a document on purpose: each opening is audited (PDP).
  const doc = selected >= 0 ? attachments[selected] : undefined;
  const isImage = doc?.mime.startsWith('image/') ?? false;
  const mark = doc && highlight?.attachmentId === doc.id ? highlight : null;
  const drawable = mark !== null && isImage && mark.box.page === 0;

  // Bring the marked box into view once the image has its size (a fresh open loads first).
  useEffect(() => {
    if (drawable && loadedId === doc?.id) markRef.current?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  }, [drawable, mark, loadedId, doc?.id]);

  if (attachments.length === 0) return <p className="text-sm text-slate-600">{t('noAttachments')}</p>;
  const src = doc ? `/api/attachments/${doc.id}` : '';
  const withReader = readings !== undefined && onHighlight !== undefined;
  const reading = doc ? readings?.find((r) => r.attachmentId === doc.id) : undefined;
  const showReader = withReader && readerOpen;
  // Outlines of everything that was read on the first page; they follow the image at every zoom (fractions).
  const outlines: { key: string; box: PageBox }[] =
    showReader && reading && isImage
      ? [
          ...Object.entries(reading.fields).flatMap(([key, f]) => (f.box ? [{ key, box: f.box }] : [])),
          ...reading.members.flatMap((m, i) => [
            ...(m.nama.box ? [{ key: `member.${i}.nama`, box: m.nama.box }] : []),
            ...(m.nik?.box ? [{ key: `member.${i}.nik`, box: m.nik.box }] : []),
          ]),
        ].filter((o) => o.box.page === 0)
      : [];
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
            <kbd className="mr-1 font-mono text-[10px] text-slate-600">{i + 1}</kbd>
            {docLabel(a.docType)}
            {a.replyId && <span className="ml-1 rounded bg-sky-100 px-1 text-[10px] text-sky-900">{t('newFromReply')}</span>}
            {!a.viewedAt && (
              <span className="ml-1 text-[10px] text-slate-600">
                <span aria-hidden="true">●</span>
                <span className="sr-only">{t('notOpened')}</span>
              </span>
            )}
          </button>
        ))}
      </div>
      {!doc ? (
        <div
          id="document-panel"
          role="tabpanel"
          className="flex h-40 items-center justify-center rounded-md border border-dashed border-slate-300 bg-white p-4 text-center text-sm text-slate-600"
        >
          {t('openDocumentHint')}
        </div>
      ) : (
        <div id="document-panel" role="tabpanel" className="rounded-md border border-slate-200 bg-slate-100">
          <div className="flex items-center gap-2 border-b border-slate-200 bg-white px-2 py-1 text-xs text-slate-700">
            <span className="truncate font-mono" title={doc.filename}>
              {doc.filename}
            </span>
            <span className="text-slate-600">· sha256 {doc.sha256.slice(0, 10)}…</span>
            {isImage && (
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
            {withReader && (
              <button
                type="button"
                aria-expanded={readerOpen}
                aria-controls={readerOpen ? 'reader-panel' : undefined}
                onClick={() => setReaderOpen((o) => !o)}
                className={`${isImage ? '' : 'ml-auto'} rounded border px-1.5 ${readerOpen ? 'border-brand-600 bg-brand-50 text-brand-800' : 'border-slate-300'}`}
              >
                {tr('panelTitle')}
              </button>
            )}
            <a href={src} target="_blank" rel="noreferrer" className={`${isImage || withReader ? '' : 'ml-auto'} text-brand-700 underline`}>
              {t('openInTab')}
            </a>
          </div>
          <p
            aria-live="polite"
            className={mark ? 'flex items-center gap-2 border-b border-orange-200 bg-orange-50 px-2 py-0.5 text-xs text-orange-900' : 'sr-only'}
          >
            {mark && (
              <>
                <span>{drawable ? tr('highlighting', { field: mark.label }) : tr('boxOnOtherPage', { field: mark.label, page: mark.box.page + 1 })}</span>
                {onHighlight && (
                  <button type="button" onClick={() => onHighlight(null)} className="ml-auto rounded border border-orange-300 bg-white px-1.5">
                    {tr('clearHighlight')}
                  </button>
                )}
              </>
            )}
          </p>
          <div className="@container">
            <div className={showReader ? 'grid @xl:grid-cols-[minmax(0,1fr)_18rem]' : ''}>
              {/* Focusable so a zoomed page can be scrolled with the arrow keys. */}
              <div tabIndex={0} role="region" aria-label={docLabel(doc.docType)} className="h-[max(320px,calc(100vh-330px))] overflow-auto p-2">
                {isImage ? (
                  <div className="relative mx-auto" style={{ width: `${zoom * 100}%` }}>
                    {/* A plain img: the route checks access per request, so next/image optimisation cannot cache it. */}
                    <img
                      key={doc.id}
                      src={src}
                      alt={t('documentAlt', { type: docLabel(doc.docType) })}
                      onLoad={() => {
                        setLoadedId(doc.id);
                        onViewed(doc.id);
                      }}
                      style={{ maxWidth: 'none' }}
                      className="block w-full bg-white shadow"
                    />
                    {loadedId === doc.id && (
                      <div aria-hidden="true" data-testid="reading-boxes" className="pointer-events-none absolute inset-0">
                        {outlines.map((o) => (
                          <span
                            key={o.key}
                            data-field={o.key}
                            className="absolute rounded-[2px] border border-sky-600/60 bg-sky-400/5"
                            style={boxStyle(o.box)}
                          />
                        ))}
                        {drawable && (
                          <span
                            ref={markRef}
                            data-testid="reading-highlight"
                            className="absolute rounded-[2px] bg-orange-400/20 outline-2 outline-orange-700 shadow-[0_0_0_4px_rgba(255,255,255,0.85)]"
                            style={boxStyle(mark.box)}
                          >
                            <span
                              className={`absolute left-0 whitespace-nowrap rounded-sm bg-orange-700 px-1 text-[10px] leading-4 text-white ${mark.box.y < 0.06 ? 'top-full mt-0.5' : 'bottom-full mb-0.5'}`}
                            >
                              {mark.label}
                            </span>
                          </span>
                        )}
                      </div>
                    )}
                  </div>
                ) : doc.mime === 'application/pdf' ? (
                  <iframe key={doc.id} src={src} title={docLabel(doc.docType)} onLoad={() => onViewed(doc.id)} className="h-full w-full bg-white" />
                ) : (
                  <p className="p-4 text-sm">{t('cannotPreview')}</p>
                )}
              </div>
              {showReader && (
                <aside
                  key={doc.id}
                  className="max-h-80 overflow-auto border-t border-slate-200 bg-white p-2 @xl:max-h-none @xl:h-[max(320px,calc(100vh-330px))] @xl:border-t-0 @xl:border-l"
                >
                  <ReaderPanel
                    id="reader-panel"
                    attachmentId={doc.id}
                    docType={doc.docType}
                    reading={reading}
                    docLabel={docLabel}
                    highlight={highlight}
                    onHighlight={onHighlight}
                  />
                </aside>
              )}
            </div>
          </div>
        </div>
      )}
    </div>
  );
}

const boxStyle = (b: PageBox) => ({
  left: `${b.x * 100}%`,
  top: `${b.y * 100}%`,
  width: `${b.w * 100}%`,
  height: `${b.h * 100}%`,
});
