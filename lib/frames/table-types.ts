import type * as aq from "arquero";

/** An arquero table (the type `aq.table()` returns). */
export type Table = ReturnType<typeof aq.table>;

/** Anything `asTable` accepts. */
export type TableInput = Table | ReadonlyArray<Record<string, unknown>> | Record<string, ArrayLike<unknown>> | object;
