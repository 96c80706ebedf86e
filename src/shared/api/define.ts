// How a contract entry is written: `call<ResultType>()(inputSchema)`.
import type { z } from 'zod';

export interface CallSpec<I extends z.ZodType, O> {
  input: I;
  /** Phantom: carries the result type; never read at run time. */
  output?: O;
}

export function call<O>() {
  return <I extends z.ZodType>(input: I): CallSpec<I, O> => ({ input });
}

export type AnyCallSpec = CallSpec<z.ZodType, unknown>;
