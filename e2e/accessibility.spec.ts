import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Browser, type BrowserContext, type Locator, type Page } from '@playwright/test';
import { ACCOUNTS, PASSWORD } from './helpers';

/**
 * Every page, in both languages, measured with axe against WCAG 2.1 A/AA:
 * no serious or critical violation may remain. Pages are opened the way a
 * person reaches them (signed in with the role that uses them) and measured
 * only once their data is on screen, since the loading state is not what
 * people work with.
 */

type Role = keyof typeof ACCOUNTS;
type Lang = 'id' | 'en';
type StorageState = Awaited<ReturnType<BrowserContext['storageState']>>;

const LANGS: Lang[] = ['id', 'en'];
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

// One sign-in per role for the whole file; every test starts from its cookies.
const signedIn = new Map<Role, StorageState>();
async function stateFor(browser: Browser, role: Role): Promise<StorageState> {
  const cached = signedIn.get(role);
  if (cached) return cached;
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto('/login');
  await page.locator('#email').fill(ACCOUNTS[role]);
  await page.locator('#password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Masuk' }).click();
  await expect(page).not.toHaveURL(/\/login/);
  const state = await context.storageState();
  await context.close();
  signedIn.set(role, state);
  return state;
}

/** A page for this role (or nobody) in this language; the language is the same cookie the switch sets. */
async function pageFor(browser: Browser, role: Role | null, lang: Lang, baseURL: string): Promise<Page> {
  const context = await browser.newContext(role ? { storageState: await stateFor(browser, role) } : {});
  await context.addCookies([{ name: 'NEXT_LOCALE', value: lang, url: baseURL }]);
  return context.newPage();
}

/** Waits until the page shows its content: a heading, no "Memuat…/Loading…", no request in flight. */
async function settle(page: Page, ready?: (page: Page) => Locator) {
  await expect(page.locator('h1').first()).toBeVisible();
  if (ready) await expect(ready(page).first()).toBeVisible();
  await expect(page.getByText(/^(Memuat|Loading)\b/)).toHaveCount(0);
  await page.waitForLoadState('networkidle');
}

async function expectAccessible(page: Page, what: string) {
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const report = serious
    .map(
      (v) =>
        `  [${v.impact}] ${v.id}: ${v.help}\n${v.nodes.map((n) => `      ${n.target.join(' ')}${n.failureSummary ? `\n        ${n.failureSummary.replaceAll('\n', '\n        ')}` : ''}`).join('\n')}`,
    )
    .join('\n');
  expect(serious.length, `${what}: ${serious.length} serious/critical WCAG 2.1 AA violation(s)\n${report}`).toBe(0);
}

type PageCase = {
  role: Role | null;
  path: string;
  /** Something that shows the page's data has arrived. */
  ready?: (page: Page) => Locator;
  /** For pages reached through a link on another (detail pages): open that link. */
  via?: string;
  link?: (page: Page) => Locator;
  /** Makes sure there is something to open first (see decidedTicket). */
  prepare?: (browser: Browser, baseURL: string) => Promise<unknown>;
  /** Further states of the page, each measured too: what a person opens on it. */
  states?: { name: string; act: (page: Page) => Promise<void> }[];
};

/** Opens every "show as table" under the charts. */
async function showAllTables(p: Page) {
  const closed = p.locator('figure details:not([open]) > summary');
  for (let n = await closed.count(); n > 0; n--) await closed.first().click();
  await expect(closed).toHaveCount(0);
}

