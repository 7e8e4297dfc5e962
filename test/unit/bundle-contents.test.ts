import type { Metafile } from 'esbuild';
import { packageBytes, packageOf } from '../../infra/bundle-contents';
import { wire } from '../../functions/shared/runtime/deps';
import type { Clock } from '../../functions/shared/ports';

describe('packageOf', () => {
  it('names the package of a bundled input, scoped or not, and the innermost when nested', () => {
    expect(packageOf('node_modules/zod/v4/index.js')).toBe('zod');
    expect(packageOf('../main/node_modules/@aws-sdk/client-s3/dist-es/index.js')).toBe('@aws-sdk/client-s3');
    expect(packageOf('node_modules/date-holidays/node_modules/moment/moment.js')).toBe('moment');
    expect(packageOf('functions/shared/runtime/deps.ts')).toBeUndefined();
  });
});

describe('packageBytes', () => {
  it('adds up the bytes each package has in the bundle, largest first, leaving out what esbuild dropped', () => {
    const input = (bytesInOutput: number) => ({ bytesInOutput });
    const metafile = {
      inputs: {},
      outputs: {
        'out/index.mjs.map': { bytes: 1, inputs: {}, imports: [], exports: [] },
        'out/index.mjs': {
          bytes: 100,
          entryPoint: 'functions/x/handler.ts',
          imports: [],
          exports: [],
          inputs: {
            'functions/x/handler.ts': input(10),
            'node_modules/zod/a.js': input(5),
            'node_modules/zod/b.js': input(7),
            'node_modules/@aws-sdk/client-s3/c.js': input(20),
            'node_modules/docx/d.js': input(0),
          },
        },
      },
    } as unknown as Metafile;
    expect([...packageBytes(metafile)]).toEqual([
      ['@aws-sdk/client-s3', 20],
      ['zod', 12],
    ]);
  });
});

describe('wire', () => {
  it('builds nothing until a port is read, then each port once', () => {
    let built = 0;
    const clock: Clock = { now: () => new Date(0) };
    const ports = wire({ clock: () => (built++, clock) });
    const d = ports();
    expect(built).toBe(0);
    expect(d.clock).toBe(clock);
    expect(d.clock).toBe(clock);
    expect(ports()).toBe(d);
    expect(built).toBe(1);
    expect(Object.keys(d)).toEqual(['clock']);
  });
});
