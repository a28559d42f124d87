import { describe, expect, it } from 'vitest';
import { jaroWinkler, namesMatch, normaliseName } from '@/server/ai/name-match';

describe('normaliseName', () => {
  it('removes religious and academic titles and punctuation', () => {
    expect(normaliseName('Hj. Siti Aminah, S.Pd.')).toBe(normaliseName('SITI AMINAH'));
    expect(normaliseName('Dr. Ir. H. Bambang Sulistyo, M.M.')).toBe(normaliseName('Bambang Sulistyo'));
    expect(normaliseName('Budi Santoso S.Kom')).toBe(normaliseName('budi santoso'));
  });

  it('maps old spellings and doubled letters onto one form', () => {
    expect(normaliseName('Soekarno')).toBe(normaliseName('Sukarno'));
    expect(normaliseName('Djoko Tjahjono')).toBe(normaliseName('Joko Cahyono'));
    expect(normaliseName('Ellya')).toBe(normaliseName('Elya'));
    expect(normaliseName('M. Rizki')).toBe(normaliseName('Muhammad Rizki'));
  });
});

describe('namesMatch', () => {
  it('matches a form name with titles against the capitals on a KTP', () => {
    expect(namesMatch('Hj. Siti Aminah, S.Pd.', 'SITI AMINAH')).toEqual({ match: true, score: 1 });
  });

  it('matches pre-1972 spellings of the same person', () => {
    expect(namesMatch('SOETRISNO', 'Sutrisno').match).toBe(true);
    expect(namesMatch('Djoko Tjahjono', 'Joko Cahyono').match).toBe(true);
  });

  it('tolerates spacing and a left-out last name', () => {
    expect(namesMatch('Siti Nurhaliza', 'Siti Nur Haliza').match).toBe(true);
    const partial = namesMatch('Rina Kartika', 'Rina Kartika Sari');
    expect(partial.match).toBe(true);
    expect(partial.score).toBeLessThan(1);
  });

  it('does not match different people', () => {
    const m = namesMatch('Siti Aminah', 'Dewi Lestari');
    expect(m.match).toBe(false);
    expect(m.score).toBeLessThan(0.7);
    expect(namesMatch('Budi Santoso', 'Budi Setiawan').match).toBe(false);
    expect(namesMatch('Budi', 'Budi Santoso Wijaya').match).toBe(false);
  });

  it('is symmetric', () => {
    expect(namesMatch('Agus Prasetyo', 'Agus Prasetya')).toEqual(namesMatch('Agus Prasetya', 'Agus Prasetyo'));
  });
});

describe('jaroWinkler', () => {
  it('gives the textbook values', () => {
    expect(jaroWinkler('martha', 'marhta')).toBeCloseTo(0.961, 3);
    expect(jaroWinkler('dixon', 'dicksonx')).toBeCloseTo(0.813, 3);
    expect(jaroWinkler('abc', 'xyz')).toBe(0);
  });
});
