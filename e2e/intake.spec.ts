/**
 * The intake API, the pipeline and the status page over real HTTP against the
 * production server (playwright.config.ts starts it with a fresh database):
 * keys are created and revoked in the admin UI, requests go through the REST
 * API, a webhook receiver on 127.0.0.1 verifies every signature, and a citizen
 * checks the status page and asks for a human review.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test, type APIRequestContext, type Browser, type Page } from '@playwright/test';
import { SCHEMAS, type SchemaName } from '@/server/services/intake/openapi';
import { ACCOUNTS, createApiKey, signIn, signInAs } from './helpers';
import { specimenAttachments } from './specimen-uploads';

test.describe.configure({ mode: 'serial' });

/** The receiver's check exactly as docs/webhooks.md tells a channel system to write it (independent of the console's code). */
function verifyLayanan(secret: string, header: string, rawBody: string, toleranceS = 300): boolean {
  const parts = Object.fromEntries(header.split(',').map((p) => p.split('=', 2)));
  const t = Number(parts.t);
  if (!Number.isInteger(t) || Math.abs(Date.now() / 1000 - t) > toleranceS || !parts.v1) return false;
  const expected = createHmac('sha256', secret).update(`${t}.${rawBody}`, 'utf8').digest();
  const given = Buffer.from(parts.v1, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

type Received = { eventId: string; type: string; ticket: string | null; signatureOk: boolean; data: Record<string, unknown> };
const received: Received[] = [];
let webhookSecret = '';
let receiver: Server;
let receiverUrl = '';
let api: APIRequestContext;
let key = '';
let ticket = '';

async function adminPage(browser: Browser): Promise<Page> {
  const page = await browser.newPage();
  await signInAs(page, 'admin');
  return page;
}

const createKey = createApiKey;

const post = (body: unknown, headers: Record<string, string> = {}, k = key) =>
  api.post('/api/v1/submissions', { data: body as object, headers: { authorization: `Bearer ${k}`, ...headers } });

test.beforeAll(async ({ browser, playwright, baseURL }) => {
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const body = JSON.parse(raw) as { type: string; data: Record<string, unknown> };
      received.push({
        eventId: String(req.headers['x-layanan-event-id']),
        type: body.type,
        ticket: (body.data.ticket as string) ?? null,
        signatureOk: verifyLayanan(webhookSecret, String(req.headers['x-layanan-signature'] ?? ''), raw),
        data: body.data,
      });
      res.statusCode = 200;
      res.end();
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', () => r()));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/layanan`;
  api = await playwright.request.newContext({ baseURL });

  const page = await adminPage(browser);
  key = await createKey(page, { unit: 'Disdukcapil Kota Bandung', name: 'Gateway WA uji', rate: 1000 });
  await page.goto('/admin/webhooks');
  await page.getByRole('button', { name: 'Daftarkan webhook' }).click();
  const form = page.getByRole('form', { name: 'Webhook baru' });
  await form.getByLabel('Unit').selectOption({ label: 'Disdukcapil Kota Bandung' });
  await form.getByLabel('Nama').fill('Penerima uji');
  await form.getByLabel('URL penerima').fill(receiverUrl);
  await form.getByRole('button', { name: 'Daftarkan' }).click();
  webhookSecret = await page.getByTestId('new-webhook-secret').inputValue();
  expect(webhookSecret).toMatch(/^whsec_/);
  await page.close();
});

test.afterAll(async () => {
  await api?.dispose();
  await new Promise((r) => receiver?.close(r));
});

test('the OpenAPI document matches the handlers: every example gets its documented status and shape', async () => {
  const res = await api.get('/api/v1/openapi.json');
  expect(res.status()).toBe(200);
  const doc = await res.json();
  expect(doc.openapi).toBe('3.1.0');
  const op = doc.paths['/api/v1/submissions'].post;
  const examples = Object.entries(op.requestBody.content['application/json'].examples) as [string, { value: unknown; 'x-expect-status': number }][];
  expect(examples.length).toBeGreaterThanOrEqual(4);
  for (const [name, ex] of examples) {
    const r = await post(ex.value, { 'idempotency-key': `contract-${name}-${Date.now()}` });
    expect(r.status(), name).toBe(ex['x-expect-status']);
    const documented = op.responses[String(r.status())];
    expect(documented, `status ${r.status()} is documented`).toBeTruthy();
    const schemaName = documented.content['application/json'].schema.$ref.split('/').pop() as SchemaName;
    expect(doc.components.schemas[schemaName]).toBeTruthy();
    const parsed = SCHEMAS[schemaName].safeParse(await r.json());
    expect(parsed.success, `${name}: body matches ${schemaName}`).toBe(true);
  }
  // The other documented refusals, with the shape the document promises.
  const unauth = await api.post('/api/v1/submissions', { data: {} });
  expect(unauth.status()).toBe(401);
  expect(SCHEMAS.Error.safeParse(await unauth.json()).success).toBe(true);
  expect(op.responses['401']).toBeTruthy();
  const get = doc.paths['/api/v1/submissions/{ticket}'].get;
  const missing = await api.get('/api/v1/submissions/BDG-2026-999999', { headers: { authorization: `Bearer ${key}` } });
  expect(missing.status()).toBe(404);
  expect(get.responses['404']).toBeTruthy();
});

test('a retry with the same Idempotency-Key returns the same ticket; another body under that key is refused', async () => {
  const doc = await (await api.get('/api/v1/openapi.json')).json();
  const example = doc.paths['/api/v1/submissions'].post.requestBody.content['application/json'].examples.valid.value;
  // The example's one-pixel images would be read as unreadable: send the citizen's real (specimen) documents.
  const body = { ...example, attachments: await specimenAttachments(example.citizen) };
  const idem = `e2e-${Date.now()}`;
  const first = await post(body, { 'idempotency-key': idem });
  expect(first.status()).toBe(201);
  const created = await first.json();
  ticket = created.ticket;
  expect(ticket).toMatch(/^BDG-\d{4}-\d{6}$/);
  // The demo seed already used BDG numbers: intake continues after the highest.
  expect(Number(ticket.slice(-6))).toBeGreaterThan(100);
  const retry = await post(body, { 'idempotency-key': idem });
  expect(retry.status()).toBe(201);
  expect(retry.headers()['idempotency-replayed']).toBe('true');
  expect((await retry.json()).ticket).toBe(ticket);
  const other = await post({ ...body, message: 'Pesan yang berbeda untuk kunci yang sama.' }, { 'idempotency-key': idem });
  expect(other.status()).toBe(422);
  expect((await other.json()).error.code).toBe('IDEMPOTENCY_KEY_REUSED');

  const status = await api.get(`/api/v1/submissions/${ticket}`, { headers: { authorization: `Bearer ${key}` } });
  expect(status.status()).toBe(200);
  expect(SCHEMAS.SubmissionStatus.safeParse(await status.json()).success).toBe(true);
});

test('the pipeline drafts the submission in the server and the webhook receiver verifies every signature', async () => {
  await expect
    .poll(() => received.filter((r) => r.ticket === ticket).map((r) => r.type), { timeout: 30_000 })
    .toEqual(expect.arrayContaining(['submission.received', 'submission.status_changed']));
  const changed = received.find((r) => r.ticket === ticket && r.type === 'submission.status_changed')!;
  expect(changed.data).toMatchObject({ status: { from: 'drafting', to: 'pending_review' } });
  expect(received.every((r) => r.signatureOk)).toBe(true);
  expect(new Set(received.map((r) => r.eventId)).size).toBe(received.length);
  const status = await (await api.get(`/api/v1/submissions/${ticket}`, { headers: { authorization: `Bearer ${key}` } })).json();
  expect(status.status).toBe('pending_review');
});

test('invalid input is answered with 400 and field errors; wrong media type and broken JSON too', async () => {
  const doc = await (await api.get('/api/v1/openapi.json')).json();
  const body = structuredClone(doc.paths['/api/v1/submissions'].post.requestBody.content['application/json'].examples.valid.value);
  body.form.tanggal_lahir = '2090-01-01';
  body.citizen.phone = '12345';
  delete body.form.alasan;
  const r = await post(body);
  expect(r.status()).toBe(400);
  expect(await r.json()).toEqual({
    error: {
      code: 'VALIDATION_FAILED',
      message: expect.any(String),
      fields: {
        'citizen.phone': expect.stringContaining('mobile number'),
        'form.tanggal_lahir': 'tanggal_lahir cannot be in the future',
        'form.alasan': 'must be baru, hilang or rusak',
      },
    },
  });
  const text = await api.post('/api/v1/submissions', { data: 'service=ktp-el', headers: { authorization: `Bearer ${key}`, 'content-type': 'text/plain' } });
  expect(text.status()).toBe(415);
  const broken = await api.post('/api/v1/submissions', {
    data: Buffer.from('{"service":'),
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
  });
  expect(broken.status()).toBe(400);
  expect((await broken.json()).error.code).toBe('INVALID_JSON');
});

test('an oversized attachment is refused with 413 and the field that is too large', async () => {
  const doc = await (await api.get('/api/v1/openapi.json')).json();
  const body = structuredClone(doc.paths['/api/v1/submissions'].post.requestBody.content['application/json'].examples.valid.value);
  const big = Buffer.alloc(2 * 1024 * 1024 + 1, 0x20);
  big.write('%PDF-1.4');
  body.attachments = [{ docType: 'kk', filename: 'kk-besar.pdf', mime: 'application/pdf', contentBase64: big.toString('base64') }];
  const r = await post(body);
  expect(r.status()).toBe(413);
  expect(await r.json()).toMatchObject({
    error: { code: 'ATTACHMENT_TOO_LARGE', fields: { 'attachments.0.contentBase64': expect.stringContaining('exceeds') } },
  });
});

test("a revoked key is refused with 401; another unit cannot read this unit's tickets", async ({ browser }) => {
  const page = await adminPage(browser);
  const temp = await createKey(page, { unit: 'Disdukcapil Kota Bandung', name: 'Kunci sementara', rate: 100 });
  const sleman = await createKey(page, { unit: 'Disdukcapil Kabupaten Sleman', name: 'Portal Sleman', rate: 100 });
  const ok = await api.get(`/api/v1/submissions/${ticket}`, { headers: { authorization: `Bearer ${temp}` } });
  expect(ok.status()).toBe(200);
  const foreign = await api.get(`/api/v1/submissions/${ticket}`, { headers: { authorization: `Bearer ${sleman}` } });
  expect(foreign.status()).toBe(404);

  page.once('dialog', (d) => void d.accept());
  await page.getByRole('button', { name: 'Cabut Kunci sementara' }).click();
  await expect(page.getByRole('row', { name: /Kunci sementara/ })).toContainText('Dicabut');
  const refused = await api.get(`/api/v1/submissions/${ticket}`, { headers: { authorization: `Bearer ${temp}` } });
  expect(refused.status()).toBe(401);
  expect((await refused.json()).error.code).toBe('UNAUTHORIZED');
  const refusedPost = await post({}, {}, temp);
  expect(refusedPost.status()).toBe(401);
  await page.reload();
  await expect(page.getByRole('row', { name: /Kunci sementara/ })).toContainText('Dicabut');
  await page.screenshot({ path: 'docs/screenshots/admin-api-clients.png', fullPage: true });
  await page.close();
});

test('the per-key rate limit answers 429 with Retry-After', async ({ browser }) => {
  const page = await adminPage(browser);
  const slow = await createKey(page, { unit: 'Disdukcapil Kota Bandung', name: 'Kunci lambat', rate: 3 });
  await page.close();
  const codes: number[] = [];
  let retryAfter = '';
  for (let i = 0; i < 4; i++) {
    const r = await api.get(`/api/v1/submissions/${ticket}`, { headers: { authorization: `Bearer ${slow}` } });
    codes.push(r.status());
    if (r.status() === 429) retryAfter = r.headers()['retry-after'];
  }
  expect(codes).toEqual([200, 200, 200, 429]);
  expect(Number(retryAfter)).toBeGreaterThan(0);
});

test('the citizen sees the status with the NIK digits only, the deciding officer, and can ask for a human review', async ({ browser }) => {
  test.setTimeout(120_000);
  // An officer decides the ticket that came in through the API.
  const officer = await browser.newPage();
  await signInAs(officer, 'officer');
  await officer.goto('/queue');
  await officer.getByRole('table').getByRole('link', { name: ticket }).click();
  await expect(officer.getByRole('heading', { name: ticket })).toBeVisible();
  await officer.getByRole('button', { name: /^Setujui/ }).click();
  await expect(officer).toHaveURL(/\/queue\?done=/);
  await officer.close();

  const citizen = await browser.newPage();
  await citizen.goto('/status');
  await citizen.getByLabel('Nomor tiket').fill(ticket.toLowerCase());
  await citizen.getByRole('button', { name: 'Lihat status' }).click();
  await expect(citizen.getByRole('heading', { name: `Tiket ${ticket}` })).toBeVisible();
  await citizen.getByLabel('4 digit terakhir NIK').fill('9999');
  await citizen.getByRole('button', { name: 'Tampilkan status' }).click();
  await expect(citizen.locator('main').getByRole('alert')).toContainText('tidak cocok');
  // An unknown ticket gets exactly the same answer.
  await citizen.goto('/status/BDG-2026-999998');
  await citizen.getByLabel('4 digit terakhir NIK').fill('0001');
  await citizen.getByRole('button', { name: 'Tampilkan status' }).click();
  const unknownText = await citizen.locator('main').getByRole('alert').textContent();
  await citizen.goto(`/status/${ticket}`);
  await citizen.getByLabel('4 digit terakhir NIK').fill('9998');
  await citizen.getByRole('button', { name: 'Tampilkan status' }).click();
  expect(await citizen.locator('main').getByRole('alert').textContent()).toBe(unknownText);

  await citizen.getByLabel('4 digit terakhir NIK').fill('0001');
  await citizen.getByRole('button', { name: 'Tampilkan status' }).click();
  await expect(citizen.getByRole('heading', { level: 1 })).toContainText('Disetujui');
  await expect(citizen.getByTestId('decided-by')).toContainText('dengan bantuan AI');
  await expect(citizen.getByTestId('decided-by')).toContainText('Rina Kartika Sari');
  await citizen.screenshot({ path: 'docs/screenshots/status-page.png', fullPage: true });

  await citizen.getByLabel('Alasan Anda (wajib)').fill('Saya mohon diperiksa ulang oleh petugas lain, data KK saya sudah diperbarui.');
  await citizen.getByRole('button', { name: 'Minta peninjauan' }).click();
  await expect(citizen.locator('main').getByRole('status')).toContainText('Permintaan peninjauan Anda telah kami terima');
  await expect(citizen.getByRole('heading', { level: 1 })).toContainText('Menunggu pemeriksaan petugas');
  await expect(citizen.getByRole('button', { name: 'Minta peninjauan' })).toHaveCount(0);
  await expect.poll(() => received.some((r) => r.ticket === ticket && r.type === 'submission.objection_received'), { timeout: 15_000 }).toBe(true);
  await citizen.close();

  // The officer who decided does not get it back; a colleague does.
  const same = await browser.newPage();
  await signInAs(same, 'officer');
  await same.goto('/queue');
  await same.getByRole('table').getByRole('link', { name: ticket }).click();
  await expect(same.locator('main').getByRole('alert').first()).toBeVisible();
  await same.close();
  const colleague = await browser.newPage();
  await signIn(colleague, ACCOUNTS.officer.replace('petugas.', 'petugas2.'));
  await expect(colleague).toHaveURL(/\/queue/);
  await colleague.getByRole('table').getByRole('link', { name: ticket }).click();
  await expect(colleague.getByText(/Dipegang Anda · sisa/)).toBeVisible();
  await colleague.close();
});
