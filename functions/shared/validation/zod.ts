/**
 * The one way functions/ reach zod: `import * as z from '<path>/shared/validation/zod'`.
 *
 * zod/mini rather than classic zod: classic attaches every method to every schema, so a bundle that uses any of it
 * carries all of it (~460 KB read and compiled at every cold start); mini's free functions let esbuild keep only what
 * a function's schemas call (~20 KB). Import this module as a namespace: a re-exported namespace object
 * (`export { z }`) would make esbuild keep every export of zod/mini, every locale included.
 *
 * Mini ships no messages of its own; English is configured here, once, before any schema parses, so refusals read
 * as they did with classic zod (the 4xx pages, the CLI and the tests quote them). Only `en` is named, so esbuild
 * keeps that one locale (~3 KB); `z.locales.en` would keep every language (~280 KB). The path is the locales index,
 * not `locales/en.js`: that file is ESM only, which jest (CommonJS) cannot require.
 */
import { config, pipe, transform, type ZodMiniType, type core } from 'zod/mini';
import { en } from 'zod/v4/locales';

config(en());

export * from 'zod/mini';

/**
 * Classic zod's `z.preprocess`, which mini lacks: `fn` rewrites the raw value (a blank form field to undefined, say)
 * before `schema` parses it. Built as classic builds it, a pipe from a transform into `schema`; typed as classic types
 * it, so a field stays optional in `z.input` when `schema` is.
 */
export function preprocess<U extends core.$ZodType>(
  fn: (value: unknown) => unknown,
  schema: U,
): ZodMiniType<core.output<U>, unknown, core.$ZodPreprocessInternals<U>> {
  // The pipe's own type takes optionality from the transform, which has none; the preprocess internals take it from `schema`.
  return pipe(transform(fn), schema) as unknown as ZodMiniType<core.output<U>, unknown, core.$ZodPreprocessInternals<U>>;
}
