import NextAuth from 'next-auth';
import { authOptions } from '@/server/auth';
import { refuseCrossSite } from '@/server/http-guards';

const handler = NextAuth(authOptions);

type Ctx = { params: Promise<{ nextauth: string[] }> };

/** next-auth's routes read and set the session cookie: the same cross-site guard as every other such route. */
async function guarded(req: Request, ctx: Ctx) {
  return refuseCrossSite(req) ?? handler(req, ctx);
}

export { guarded as GET, guarded as POST };
