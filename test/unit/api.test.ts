import { afterEach, describe, expect, it } from 'vitest';
import { API_CALLS, channelOf } from '../../src/shared/api-names';
import { contract } from '../../src/shared/contract';
import { createHandlers } from '../../src/main/api/handlers';
import { dispatch } from '../../src/main/api/dispatch';
import { LATEST_VERSION } from '../../src/main/ledger/migrations';
import { tempLedger } from '../helpers/ledger';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});
function setup() {
  const t = tempLedger();
  cleanups.push(t.cleanup);
  const handlers = createHandlers({ ledger: t.ledger, appVersion: '9.9.9' });
  const logged: string[] = [];
  const call = (name: unknown, input?: unknown) => dispatch(handlers, t.ledger, name, input, (m) => logged.push(m));
  return { ...t, handlers, call, logged };
}

describe('the API contract', () => {
  it('has one entry per call name, and main implements exactly those calls', () => {
    const { handlers } = setup();
    expect(Object.keys(contract).sort()).toEqual([...API_CALLS].sort());
    expect(Object.keys(handlers).sort()).toEqual([...API_CALLS].sort());
    expect(new Set(API_CALLS.map(channelOf)).size).toBe(API_CALLS.length);
  });

  it('getInfo answers the ledger path, level and counts in an ok envelope', async () => {
    const { call, path } = setup();
    const result = await call('getInfo', {});
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value).toMatchObject({ ledgerPath: path, appVersion: '9.9.9', migrationLevel: LATEST_VERSION });
    expect((result.value as { counts: Record<string, number> }).counts.regions).toBe(212);
  });

  it('rejects input that breaks the schema with invalid_input and a reason, changing nothing', async () => {
    const { call } = setup();
    const before = await call('getSettings', {});
    const result = await call('updateSettings', { clerkName: '   ' });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    if (!result.ok) expect(result.error.details?.reason).toMatch(/clerkName/);
    expect(await call('getSettings', {})).toEqual(before);
    const extra = await call('getInfo', { sneaky: true });
    expect(extra).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const wrongType = await call('listRegions', { provinceCode: 7 });
    expect(wrongType).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('answers an unknown call with unknown_call, not an exception', async () => {
    const { call } = setup();
    expect(await call('dropAllTables', {})).toMatchObject({ ok: false, error: { code: 'unknown_call' } });
    expect(await call(undefined, {})).toMatchObject({ ok: false, error: { code: 'unknown_call' } });
  });

  it('saves settings with an audit entry per changed field under one operation', async () => {
    const { call, ledger } = setup();
    const saved = await call('updateSettings', { language: 'en', clerkName: '김영호' });
    expect(saved).toEqual({ ok: true, value: { language: 'en', clerkName: '김영호', clerkNameSet: true } });
    const audit = ledger.db
      .prepare('SELECT a.field, a.new_value, a.clerk, o.kind FROM audit_log a JOIN operations o ON o.id = a.operation_id ORDER BY a.id')
      .all();
    expect(audit).toEqual([
      { field: 'ui.language', new_value: 'en', clerk: '김영호', kind: 'settings' },
      { field: 'clerk.name', new_value: '김영호', clerk: '김영호', kind: 'settings' },
    ]);
    expect(ledger.db.prepare('SELECT count(*) AS n FROM operations').get()).toEqual({ n: 1 });
    // Saving the same values again records nothing.
    await call('updateSettings', { language: 'en' });
    expect(ledger.db.prepare('SELECT count(*) AS n FROM audit_log').get()).toEqual({ n: 2 });
  });

  it('lists regions, all or of one province', async () => {
    const { call } = setup();
    const all = await call('listRegions', {});
    if (!all.ok) throw new Error('listRegions failed');
    const value = all.value as { provinces: { code: string }[]; units: { provinceCode: string; nameKo: string }[] };
    expect(value.provinces).toHaveLength(13);
    expect(value.units).toHaveLength(199);
    const kangwon = await call('listRegions', { provinceCode: 'kangwon' });
    if (!kangwon.ok) throw new Error('listRegions failed');
    const units = (kangwon.value as typeof value).units;
    expect(units.every((u) => u.provinceCode === 'kangwon')).toBe(true);
    expect(units.map((u) => u.nameKo)).toContain('회양군');
  });

  it('reports a failure it did not expect as internal, logged with its cause, never a stack to the clerk', async () => {
    const { call, ledger, logged } = setup();
    ledger.db.exec('DROP TABLE settings');
    const result = await call('getSettings', {});
    expect(result).toEqual({ ok: false, error: { code: 'internal', message: 'call getSettings failed' } });
    expect(logged).toEqual(['call getSettings failed']);
  });

  it('checkLedger reports ok on a sound ledger', async () => {
    const { call } = setup();
    expect(await call('checkLedger', {})).toEqual({ ok: true, value: { ok: true, problems: [] } });
  });
});

describe('what a clerk reads for a rejected input', () => {
  it('names the field and the rule in Korean or English, never the validator’s English', async () => {
    const { errorSentence } = await import('../../src/shared/i18n');
    const { call } = setup();
    const empty = await call('updateSettings', { clerkName: '' });
    if (empty.ok) throw new Error('expected a refusal');
    expect(empty.error.details).toMatchObject({ field: 'clerkName', rule: 'required' });
    expect(errorSentence(empty.error, 'ko')).toBe('입력값이 올바르지 않습니다. «담당자 이름» 칸을 채우십시오.');
    expect(errorSentence(empty.error, 'en')).toBe('The input is not valid. Fill in “Clerk name”.');
    const long = await call('updateSettings', { clerkName: '김'.repeat(61) });
    if (long.ok) throw new Error('expected a refusal');
    expect(errorSentence(long.error, 'ko')).toBe('입력값이 올바르지 않습니다. «담당자 이름»은(는) 60자를 넘을 수 없습니다.');
    const language = await call('updateSettings', { language: 'fr' });
    if (language.ok) throw new Error('expected a refusal');
    expect(errorSentence(language.error, 'en')).toBe('The input is not valid. “Display language” has a value that is not allowed.');
    const extra = await call('getInfo', { sneaky: 1 });
    if (extra.ok) throw new Error('expected a refusal');
    expect(errorSentence(extra.error, 'en')).toBe('The input is not valid. An unknown item “sneaky” was sent.');
  });
});
