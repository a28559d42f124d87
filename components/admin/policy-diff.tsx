'use client';
import { useTranslations } from 'next-intl';
import { usePolicyFormat } from './policy-format';
import type { FieldChangeView } from './types';

/** The changes of one version against the one it replaced, field by field ("0.90 → 0.85", flags added and removed). */
export function PolicyDiff({ changes, loosening }: { changes: FieldChangeView[]; loosening: string[] }) {
  const t = useTranslations('policy');
  const f = usePolicyFormat();
  if (changes.length === 0) return <p className="text-xs text-slate-600">{t('diff.empty')}</p>;
  const value = (c: FieldChangeView, v: unknown): string => {
    if (v === null || v === undefined) return '—';
    switch (c.field) {
      case 'autoApproveEnabled':
        return v ? t('on') : t('off');
      case 'requireAllDocsValid':
        return v ? t('yes') : t('no');
      case 'minConfidence':
        return f.threshold(v as number);
      case 'qaSampleRate':
        return f.percent(v as number, 0);
      case 'dailyCapPerUnit':
        return f.cap(v as number);
      default:
        return String(v);
    }
  };
  return (
    <dl className="grid grid-cols-[max-content_1fr] gap-x-3 gap-y-0.5 text-xs">
      {changes.map((c) => (
        <div key={c.field} className="contents">
          <dt className={`font-medium ${loosening.includes(c.field) ? 'text-amber-900' : 'text-slate-700'}`}>
            {t(`fields.${c.field}`)}
            {loosening.includes(c.field) && <span aria-hidden="true"> ▲</span>}
          </dt>
          <dd className="text-slate-800">
            {c.field === 'blockedFlags' ? (
              c.from === null ? (
                f.flags(c.to)
              ) : (
                <>
                  {c.added.length > 0 && <span className="mr-2">{t('diff.added', { flags: f.flags(c.added) })}</span>}
                  {c.removed.length > 0 && <span className="font-medium text-amber-900">{t('diff.removed', { flags: f.flags(c.removed) })}</span>}
                </>
              )
            ) : (
              t('diff.change', { from: value(c, c.from), to: value(c, c.to) })
            )}
          </dd>
        </div>
      ))}
    </dl>
  );
}
