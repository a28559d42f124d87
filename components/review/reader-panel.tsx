'use client';
import { useTranslations } from 'next-intl';
import { fieldLabeller, LOW_READ_CONFIDENCE, percent, type Highlight, type PageBox, type Reading } from './reading-types';

type Props = {
  id: string;
  attachmentId: string;
  docType: string;
  reading: Reading | undefined;
  docLabel: (t: string) => string;
  highlight: Highlight | null;
  onHighlight: (h: Highlight | null) => void;
};

/**
 * "What the reader found" beside the open document: the measurements behind
 * the AI's verdict and the fields as read, each one a button that marks where
 * on the image it was read, so the officer checks the machine against the page.
 */
export function ReaderPanel({ id, attachmentId, docType, reading, docLabel, highlight, onHighlight }: Props) {
  const t = useTranslations('reading');
  const label = fieldLabeller(t);
  const headingId = `${id}-heading`;
  const heading = (
    <h4 id={headingId} className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-600">
      {t('panelTitle')}
    </h4>
  );
  if (!reading) {
    return (
      <section id={id} aria-labelledby={headingId} className="text-xs">
        {heading}
        <p className="rounded bg-amber-50 p-1.5 text-amber-900">{t('notRead')}</p>
      </section>
    );
  }

  const q = reading.quality;
  const typeLabel = reading.detectedType === 'unknown' ? t('unknownType') : docLabel(reading.detectedType);
  const typeDiffers = docType !== 'other' && reading.detectedType !== docType;
  const lowRead = reading.meanConfidence < LOW_READ_CONFIDENCE;
  const fields = Object.entries(reading.fields);
  const isSelected = (key: string) => highlight?.attachmentId === attachmentId && highlight.key === key;
  const select = (key: string, text: string, box: PageBox) => onHighlight(isSelected(key) ? null : { attachmentId, key, label: text, box });

  return (
    <section id={id} aria-labelledby={headingId} className="space-y-2 text-xs">
      {heading}
      <dl className="grid grid-cols-[max-content_1fr] gap-x-2 gap-y-0.5">
        <dt className="text-slate-600">{t('detectedType')}</dt>
        <dd>
          <span className="font-medium">{typeLabel}</span> <span className="text-slate-600">· {t('typeScore', { score: percent(reading.typeScore) })}</span>
          {typeDiffers && <span className="mt-0.5 block rounded bg-amber-50 px-1 text-amber-900">{t('typeDiffers', { type: docLabel(docType) })}</span>}
        </dd>
        <dt className="text-slate-600">{t('readConfidence')}</dt>
        <dd className={lowRead ? 'font-medium text-amber-800' : ''}>
          {lowRead && <span aria-hidden="true">⚠ </span>}
          {percent(reading.meanConfidence)}
          {lowRead && <span className="ml-1">({t('lowConfidence')})</span>}
        </dd>
        <dt className="text-slate-600">{t('quality')}</dt>
        <dd>
          <span className="text-slate-700">
            {t('qualityValues', { sharpness: q.sharpness, brightness: Math.round(q.brightness), width: q.width, height: q.height })}
          </span>
          {q.problems.length > 0 ? (
            <ul className="mt-0.5 flex flex-wrap gap-1">
              {q.problems.map((p) => (
                <li key={p} className="rounded border border-amber-300 bg-amber-50 px-1 text-amber-900">
                  {t.has(`reason.${p}`) ? t(`reason.${p}`) : p}
                </li>
              ))}
            </ul>
          ) : (
            <span className="block text-emerald-800">{t('qualityOk')}</span>
          )}
        </dd>
        <dt className="text-slate-600">{t('engine')}</dt>
        <dd className="text-slate-700">{t('engineValue', { engine: reading.engine, version: reading.engineVersion, ms: reading.durationMs })}</dd>
      </dl>

      <div>
        <h5 className="mb-0.5 font-medium text-slate-700">{t('fields')}</h5>
        {!reading.opened ? (
          <p className="text-slate-600">{t('notOpened')}</p>
        ) : fields.length === 0 ? (
          <p className="text-slate-600">{t('noFields')}</p>
        ) : (
          <ul className="space-y-px" aria-label={t('fields')}>
            {fields.map(([key, f]) => (
              <li key={key}>
                <FieldRow
                  label={label(key)}
                  value={f.value}
                  confidence={f.confidence}
                  selected={isSelected(key)}
                  onSelect={f.box ? () => select(key, label(key), f.box!) : undefined}
                />
              </li>
            ))}
          </ul>
        )}
      </div>

      {reading.opened && reading.members.length > 0 && (
        <div>
          <h5 className="mb-0.5 font-medium text-slate-700">{t('members')}</h5>
          <ol className="space-y-1">
            {reading.members.map((m, i) => (
              <li key={i} className="rounded border border-slate-200 p-0.5">
                <FieldRow
                  label={m.hubungan ?? `${i + 1}`}
                  value={m.nama.value}
                  confidence={m.nama.confidence}
                  selected={isSelected(`member.${i}.nama`)}
                  onSelect={m.nama.box ? () => select(`member.${i}.nama`, m.nama.value, m.nama.box!) : undefined}
                />
                {m.nik && (
                  <FieldRow
                    label="NIK"
                    value={m.nik.value}
                    confidence={m.nik.confidence}
                    mono
                    selected={isSelected(`member.${i}.nik`)}
                    onSelect={m.nik.box ? () => select(`member.${i}.nik`, `NIK ${m.nama.value}`, m.nik!.box!) : undefined}
                  />
                )}
              </li>
            ))}
          </ol>
        </div>
      )}
    </section>
  );
}

function FieldRow({
  label,
  value,
  confidence,
  selected,
  onSelect,
  mono,
}: {
  label: string;
  value: string;
  confidence: number;
  selected: boolean;
  onSelect?: () => void;
  mono?: boolean;
}) {
  const t = useTranslations('reading');
  const low = confidence < LOW_READ_CONFIDENCE;
  const isNumber = mono || /^[\d*]{8,}$/.test(value);
  const content = (
    <>
      <span className="break-words text-[11px] leading-4 text-slate-600">{label}</span>
      <span className={`break-words leading-4 text-slate-900 ${isNumber ? 'font-mono text-[11px]' : ''} ${low ? 'rounded-sm bg-amber-100 px-0.5' : ''}`}>
        {value}
      </span>
      <span className={`whitespace-nowrap text-right tabular-nums leading-4 ${low ? 'font-semibold text-amber-800' : 'text-slate-600'}`}>
        {low && <span aria-hidden="true">⚠</span>}
        {percent(confidence)}
        {low && <span className="sr-only"> {t('lowConfidence')}</span>}
        {!onSelect && <span className="sr-only">, {t('noBox')}</span>}
      </span>
    </>
  );
  const grid = 'grid w-full grid-cols-[5.5rem_minmax(0,1fr)_auto] items-baseline gap-x-1.5 rounded-sm px-1 py-0.5 text-left';
  if (!onSelect) return <div className={grid}>{content}</div>;
  return (
    <button
      type="button"
      aria-pressed={selected}
      onClick={onSelect}
      className={`${grid} ${selected ? 'bg-orange-50 ring-2 ring-orange-700' : 'hover:bg-slate-100'}`}
    >
      {content}
    </button>
  );
}
