import { getTranslations } from 'next-intl/server';
import { openTicket } from './actions';

export default async function StatusIndex({ searchParams }: { searchParams: Promise<{ e?: string }> }) {
  const t = await getTranslations('statusPage');
  const { e } = await searchParams;
  return (
    <section className="rounded-lg border border-slate-200 bg-white p-5">
      <h1 className="text-xl font-semibold">{t('indexHeading')}</h1>
      <p className="mt-1 text-sm text-slate-700">{t('indexIntro')}</p>
      <form action={openTicket} className="mt-4 flex flex-wrap items-end gap-3">
        <label className="block text-sm font-medium text-slate-800">
          {t('ticketLabel')}
          <input
            name="ticket"
            required
            autoComplete="off"
            aria-describedby="ticket-hint"
            aria-invalid={e === 'format' ? true : undefined}
            className="mt-1 block w-64 rounded border border-slate-400 px-2 py-1.5 font-mono uppercase"
          />
        </label>
        <button type="submit" className="rounded-md bg-brand-700 px-4 py-2 text-sm font-medium text-white">
          {t('open')}
        </button>
      </form>
      <p id="ticket-hint" className={`mt-2 text-sm ${e === 'format' ? 'text-red-800' : 'text-slate-600'}`} role={e === 'format' ? 'alert' : undefined}>
        {t('ticketHint')}
      </p>
    </section>
  );
}
