'use strict';
// Jest transformer: TypeScript and ESM-only packages (@middy/*) to CommonJS with esbuild, the same
// compiler that bundles the Lambda functions. Type checking is `npm run typecheck`'s job.
const { createHash } = require('node:crypto');
const { readFileSync } = require('node:fs');
const { transformSync, version } = require('esbuild');

// Jest caches transformed files by their source alone unless told otherwise: this file and esbuild's
// version are part of the key, so a change of options here reaches every cached file.
const SELF = createHash('sha256').update(readFileSync(__filename)).update(version).digest('hex');

module.exports = {
  getCacheKey(source, filename) {
    return createHash('sha256').update(SELF).update(filename).update(source).digest('hex');
  },
  process(source, filename) {
    const result = transformSync(source, {
      loader: filename.endsWith('.ts') ? 'ts' : 'js',
      format: 'cjs',
      target: 'node22',
      sourcemap: 'inline',
      sourcefile: filename,
      // `import()` becomes a `require` in a promise, which jest's module system serves: a lazily loaded
      // module (documents/on-demand.ts) then loads in tests as it does in the bundle, without --experimental-vm-modules.
      supported: { 'dynamic-import': false },
    });
    return { code: result.code };
  },
};
