// A lean validator compiled once from a contract schema, for the calls the grid makes many times
// a minute (a cell edit, a page of rows). zod stays the definition and the judge: the compiled
// function only answers "valid, and here is exactly what zod would return" for the shapes it
// understands, and says "ask zod" for everything else — any failure, any unusual value, any
// schema part it does not know (transforms, refinements, trims …). So a rejected input always
// gets zod's own issues, and an accepted one is the value zod would have produced.
// test/unit/fast-parse.test.ts holds the two to the same answers over every contract schema.
import type { z } from 'zod';

/** Returned by a compiled node when zod must decide. */
const ASK_ZOD: unique symbol = Symbol('ask zod');
type Node = (input: unknown) => unknown;

interface CheckDef {
  check: string;
  minimum?: number;
  maximum?: number;
  value?: number;
  inclusive?: boolean;
  format?: string;
}

interface Def {
  type: string;
  checks?: { _zod: { def: CheckDef } }[];
  shape?: Record<string, z.ZodType>;
  catchall?: z.ZodType;
  innerType?: z.ZodType;
  options?: z.ZodType[];
  element?: z.ZodType;
  keyType?: z.ZodType;
  valueType?: z.ZodType;
  entries?: Record<string, string | number>;
  values?: unknown[];
  defaultValue?: unknown;
}

class Unsupported extends Error {}

const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** Length/size limits as one test; anything else among the checks makes the schema unsupported. */
function lengthCheck(checks: Def['checks']): (length: number) => boolean {
  let min = 0;
  let max = Infinity;
  for (const { _zod } of checks ?? []) {
    const c = _zod.def;
    if (c.check === 'min_length') min = Math.max(min, c.minimum!);
    else if (c.check === 'max_length') max = Math.min(max, c.maximum!);
    else throw new Unsupported(c.check);
  }
  return (length) => length >= min && length <= max;
}

function numberCheck(checks: Def['checks']): (n: number) => boolean {
  const tests: ((n: number) => boolean)[] = [];
  for (const { _zod } of checks ?? []) {
    const c = _zod.def;
    if (c.check === 'number_format' && c.format === 'safeint') tests.push(Number.isSafeInteger);
    else if (c.check === 'greater_than') tests.push(c.inclusive ? (n) => n >= c.value! : (n) => n > c.value!);
    else if (c.check === 'less_than') tests.push(c.inclusive ? (n) => n <= c.value! : (n) => n < c.value!);
    else throw new Unsupported(`${c.check} ${c.format ?? ''}`);
  }
  return (n) => tests.every((t) => t(n));
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function compileNode(schema: z.ZodType): Node {
  const def = defOf(schema);
  switch (def.type) {
    case 'string': {
      const lengthOk = lengthCheck(def.checks);
      return (v) => (typeof v === 'string' && lengthOk(v.length) ? v : ASK_ZOD);
    }
    case 'number': {
      const ok = numberCheck(def.checks);
      return (v) => (typeof v === 'number' && Number.isFinite(v) && ok(v) ? v : ASK_ZOD);
    }
    case 'boolean':
      if (def.checks?.length) throw new Unsupported('boolean checks');
      return (v) => (typeof v === 'boolean' ? v : ASK_ZOD);
    case 'null':
      return (v) => (v === null ? v : ASK_ZOD);
    case 'unknown':
      return (v) => v;
    case 'enum': {
      const allowed = new Set(Object.values(def.entries!));
      return (v) => (allowed.has(v as string) ? v : ASK_ZOD);
    }
    case 'literal': {
      const allowed = new Set(def.values);
      return (v) => (allowed.has(v) ? v : ASK_ZOD);
    }
    case 'optional': {
      const inner = compileNode(def.innerType!);
      return (v) => (v === undefined ? v : inner(v));
    }
    case 'nullable': {
      const inner = compileNode(def.innerType!);
      return (v) => (v === null ? v : inner(v));
    }
    case 'default': {
      // zod returns the default as it stands (not parsed) when the value is missing.
      const inner = compileNode(def.innerType!);
      return (v) => (v === undefined ? def.defaultValue : inner(v));
    }
    case 'union': {
      // zod answers with the first option that accepts; so do we, and ask it when none does.
      const options = def.options!.map(compileNode);
      return (v) => {
        for (const option of options) {
          const out = option(v);
          if (out !== ASK_ZOD) return out;
        }
        return ASK_ZOD;
      };
    }
    case 'array': {
      const element = compileNode(def.element!);
      const lengthOk = lengthCheck(def.checks);
      return (v) => {
        if (!Array.isArray(v) || !lengthOk(v.length)) return ASK_ZOD;
        const out = new Array<unknown>(v.length);
        for (let i = 0; i < v.length; i++) {
          if (!(i in v)) return ASK_ZOD;
          const item = element(v[i]);
          if (item === ASK_ZOD) return ASK_ZOD;
          out[i] = item;
        }
        return out;
      };
    }
    case 'record': {
      const keyDef = defOf(def.keyType!);
      if (keyDef.type !== 'string') throw new Unsupported(`record key ${keyDef.type}`);
      const key = compileNode(def.keyType!);
      const value = compileNode(def.valueType!);
      return (v) => {
        if (!isPlainObject(v) || Object.getOwnPropertySymbols(v).length > 0) return ASK_ZOD;
        const out: Record<string, unknown> = {};
        for (const k of Object.keys(v)) {
          if (k === '__proto__' || key(k) === ASK_ZOD) return ASK_ZOD;
          const item = value(v[k]);
          if (item === ASK_ZOD || item === undefined) return ASK_ZOD;
          out[k] = item;
        }
        return out;
      };
    }
    case 'object': {
      if (def.checks?.length) throw new Unsupported('object checks');
      const catchall = def.catchall ? defOf(def.catchall).type : 'strip';
      if (catchall !== 'never' && catchall !== 'strip') throw new Unsupported(`catchall ${catchall}`);
      const strict = catchall === 'never';
      const keys = Object.keys(def.shape!);
      const known = new Set(keys);
      const fields = keys.map((k) => compileNode(def.shape![k]!));
      return (v) => {
        if (!isPlainObject(v)) return ASK_ZOD;
        if (strict) {
          for (const k in v) if (!known.has(k)) return ASK_ZOD;
        }
        const out: Record<string, unknown> = {};
        for (let i = 0; i < keys.length; i++) {
          const k = keys[i]!;
          const present = k in v;
          // A key given as undefined is zod's to judge (it treats it unlike a missing key).
          if (present && v[k] === undefined) return ASK_ZOD;
          const item = fields[i]!(present ? v[k] : undefined);
          if (item === ASK_ZOD) return ASK_ZOD;
          if (item !== undefined || present) out[k] = item;
        }
        return out;
      };
    }
    default:
      throw new Unsupported(def.type);
  }
}

export type FastParser = (input: unknown) => { ok: true; value: unknown } | null;

/**
 * The compiled validator of a schema, or null when the schema holds parts only zod can run.
 * The parser returns null whenever zod must decide (always for invalid input).
 */
export function compileSchema(schema: z.ZodType): FastParser | null {
  let root: Node;
  try {
    root = compileNode(schema);
  } catch (error) {
    if (error instanceof Unsupported) return null;
    throw error;
  }
  return (input) => {
    const value = root(input);
    return value === ASK_ZOD ? null : { ok: true, value };
  };
}
