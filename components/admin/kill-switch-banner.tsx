'use client';
import { useQuery } from '@tanstack/react-query';
import { useFormatter, useTranslations } from 'next-intl';
import Link from 'next/link';
import { useTRPC } from '@/lib/trpc';

/**
 * Shown to supervisors and admins on every console page while the global
 * kill switch is on. Re-read every 30 seconds, so a switch made elsewhere
 * shows up without a reload.
 */
export function KillSwitchBanner({ canManage }: { canManage: boolean }) {
  const t = useTranslations('killSwitch');
  const format = useFormatter();
  const trpc = useTRPC();
  const q = useQuery({ ...trpc.policies.killSwitch.queryOptions(), refetchInterval: 30_000 });
  if (!q.data?.on) return null;
  const ks = q.data;
  return (
    <div role="status" className="border-b border-red-300 bg-red-50 px-4 py-2 text-sm text-red-900">
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <strong className="font-semibold">{t('bannerOn')}</strong>
        {ks.reason && <span>{t('bannerReason', { reason: ks.reason })}</span>}
        {ks.changedBy && ks.changedAt && (
          <span className="text-red-800">
            {t('bannerBy', { name: ks.changedBy, time: format.dateTime(ks.changedAt, { dateStyle: 'medium', timeStyle: 'short' }) })}
          </span>
        )}
        {canManage && (
          <Link href="/admin/policies#kill-switch" className="ml-auto font-medium text-red-900 underline">
            {t('manage')}
          </Link>
        )}
      </div>
    </div>
  );
}
