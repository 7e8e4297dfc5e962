'use strict';
// Jest transformer: TypeScript and ESM-only packages (@middy/*) to CommonJS with esbuild, the same
// compiler that bundles the Lambda functions. Type checking is `npm run typecheck`'s job.
const { transformSync } = require('esbuild');

module.exports = {
  process(source, filename) {
    const result = transformSync(source, {
      loader: filename.endsWith('.ts') ? 'ts' : 'js',
      format: 'cjs',
      target: 'node22',
      sourcemap: 'inline',
      sourcefile: filename,
    });
    return { code: result.code };
  },
};
