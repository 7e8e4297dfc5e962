import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../../functions');
/** Folders under functions/ that are not a task's: the link pages, what everything shares, emails, the admin cores. */
const NOT_TASKS = new Set(['http', 'shared', 'emails', 'admin', 'console']);
const DOMAIN = path.join(ROOT, 'shared/domain');
const DOMAIN_MAY_NOT_USE = ['ports', 'services', 'adapters', 'runtime', 'documents'].map((dir) => path.join(ROOT, 'shared', dir));
const IO_PACKAGES = /^(@aws-sdk\/|@cantoo\/pdf-lib$|docx$|ics$|mammoth$|mailparser$|nodemailer$)/;

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(full);
    return e.name.endsWith('.ts') ? [full] : [];
  });
}

/** Every module a source names: static imports and re-exports, `import()` and `require()`. */
function specifiers(source: string): string[] {
  const found = [...source.matchAll(/(?:\bfrom\s+|\bimport\s*\(\s*|\brequire\s*\(\s*|^\s*import\s+)['"]([^'"]+)['"]/gm)];
  return found.map((m) => m[1] ?? '');
}

const within = (file: string, dir: string): boolean => file === dir || file.startsWith(dir + path.sep);
/** The task folder a path is in (functions/<task>/…), if any. */
function taskOf(file: string): string | undefined {
  const top = path.relative(ROOT, file).split(path.sep)[0];
  return top && !top.startsWith('..') && !top.endsWith('.ts') && !NOT_TASKS.has(top) ? top : undefined;
}

/** What a file may not import, by where it is; one line per breach. */
function breaches(file: string, source: string): string[] {
  const out: string[] = [];
  const name = path.relative(ROOT, file);
  for (const spec of specifiers(source)) {
    const target = spec.startsWith('.') ? path.resolve(path.dirname(file), spec) : undefined;
    if (within(file, path.join(ROOT, 'http')) && target && taskOf(target)) out.push(`${name} imports the task ${taskOf(target)} (${spec})`);
    if (taskOf(file) && target && within(target, path.join(ROOT, 'http'))) out.push(`${name} imports the link pages (${spec})`);
    if (within(file, DOMAIN)) {
      if (target && DOMAIN_MAY_NOT_USE.some((dir) => within(target, dir))) out.push(`${name} imports ${spec}: the domain holds pure rules`);
      if (!target && IO_PACKAGES.test(spec)) out.push(`${name} imports ${spec}: the domain does no I/O and reads no documents`);
    }
  }
  return out;
}

describe('layers', () => {
  const files = sourceFiles(ROOT);

  it('finds the imports it checks', () => {
    const source = `import { a } from '../x';\nimport type { B } from "y";\nexport { c } from './z';\nconst d = require('w');\nimport 'side';`;
    expect(specifiers(source)).toEqual(['../x', 'y', './z', 'w', 'side']);
    expect(files.length).toBeGreaterThan(100);
  });

  it('flags each kind of breach', () => {
    expect(breaches(path.join(ROOT, 'http/links/x/core.ts'), "import { a } from '../../../notify-action-owners/notify-action-owners';")).toHaveLength(1);
    expect(breaches(path.join(ROOT, 'circulate-papers/x.ts'), "import { a } from '../http/links/pages';")).toHaveLength(1);
    expect(breaches(path.join(DOMAIN, 'x.ts'), "import type { A } from '../ports';\nimport { S3Client } from '@aws-sdk/client-s3';")).toHaveLength(2);
    expect(breaches(path.join(DOMAIN, 'x.ts'), "import { z } from 'zod';\nimport { a } from './types';")).toEqual([]);
    expect(breaches(path.join(ROOT, 'http/app.ts'), "import { a } from '../admin/next-cycle';\nimport { b } from '../shared/table/object-keys';")).toEqual([]);
  });

  it('keeps the link pages and the tasks apart, and the domain pure', () => {
    const found = files.flatMap((file) => breaches(file, fs.readFileSync(file, 'utf8')));
    expect(found).toEqual([]);
  });
});
