import { openApiDocument } from '@/server/services/openapi';

export const dynamic = 'force-static';

export function GET() {
  return Response.json(openApiDocument(), { headers: { 'Access-Control-Allow-Origin': '*' } });
}
