import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { TASK_FUNCTIONS } from '../../functions/catalog';
import { ENTRY_FILE, REPO_ROOT } from '../../infra/constructs/bundling';
import { TaskFunction } from '../../infra/constructs/task-function';

jest.setTimeout(120_000);
const OUT = fs.mkdtempSync(path.join(os.tmpdir(), 'mc-code-'));
afterAll(() => fs.rmSync(OUT, { recursive: true, force: true }));

/**
 * The stack tests skip bundling; this builds two functions' assets as `cdk deploy` does. CDK caches
 * assets by their source folder (the repository, for every function) and bundling options: each
 * function's build must still be its own, split, with `index.handler` in it.
 */
describe('a function’s code asset', () => {
  it('is its own handler’s split build', () => {
    const app = new App({ outdir: OUT });
    const stack = new Stack(app, 'Code');
    const specs = ['CloseCycle', 'RecordFailure'].map((id) => TASK_FUNCTIONS.find((s) => s.id === id)!);
    for (const spec of specs) new TaskFunction(stack, spec.id, { spec });
    app.synth();

    const functions = Template.fromStack(stack).findResources('AWS::Lambda::Function');
    const assets = specs.map((spec) => {
      const fn = Object.entries(functions).find(([logicalId]) => logicalId.startsWith(spec.id))![1];
      expect(fn.Properties).toMatchObject({ Handler: 'index.handler', Runtime: 'nodejs24.x' });
      // The asset's key is its hash, which names its folder in the cloud assembly.
      const key = (fn.Properties as { Code: { S3Key: string } }).Code.S3Key;
      return path.join(OUT, `asset.${key.replace(/\.zip$/, '')}`);
    });
    expect(new Set(assets).size).toBe(2);
    specs.forEach((spec, i) => {
      expect(fs.readdirSync(assets[i]!).sort()).toEqual(expect.arrayContaining(['chunks', ENTRY_FILE]));
      // The entry re-exports its chunk, whose source map names the handler the build came from.
      const chunk = /from '\.\/(chunks\/[^']+\.mjs)'/.exec(fs.readFileSync(path.join(assets[i]!, ENTRY_FILE), 'utf8'))![1]!;
      const map = JSON.parse(fs.readFileSync(path.join(assets[i]!, `${chunk}.map`), 'utf8')) as { sources: string[] };
      const handler = path.relative(path.dirname(path.join(assets[i]!, chunk)), path.join(REPO_ROOT, 'functions', spec.dir, 'handler.ts'));
      expect(map.sources).toContain(handler);
    });
  });
});
