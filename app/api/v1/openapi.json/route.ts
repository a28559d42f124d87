import { openApiDocument } from '@/server/services/intake/openapi';

export const dynamic = 'force-static';

export function GET() {
  return Response.json(openApiDocument(), { headers: { 'Access-Control-Allow-Origin': '*' } });
}