// Opening an event's details and verifying the chain, on the audit explorer.
const AUDIT_STATES: PageCase['states'] = [
  {
    name: 'the chain verified',
    act: async (p) => {
      await p
        .getByRole('button', { name: /^(Verifikasi sekarang|Verify now)/ })
        .first()
        .click();
      await expect(p.getByTestId('verification-status').first()).toBeVisible();
    },
  },
  {
    name: 'an event opened',
    act: async (p) => {
      await p
        .getByTestId('audit-events-table')
        .getByRole('button', { name: /^(Rincian peristiwa|Details of event) #/ })
        .first()
        .click();
      await expect(p.locator('#event-detail-heading')).toBeVisible();
    },
  },
];

const PAGES: PageCase[] = [
  { role: null, path: '/login', ready: (p) => p.locator('#email') },
  {
    role: 'officer',
    path: '/queue',
    ready: (p) => p.locator('a[data-ticket]'),
    states: [
      {
        name: 'the shortcut help open',
        act: async (p) => {
          await p.keyboard.press('?');
          await expect(p.getByRole('dialog')).toBeVisible();
        },
      },
    ],
  },
  { role: 'supervisor', path: '/queue', ready: (p) => p.locator('a[data-ticket]') },
  { role: 'supervisor', path: '/supervisor', ready: (p) => p.getByRole('table') },
  { role: 'supervisor', path: '/supervisor/analytics', ready: (p) => p.getByRole('figure'), states: [{ name: 'every chart as a table', act: showAllTables }] },
  { role: 'supervisor', path: '/supervisor/bias' },
  { role: 'supervisor', path: '/supervisor/escalations' },
  { role: 'supervisor', path: '/supervisor/overrides', ready: (p) => p.locator('a[href^="/supervisor/overrides/"]') },
  {
    role: 'supervisor',
    path: '/supervisor/overrides/[id]',
    via: '/supervisor/overrides',
    link: (p) => p.locator('a[href^="/supervisor/overrides/"]'),
    ready: (p) => p.getByTestId('override-audit'),
  },
  { role: 'supervisor', path: '/supervisor/qa' },
  {
    role: 'supervisor',
    path: '/supervisor/qa/[id]',
    via: '/supervisor/qa',
    link: (p) => p.locator('a[href^="/supervisor/qa/"]'),
    // The demo starts with an empty QA queue: the decision made for the status page is sampled into it.
    prepare: (browser, baseURL) => decidedTicket(browser, baseURL),
  },
  { role: 'supervisor', path: '/audit', ready: (p) => p.getByTestId('audit-events-table'), states: AUDIT_STATES },
  { role: 'admin', path: '/admin', ready: (p) => p.getByRole('table') },
  { role: 'admin', path: '/admin/api-clients' },
  { role: 'admin', path: '/admin/jobs' },
  { role: 'admin', path: '/admin/knowledge-base' },
  { role: 'admin', path: '/admin/policies' },
  { role: 'admin', path: '/admin/policies/ktp-el' },
  { role: 'admin', path: '/admin/reasons', ready: (p) => p.getByRole('table') },
  { role: 'admin', path: '/admin/services' },
  { role: 'admin', path: '/admin/units' },
  { role: 'admin', path: '/admin/users', ready: (p) => p.getByRole('table') },
  { role: 'admin', path: '/admin/webhooks' },
  { role: 'admin', path: '/audit', ready: (p) => p.getByTestId('audit-events-table'), states: AUDIT_STATES },
  { role: 'admin', path: '/supervisor/analytics', ready: (p) => p.getByRole('figure') },
];

for (const lang of LANGS) {
  for (const c of PAGES) {
    test(`${c.path} as ${c.role ?? 'nobody'} (${lang}) has no serious or critical WCAG 2.1 AA violation`, async ({ browser, baseURL }) => {
      await c.prepare?.(browser, baseURL!);
      const page = await pageFor(browser, c.role, lang, baseURL!);
      if (c.via && c.link) {
        await page.goto(c.via);
        await settle(page);
        const link = c.link(page).first();
        await expect(link, `an item to open on ${c.via}`).toBeVisible();
        await link.click();
        await expect(page).not.toHaveURL(new RegExp(`${c.via}$`));
      } else {
        await page.goto(c.path);
      }
      await expect(page.locator('html')).toHaveAttribute('lang', lang);
      await settle(page, c.ready);
      await expectAccessible(page, `${c.path} (${lang})`);
      for (const state of c.states ?? []) {
        await state.act(page);
        await settle(page);
        await expectAccessible(page, `${c.path} with ${state.name} (${lang})`);
      }
      await page.context().close();
    });
  }
}

const intersects = (a: { x: number; y: number; width: number; height: number }, b: typeof a) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** The first queue items, opened one after another until one has a document and form fields; it stays held. */
async function openReviewWithDocumentAndForm(page: Page, formFields: string, release: string) {
  await page.goto('/queue');
  await settle(page, (p) => p.locator('a[data-ticket]'));
  const links = await page.locator('a[data-ticket]').evaluateAll((as) => as.slice(0, 8).map((a) => a.getAttribute('href') ?? ''));
  for (const href of links) {
    await page.goto(href);
    await expect(page.getByText(/Dipegang Anda · sisa|Held by you · .* left/)).toBeVisible();
    await expect(page.getByRole('heading', { level: 3, name: /^(Dokumen|Documents) \(/ })).toBeVisible();
    if ((await page.getByRole('tab').count()) > 0 && (await page.getByLabel(formFields, { exact: true }).count()) > 0) return;
    await page.getByRole('button', { name: release }).click();
    await expect(page).toHaveURL(/\/queue/);
  }
  throw new Error('none of the first queue items has both a document and form fields');
}

for (const lang of LANGS) {
  const text =
    lang === 'id'
      ? {
          formFields: 'Isian formulir',
          show: /^Tampilkan (NIK|No\. KK|Telepon|Alamat)$/,
          release: 'Lepaskan',
          cancel: 'Batal',
          compare: 'Bandingkan dengan draf AI',
        }
      : {
          formFields: 'Form fields',
          show: /^Show (NIK|Family card no\.|Phone|Address)$/,
          release: 'Release',
          cancel: 'Cancel',
          compare: 'Compare with AI draft',
        };

  test(`the review page with a document and every personal-data reveal panel open (${lang}): no violation, and no panel covers the form fields at 1366×768`, async ({
    browser,
    baseURL,
  }) => {
    const page = await pageFor(browser, 'officer', lang, baseURL!);
    await page.setViewportSize({ width: 1366, height: 768 });
    await openReviewWithDocumentAndForm(page, text.formFields, text.release);
    await page.getByRole('tab').first().click();
    await expect(page.getByRole('tabpanel').locator('img, iframe').first()).toBeVisible();
    await settle(page);
    await expectAccessible(page, `review with a document open (${lang})`);
    // The answer compared with the AI's draft (a scrolling box of insertions and deletions).
    await page.getByLabel(text.compare).check();
    await expectAccessible(page, `review comparing the answer with the AI draft (${lang})`);
    await page.getByLabel(text.compare).uncheck();

    // Open every reveal panel (NIK, KK, phone, address: whichever this citizen has).
    const showButtons = page.getByRole('button', { name: text.show });
    const count = await showButtons.count();
    expect(count).toBeGreaterThan(0);
    for (let i = 0; i < count; i++) await showButtons.first().click();
    const panels = page.getByTestId('reveal-panel');
    await expect(panels).toHaveCount(count);
    await expectAccessible(page, `review with the reveal panels open (${lang})`);

    // None of them may lie over the citizen's form fields (each row of that list).
    const form = page.getByLabel(text.formFields, { exact: true });
    const fieldBoxes = await form.locator('dt, dd').evaluateAll((els) =>
      els.map((e) => {
        const r = e.getBoundingClientRect();
        return { text: e.textContent ?? '', x: r.x, y: r.y, width: r.width, height: r.height };
      }),
    );
    expect(fieldBoxes.length).toBeGreaterThan(0);
    for (let i = 0; i < count; i++) {
      const box = (await panels.nth(i).boundingBox())!;
      const hit = fieldBoxes.filter((f) => intersects(box, f)).map((f) => f.text);
      expect(hit, `reveal panel ${i + 1} covers the form fields ${hit.join(', ')}`).toEqual([]);
      // And it stays inside its own column: nothing of it hidden under the other half of the page.
      const column = (await page.getByRole('region', { name: /^(Permohonan warga|Citizen's request)$/ }).boundingBox())!;
      expect(box.x + box.width, `reveal panel ${i + 1} reaches past the citizen's column`).toBeLessThanOrEqual(column.x + column.width + 1);
    }

    for (let i = 0; i < count; i++) await page.getByRole('button', { name: text.cancel, exact: true }).first().click();
    await page.getByRole('button', { name: text.release }).click();
    await expect(page).toHaveURL(/\/queue/);
    await page.context().close();
  });
}

/** The unit's QA sample rate as its input shows it, after setting it to `percent` (null: leave it). */
async function qaSampleRate(browser: Browser, baseURL: string, percent: string | null): Promise<string> {
  const page = await pageFor(browser, 'supervisor', 'id', baseURL);
  await page.goto('/supervisor/qa');
  const input = page.getByLabel(/^Rasio sampel/);
  await expect(input).not.toHaveValue('');
  const before = await input.inputValue();
  if (percent !== null) {
    await input.fill(percent);
    await page.getByRole('button', { name: 'Simpan rasio' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Rasio sampel tersimpan' })).toBeVisible();
  }
  await page.context().close();
  return before;
}

/**
 * A ticket decided here, with the last four NIK digits the citizen would know (read through an
 * audited reveal). The unit samples every decision into QA meanwhile, so the QA queue has an item
 * to open; the rate is put back afterwards for the specs that follow.
 */
let decided: { ticket: string; nik4: string } | null = null;
async function decidedTicket(browser: Browser, baseURL: string) {
  if (decided) return decided;
  const rateBefore = await qaSampleRate(browser, baseURL, '100');
  const page = await pageFor(browser, 'officer', 'id', baseURL);
  await openReviewWithDocumentAndForm(page, 'Isian formulir', 'Lepaskan');
  const ticket = (await page.getByRole('heading', { level: 1 }).textContent())!.trim();
  await page.getByRole('button', { name: 'Tampilkan NIK' }).click();
  await page.getByTestId('reveal-panel').getByRole('button', { name: 'Tampilkan' }).click();
  const nik = page.getByTestId('reveal-nik');
  await expect(nik).toHaveText(/^\d{16}$/);
  const nik4 = (await nik.textContent())!.slice(-4);
  await page.getByLabel('Kode alasan').selectOption({ index: 1 });
  await page.getByLabel(/^Catatan/).fill('Diperiksa untuk uji aksesibilitas halaman status');
  await page.getByRole('button', { name: /^Setujui/ }).click();
  await expect(page).toHaveURL(/\/queue\?done=/);
  await page.context().close();
  await qaSampleRate(browser, baseURL, rateBefore);
  decided = { ticket, nik4 };
  return decided;
}

for (const lang of LANGS) {
  const text =
    lang === 'id'
      ? { ticket: 'Nomor tiket', open: 'Lihat status', nik: '4 digit terakhir NIK', verify: 'Tampilkan status', heading: /^Tiket / }
      : { ticket: 'Ticket number', open: 'See status', nik: 'Last 4 digits of the NIK', verify: 'Show status', heading: /^Ticket / };

  test(`the citizen status page before and after a lookup (${lang}) has no serious or critical WCAG 2.1 AA violation`, async ({ browser, baseURL }) => {
    const { ticket, nik4 } = await decidedTicket(browser, baseURL!);
    const page = await pageFor(browser, null, lang, baseURL!);
    await page.goto('/status');
    await settle(page);
    await expectAccessible(page, `/status (${lang})`);

    await page.getByLabel(text.ticket).fill(ticket);
    await page.getByRole('button', { name: text.open }).click();
    await expect(page.getByRole('heading', { level: 1, name: text.heading })).toBeVisible();
    await expectAccessible(page, `/status/[ticket] asking for the NIK digits (${lang})`);

    // A wrong guess: the error is announced.
    await page.getByLabel(text.nik).fill(nik4 === '0000' ? '1111' : '0000');
    await page.getByRole('button', { name: text.verify }).click();
    await expect(page.locator('main').getByRole('alert')).toBeVisible();
    await expectAccessible(page, `/status/[ticket] after a wrong guess (${lang})`);

    await page.getByLabel(text.nik).fill(nik4);
    await page.getByRole('button', { name: text.verify }).click();
    await expect(page.getByTestId('decided-by')).toBeVisible();
    await expectAccessible(page, `/status/[ticket] after the lookup (${lang})`);
    await page.context().close();
  });
}
