import { useTranslations } from 'next-intl';
import { DOC_TYPES } from '@/lib/vocabulary';

/** What a reply may carry (the intake API's own limits, given by the page). */
export type ReplyLimits = { maxFiles: number; maxBytes: number };

const ACCEPT = '.jpg,.jpeg,.png,.webp,.pdf,.svg,image/jpeg,image/png,image/webp,application/pdf,image/svg+xml';

/**
 * The citizen's answer to a request for more documents: a message and files.
 * A plain form post to a server action, so it works before (or without) the
 * page's JavaScript; a refusal comes back as `?e=` and is said here.
 */
export function ReplyForm({
  ticket,
  action,
  limits,
  error,
  errorFile,
}: {
  ticket: string;
  action: (f: FormData) => Promise<void>;
  limits: ReplyLimits;
  error?: string;
  errorFile?: number;
}) {
  const t = useTranslations('statusPage');
  const td = useTranslations('docType');
  const mb = Math.round((limits.maxBytes / (1024 * 1024)) * 10) / 10;
  const problem =
    error === 'reply_message'
      ? t('replyMessageRequired')
      : error === 'reply_file'
        ? t('replyFileRefused', { n: errorFile ?? 1 })
        : error === 'reply_too_large'
          ? t('replyFileTooLarge', { n: errorFile ?? 1, mb })
          : error === 'reply_too_many'
            ? t('replyTooMany', { count: limits.maxFiles })
            : null;
  const messageWrong = error === 'reply_message';
  const filesWrong = problem !== null && !messageWrong;
  return (
    <section className="rounded-lg border border-amber-300 bg-white p-5" aria-labelledby="reply-heading">
      <h2 id="reply-heading" className="text-lg font-semibold">
        {t('replyHeading')}
      </h2>
      <p className="mt-1 text-sm text-slate-700">{t('replyIntro')}</p>
      {problem && (
        <p id="reply-error" role="alert" className="mt-2 rounded-md border border-red-200 bg-red-50 p-2 text-sm text-red-800">
          {problem}
        </p>
      )}
      <form action={action} className="mt-3 space-y-3">
        <input type="hidden" name="ticket" value={ticket} />
        <label className="block text-sm font-medium text-slate-800">
          {t('replyMessageLabel')}
          <textarea
            name="message"
            required
            maxLength={4000}
            rows={4}
            aria-invalid={messageWrong || undefined}
            aria-describedby={messageWrong ? 'reply-error' : undefined}
            className="mt-1 block w-full rounded border border-slate-400 px-2 py-1.5"
          />
        </label>
        <label className="block text-sm font-medium text-slate-800">
          {t('replyDocTypeLabel')}
          <select name="docType" defaultValue="other" className="mt-1 block rounded border border-slate-400 px-2 py-1.5">
            {DOC_TYPES.map((d) => (
              <option key={d} value={d}>
                {td(d)}
              </option>
            ))}
          </select>
        </label>
        <div>
          <label htmlFor="reply-files" className="block text-sm font-medium text-slate-800">
            {t('replyFilesLabel')}
          </label>
          <input
            id="reply-files"
            type="file"
            name="files"
            multiple
            accept={ACCEPT}
            aria-invalid={filesWrong || undefined}
            aria-describedby={filesWrong ? 'reply-files-hint reply-error' : 'reply-files-hint'}
            className="mt-1 block text-sm"
          />
          <p id="reply-files-hint" className="mt-1 text-xs text-slate-600">
            {t('replyFilesHint', { count: limits.maxFiles, mb })}
          </p>
        </div>
        <button type="submit" className="rounded-md bg-brand-700 px-4 py-2 text-sm font-medium text-white">
          {t('replySubmit')}
        </button>
      </form>
    </section>
  );
}
