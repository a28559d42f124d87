/**
 * Kemendagri region codes (province, kota/kabupaten, kecamatan) from the
 * idn-area-data package. The first six digits of a NIK or KK number are a
 * kecamatan code, so checking them against the official list catches typos
 * and invented numbers without any network call.
 *
 * The CSVs are read from disk once, on first use: importing this module costs
 * nothing, and the ~7,000 kecamatan rows stay cached for the process.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

export type District = {
  /** Dotted code, e.g. 32.73.01 */
  code: string;
  name: string;
  regencyCode: string;
  /** Title case, e.g. "Kota Bandung" */
  regencyName: string;
  provinceCode: string;
  /** Title case, e.g. "Jawa Barat" */
  provinceName: string;
};

export type Regency = { code: string; name: string; provinceCode: string; provinceName: string };

type RegionData = {
  districts: Map<string, District>;
  regencies: Map<string, Regency>;
  provinces: Map<string, string>;
  byRegency: Map<string, District[]>;
};

let cache: RegionData | null = null;

// Acronyms that must not be title-cased ("DKI Jakarta", not "Dki Jakarta").
const KEEP_UPPER = new Set(['DKI', 'DI']);

export function titleCase(name: string): string {
  return name
    .toLowerCase()
    .split(/(\s+|-)/)
    .map((part) => (KEEP_UPPER.has(part.toUpperCase()) ? part.toUpperCase() : part.charAt(0).toUpperCase() + part.slice(1)))
    .join('')
    .replace(/^Daerah Istimewa /, 'DI ');
}

/**
 * Where the package's data folder is. Under a bundler (Next.js server chunks)
 * `import.meta.url` may not point into the project, so resolving from the
 * working directory is the fallback; both end at the same installed package.
 */
function dataDir(): string {
  // A non-literal specifier keeps bundlers from replacing the call with a module id.
  const specifier = ['idn-area-data', 'package.json'].join('/');
  const bases = [import.meta.url, path.join(process.cwd(), 'package.json')];
  for (const base of bases) {
    try {
      const resolved: unknown = createRequire(base).resolve(specifier);
      if (typeof resolved === 'string') return path.join(path.dirname(resolved), 'data');
    } catch {
      // try the next base
    }
  }
  return path.join(process.cwd(), 'node_modules', 'idn-area-data', 'data');
}

/** The CSVs are plain (no quoted fields): one header line, then `code,parent,name`. */
function readRows(dir: string, file: string): string[][] {
  const text = readFileSync(path.join(dir, file), 'utf8');
  return text
    .split(/\r?\n/)
    .slice(1)
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const first = line.indexOf(',');
      if (file === 'provinces.csv') return [line.slice(0, first), line.slice(first + 1)];
      const second = line.indexOf(',', first + 1);
      return [line.slice(0, first), line.slice(first + 1, second), line.slice(second + 1)];
    });
}

function load(): RegionData {
  if (cache) return cache;
  const dir = dataDir();
  const provinces = new Map<string, string>();
  for (const [code, name] of readRows(dir, 'provinces.csv')) provinces.set(code, titleCase(name));
  const regencies = new Map<string, Regency>();
  for (const [code, provinceCode, name] of readRows(dir, 'regencies.csv')) {
    regencies.set(code, { code, name: titleCase(name), provinceCode, provinceName: provinces.get(provinceCode) ?? '' });
  }
  const districts = new Map<string, District>();
  const byRegency = new Map<string, District[]>();
  for (const [code, regencyCode, name] of readRows(dir, 'districts.csv')) {
    const regency = regencies.get(regencyCode);
    if (!regency) continue;
    const d: District = {
      code,
      name,
      regencyCode,
      regencyName: regency.name,
      provinceCode: regency.provinceCode,
      provinceName: regency.provinceName,
    };
    districts.set(code, d);
    const list = byRegency.get(regencyCode) ?? [];
    list.push(d);
    byRegency.set(regencyCode, list);
  }
  cache = { districts, regencies, provinces, byRegency };
  return cache;
}

/** '327301' or '32.73.01' → '32.73.01'; anything else → null. */
export function toDistrictCode(code: string): string | null {
  const digits = code.replace(/\./g, '');
  if (!/^\d{6}$/.test(digits)) return null;
  return `${digits.slice(0, 2)}.${digits.slice(2, 4)}.${digits.slice(4, 6)}`;
}

/** The kecamatan named by the first six digits of a NIK or KK number. */
export function districtByNikPrefix(code6: string): District | null {
  const code = toDistrictCode(code6.slice(0, code6.includes('.') ? 8 : 6));
  if (!code) return null;
  return load().districts.get(code) ?? null;
}

/** All kecamatan of a kota/kabupaten ('32.73'), in code order. */
export function districtsOfRegency(regencyCode: string): District[] {
  return [...(load().byRegency.get(regencyCode) ?? [])];
}

export function regencyByCode(regencyCode: string): Regency | null {
  return load().regencies.get(regencyCode) ?? null;
}
