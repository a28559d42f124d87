import { databaseHealth } from '@/server/health';

export const dynamic = 'force-dynamic';

/** Load balancers and `npm start` poll this: 200 when the database answers within a second, 503 with the reason otherwise. */
export async function GET() {
  const health = await databaseHealth();
  return Response.json(health, { status: health.ok ? 200 : 503, headers: { 'Cache-Control': 'no-store' } });
}
