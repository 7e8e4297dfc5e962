#!/usr/bin/env node
'use strict';
// The `cycle` command. It runs the TypeScript sources directly (tsx), so `npx cycle` works right after
// `npm ci` with no build step, on the project's own Node (the node@24 devDependency) — the same major
// as the Lambda runtime — even when the shell's `node` is older.
const fs = require('node:fs');
const path = require('node:path');

const major = Number(process.versions.node.split('.')[0]);
if (major < 24) {
  const projectNode = path.join(__dirname, '..', 'node_modules', 'node', 'bin', 'node');
  if (!fs.existsSync(projectNode)) {
    console.error(`cycle needs Node 24 (this is ${process.version}); run \`npm install\` in the project first.`);
    process.exit(1);
  }
  const { spawnSync } = require('node:child_process');
  const run = spawnSync(projectNode, [__filename, ...process.argv.slice(2)], { stdio: 'inherit' });
  process.exit(run.status ?? 1);
}
require('tsx/cjs/api').register();
// And for `import()`: the sources load what a request needs only sometimes (an adapter's SDK client, a
// document library) with `import('./module')`, which Node's own ESM resolver cannot find without tsx's hooks.
require('tsx/esm/api').register();
require('../cli/main.ts').main();
