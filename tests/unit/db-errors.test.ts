import { describe, expect, it } from 'vitest';
import { databaseOutage } from '@/db/errors';

describe('databaseOutage: which failures mean "the database is away, try again"', () => {
  it.each([
    [{ code: 'ECONNREFUSED' }, 'unreachable'],
    [{ code: 'CONNECTION_CLOSED' }, 'unreachable'],
    [{ code: '57P01' }, 'unreachable'], // admin shutdown: the server is stopping
    [{ code: '57P03' }, 'unreachable'], // the database system is starting up
    [{ code: '08006' }, 'unreachable'],
    [{ code: 'CONNECT_TIMEOUT' }, 'timeout'],
    [{ code: '57014' }, 'timeout'], // statement timeout
  ])('%o → %s', (error, kind) => {
    expect(databaseOutage(Object.assign(new Error('x'), error))).toBe(kind);
  });

  it('looks through the cause chain drizzle wraps driver errors in', () => {
    const driver = Object.assign(new Error('write CONNECTION_CLOSED 127.0.0.1:5432'), { code: 'CONNECTION_CLOSED' });
    expect(databaseOutage(new Error('Failed query: select 1', { cause: driver }))).toBe('unreachable');
  });

  it('leaves other failures alone: a constraint violation or a bug is not an outage', () => {
    expect(databaseOutage(Object.assign(new Error('duplicate key'), { code: '23505' }))).toBeNull();
    expect(databaseOutage(new TypeError('x is undefined'))).toBeNull();
    expect(databaseOutage(null)).toBeNull();
  });
});
