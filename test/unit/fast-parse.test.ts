// The compiled validator of src/main/api/fast-parse.ts against zod itself, over every schema of
// the contract: whatever the compiled path accepts, zod accepts too, with the same value; and the
// calls the grid makes all the time do take the compiled path.
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { rng } from '../../bench/lib/fill-ledger';
import { compileSchema } from '../../src/main/api/fast-parse';
import { contract } from '../../src/shared/contract';
import { API_CALLS } from '../../src/shared/api-names';

type Def = Record<string, any>;
const defOf = (schema: unknown): Def => (schema as { _zod: { def: Def } })._zod.def;

const ODD_VALUES: unknown[] = [undefined, null, '', 'x'.repeat(70), -1, 0, 1.5, NaN, Infinity, true, [], {}, '한글', 2 ** 60, { __proto__: null }];

/** A value for the schema: mostly valid by construction, sometimes off by one in some way. */
function sample(schema: unknown, random: () => number, depth = 0): unknown {
  const def = defOf(schema);
  const odd = random() < 0.06;
  if (odd) return ODD_VALUES[Math.floor(random() * ODD_VALUES.length)];
  const checks = (def.checks ?? []).map((c: any) => c._zod.def);
  const limit = (name: string) => checks.find((c: Def) => c.check === name);
  switch (def.type) {
    case 'string': {
      const min = limit('min_length')?.minimum ?? 0;
      const declaredMax = limit('max_length')?.maximum;
      const max = Math.min(declaredMax ?? 12, 12 + min);
      // Mostly short; sometimes right at a limit or one past it.
      const edges = [min, Math.max(0, min - 1), ...(declaredMax !== undefined ? [declaredMax, declaredMax + 1] : [])];
      const length = random() < 0.2 ? edges[Math.floor(random() * edges.length)]! : min + Math.floor(random() * (max - min + 1));
      return Array.from({ length }, () => '가나a1 '[Math.floor(random() * 5)]).join('');
    }
    case 'number': {
      const int = checks.some((c: Def) => c.format === 'safeint');
      const bounds = checks.filter((c: Def) => c.check === 'greater_than' || c.check === 'less_than').map((c: Def) => c.value as number);
      if (bounds.length > 0 && random() < 0.3) {
        const edge = bounds[Math.floor(random() * bounds.length)]!;
        return edge + [-1, 0, 1, 0.5][Math.floor(random() * 4)]!;
      }
      const n = (random() - 0.3) * 200;
      return int ? Math.round(n) : n;
    }
    case 'boolean':
      return random() < 0.5;
    case 'null':
      return null;
    case 'unknown':
      return random() < 0.5 ? { any: 'thing' } : 3;
    case 'enum': {
      const values = Object.values(def.entries);
      return random() < 0.9 ? values[Math.floor(random() * values.length)] : 'not-a-member';
    }
    case 'literal':
      return def.values[0];
    case 'optional':
    case 'nullable':
    case 'default':
      if (random() < 0.25) return def.type === 'nullable' ? null : undefined;
      return sample(def.innerType, random, depth);
    case 'union':
      return sample(def.options[Math.floor(random() * def.options.length)], random, depth);
    case 'array': {
      const max = Math.min(limit('max_length')?.maximum ?? 3, 3);
      const min = limit('min_length')?.minimum ?? 0;
      const length = depth > 3 ? min : min + Math.floor(random() * (max - min + 1));
      return Array.from({ length }, () => sample(def.element, random, depth + 1));
    }
    case 'record': {
      const out: Record<string, unknown> = {};
      const n = depth > 3 ? 0 : Math.floor(random() * 3);
      for (let i = 0; i < n; i++) {
        const key = sample(def.keyType, random, depth + 1);
        out[typeof key === 'string' ? key : 'k'] = sample(def.valueType, random, depth + 1);
      }
      return out;
    }
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [key, child] of Object.entries(def.shape as Record<string, unknown>)) {
        const value = sample(child, random, depth + 1);
        if (value !== undefined || random() < 0.1) out[key] = value;
      }
      if (random() < 0.05) out.extra = 1;
      return out;
    }
    default:
      return undefined;
  }
}

describe('compiled input validation', () => {
  it('accepts only what zod accepts, and returns exactly what zod returns, for every call', () => {
    const random = rng(20261129);
    let compiled = 0;
    let fastAccepted = 0;
    for (const name of API_CALLS) {
      const schema = contract[name].input as z.ZodType;
      const fast = compileSchema(schema);
      if (!fast) continue;
      compiled++;
      for (let i = 0; i < 400; i++) {
        const input = sample(schema, random);
        const quick = fast(input);
        const slow = schema.safeParse(input);
        if (quick) {
          fastAccepted++;
          expect(slow.success, `${name}: compiled accepted ${JSON.stringify(input)} that zod refuses`).toBe(true);
          expect(quick.value, `${name}: ${JSON.stringify(input)}`).toEqual(slow.data);
        }
      }
    }
    // Most calls compile (only those with trims/refinements stay with zod), and the samples,
    // mostly valid, mostly take the compiled path.
    expect(compiled).toBeGreaterThan(API_CALLS.length / 2);
    expect(fastAccepted).toBeGreaterThan(compiled * 100);
  });

  it('takes the compiled path for a cell edit and a page of rows, and leaves refusals to zod', () => {
    const edit = compileSchema(contract.gridUpdateCell.input)!;
    const query = compileSchema(contract.gridQuery.input)!;
    expect(edit).not.toBeNull();
    expect(query).not.toBeNull();
    expect(edit({ grid: 'persons', id: 5, colId: 'unit', value: '제1234군부대' })).toEqual({
      ok: true,
      value: { grid: 'persons', id: 5, colId: 'unit', value: '제1234군부대' },
    });
    // Defaults filled in as zod fills them.
    expect(query({ grid: 'persons', view: {}, start: 0, count: 100 })).toEqual({
      ok: true,
      value: contract.gridQuery.input.parse({ grid: 'persons', view: {}, start: 0, count: 100 }),
    });
    // Anything wrong: zod decides (and explains).
    for (const bad of [
      { grid: 'persons', id: 0, colId: 'unit', value: 'x' },
      { grid: 'persons', id: 1.5, colId: 'unit', value: 'x' },
      { grid: 'nope', id: 1, colId: 'unit', value: 'x' },
      { grid: 'persons', id: 1, colId: '', value: 'x' },
      { grid: 'persons', id: 1, colId: 'unit', value: 'x'.repeat(2001) },
      { grid: 'persons', id: 1, colId: 'unit', value: { toString: 'x' } },
      { grid: 'persons', id: 1, colId: 'unit', value: 'x', extra: true },
      { grid: 'persons', id: 1, colId: 'unit' },
    ]) {
      expect(edit(bad), JSON.stringify(bad)).toBeNull();
      expect(contract.gridUpdateCell.input.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
  });
});
