import { expect, test, type APIResponse, type Page } from '@playwright/test';
import { signInAs } from './helpers';

/** The policy's directives by name. */
function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...values]) => [name, values]),
  );
}

function nonceOf(res: APIResponse): string {
  const csp = res.headers()['content-security-policy'] ?? '';
  const script = directives(csp).get('script-src') ?? [];
  const nonce = script.map((s) => s.match(/^'nonce-([A-Za-z0-9+/=]+)'$/)?.[1]).find(Boolean);
  expect(nonce, `a nonce in script-src of ${res.url()}: ${csp}`).toBeTruthy();
  return nonce!;
}

function expectSecurityHeaders(res: APIResponse) {
  const h = res.headers();
  const where = res.url();
  const csp = directives(h['content-security-policy'] ?? '');
  const script = csp.get('script-src') ?? [];
  expect(script, `script-src of ${where}`).toContain("'strict-dynamic'");
  expect(script, `script-src of ${where}`).not.toContain("'unsafe-inline'");
  expect(script, `script-src of ${where}`).not.toContain("'unsafe-eval'");
  expect(csp.get('frame-ancestors'), `frame-ancestors of ${where}`).toEqual(["'none'"]);
  expect(csp.get('object-src'), `object-src of ${where}`).toEqual(["'none'"]);
  expect(h['x-powered-by'], `X-Powered-By of ${where}`).toBeUndefined();
  expect(h['referrer-policy'], `Referrer-Policy of ${where}`).toBe('same-origin');
  expect(h['permissions-policy'], `Permissions-Policy of ${where}`).toContain('camera=()');
  expect(h['x-frame-options'], `X-Frame-Options of ${where}`).toBe('DENY');
  expect(h['x-content-type-options'], `X-Content-Type-Options of ${where}`).toBe('nosniff');
  // Served over plain http here (NEXTAUTH_URL is http://localhost:…): no HSTS, whatever a client claims.
  expect(h['strict-transport-security'], `HSTS of ${where}`).toBeUndefined();
}

test('pages and API routes send a nonce-based CSP, no framing, and the other security headers', async ({ request }) => {
  const targets: { path: string; method?: 'GET' | 'POST' }[] = [
    { path: '/login' },
    { path: '/status' },
    // Unauthenticated: a redirect to the login page, still with the headers.
    { path: '/queue' },
    { path: '/api/health' },
    { path: '/api/auth/csrf' },
    { path: '/api/v1/openapi.json' },
    { path: '/api/trpc/queue.list' },
    { path: '/api/v1/submissions', method: 'POST' },
  ];
  for (const { path, method = 'GET' } of targets) {
    const first = await request.fetch(path, { method, maxRedirects: 0, headers: { 'X-Forwarded-Proto': 'https' } });
    const second = await request.fetch(path, { method, maxRedirects: 0 });
    expectSecurityHeaders(first);
    expectSecurityHeaders(second);
    expect(nonceOf(first), `a fresh nonce per response of ${path}`).not.toBe(nonceOf(second));
  }

  // Next put this response's nonce on every script of the page, inline or not.
  const login = await request.get('/login');
  const nonce = nonceOf(login);
  const scripts = [...(await login.text()).matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
  expect(scripts.length).toBeGreaterThan(0);
  for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
});

type Violation = { directive: string; blocked: string; sample: string; page: string };

/** Collects CSP violations the browser reports, as events in the page and as console errors. */
async function watchViolations(page: Page): Promise<Violation[]> {
  const found: Violation[] = [];
  await page.exposeFunction('__reportCspViolation', (v: Omit<Violation, 'page'>) => found.push({ ...v, page: page.url() }));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      (window as unknown as { __reportCspViolation: (v: unknown) => void }).__reportCspViolation({
        directive: e.violatedDirective,
        blocked: e.blockedURI,
        sample: e.sample,
      });
    });
  });
  page.on('console', (msg) => {
    if (msg.type() === 'error' && /Content Security Policy|Refused to (load|execute|apply|frame|connect)/i.test(msg.text())) {
      found.push({ directive: 'console', blocked: '', sample: msg.text(), page: page.url() });
    }
  });
  return found;
}

async function visit(page: Page, path: string) {
  const res = await page.goto(path);
  expect(res?.status(), `${path} answers`).toBeLessThan(400);
  await page.waitForLoadState('networkidle');
}

test('the login page, the citizen status page and the console pages run without a CSP violation', async ({ browser }) => {
  test.setTimeout(180_000);
  const anonymous = await browser.newPage();
  const violations = await watchViolations(anonymous);
  await visit(anonymous, '/login');
  await visit(anonymous, '/status');
  await anonymous.getByLabel('Nomor tiket').fill('BDG-2026-000001');
  await anonymous.getByRole('button', { name: 'Lihat status' }).click();
  await anonymous.waitForLoadState('networkidle');
  // The page's own scripts ran: the login form signs in (client-side next-auth).
  await signInAs(anonymous, 'officer');
  await anonymous.waitForLoadState('networkidle');
  await expect(anonymous.getByRole('heading', { name: 'Antrean kerja' })).toBeVisible();
  const review = await anonymous.getByRole('table').getByRole('link').first().getAttribute('href');
  await visit(anonymous, review!);
  await expect(anonymous.getByRole('heading', { name: 'Saran AI' })).toBeVisible();
  if ((await anonymous.getByRole('tab').count()) > 0) {
    await anonymous.getByRole('tab').first().click();
    await expect(anonymous.getByRole('tabpanel').locator('img, iframe').first()).toBeVisible();
    await anonymous.waitForLoadState('networkidle');
  }
  await anonymous.getByRole('button', { name: 'Lepaskan' }).click();
  await anonymous.close();

  for (const [role, paths] of [
    [
      'supervisor',
      ['/supervisor', '/supervisor/analytics', '/supervisor/bias', '/supervisor/escalations', '/supervisor/overrides', '/supervisor/qa', '/audit'],
    ],
    [
      'admin',
      [
        '/admin',
        '/admin/users',
        '/admin/units',
        '/admin/services',
        '/admin/reasons',
        '/admin/policies',
        '/admin/api-clients',
        '/admin/webhooks',
        '/admin/knowledge-base',
        '/admin/jobs',
      ],
    ],
  ] as const) {
    const context = await browser.newContext();
    const page = await context.newPage();
    const seen = await watchViolations(page);
    await signInAs(page, role);
    for (const path of paths) await visit(page, path);
    if (role === 'admin') {
      // The last page, /admin/jobs, drew its queue counts (read from the job schema by the route handler's bundle).
      await expect(page.getByRole('cell', { name: 'webhook-delivery', exact: true })).toBeVisible();
    }
    violations.push(...seen);
    await context.close();
  }

  expect(violations).toEqual([]);
});
