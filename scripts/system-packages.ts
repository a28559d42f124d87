/**
 * Debian packages the console needs besides npm's: Tesseract with its
 * Indonesian data (document reading) and, for the tests, chromium. Installed
 * with apt-get when missing and running as root (as on CI and the demo
 * machines); elsewhere the caller says what is missing and carries on.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { env } from '@/lib/env';

let aptUpdated = false;

/** Where the demo seed and the tests keep page OCR of their deterministic specimens (see TesseractOptions.cacheDir). */
export const OCR_CACHE_DIR = path.join(process.cwd(), 'node_modules/.cache/layanan-ocr');

function apt(packages: string[]): boolean {
  if (process.getuid?.() !== 0) return false;
  const quiet = { stdio: 'inherit' as const, env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } };
  if (!aptUpdated) {
    spawnSync('apt-get', ['update', '-qq'], quiet);
    aptUpdated = true;
  }
  return spawnSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...packages], quiet).status === 0;
}

function hasTesseract(binary: string, lang: string): boolean {
  const out = spawnSync(binary, ['--list-langs'], { encoding: 'utf8' });
  return !out.error && lang.split('+').every((l) => `${out.stdout}`.split(/\s+/).includes(l));
}

/** True when `tesseract` with the Indonesian data is there (installing it if we may). */
export function ensureTesseract(binary = env.TESSERACT_PATH, lang = env.OCR_LANG): boolean {
  if (hasTesseract(binary, lang)) return true;
  console.log('tesseract (ind) missing: installing tesseract-ocr and tesseract-ocr-ind with apt-get');
  apt(['tesseract-ocr', 'tesseract-ocr-ind', 'fonts-dejavu-core']);
  return hasTesseract(binary, lang);
}

export function ensureChromium(exe = env.CHROMIUM_PATH): string | null {
  if (existsSync(exe)) return exe;
  console.log('chromium missing: installing Debian chromium with apt-get');
  apt(['chromium', 'fonts-dejavu-core']);
  return existsSync(exe) ? exe : null;
}

/** A command-line tool from a Debian package (installed with apt-get when missing): its path, or null. */
function ensureTool(command: string, debianPackage: string): string | null {
  const found = () => {
    const out = spawnSync('sh', ['-c', `command -v ${command} || ls /usr/sbin/${command}`], { encoding: 'utf8' });
    return out.status === 0 ? out.stdout.trim().split('\n')[0] : null;
  };
  const have = found();
  if (have) return have;
  console.log(`${command} missing: installing Debian ${debianPackage} with apt-get`);
  apt([debianPackage]);
  return found();
}

/** HAProxy, the load balancer of the multi-instance check (scripts/test-instances.ts). */
export const ensureHaproxy = () => ensureTool('haproxy', 'haproxy');

/** pgbench, the benchmark's baseline (scripts/bench/pgbench.ts). */
export const ensurePgbench = () => ensureTool('pgbench', 'postgresql-client');
