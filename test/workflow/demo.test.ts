import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

jest.setTimeout(180_000);
const run = promisify(execFile);
const ROOT = path.join(__dirname, '..', '..');
const demo = (...args: string[]) =>
  run(process.execPath, [path.join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), path.join(ROOT, 'local', 'demo.ts'), ...args], { cwd: ROOT });

describe('npm run demo', () => {
  it('runs two cycles and shows the actions carried from the first into the second', async () => {
    const { stdout } = await demo('--cycles', '2');
    expect(stdout).toContain('Summary of cycle 1');
    // The second cycle is the one the first's minutes proposed, confirmed by the secretariat.
    expect(stdout).toMatch(/Grace Lin confirmed the next meeting \((\d{4}-\d{2}-\d{2})\): its cycle will start by itself/);
    const proposed = /confirmed the next meeting \((\d{4}-\d{2}-\d{2})\)/.exec(stdout)?.[1];
    expect(stdout).toContain(`Cycle 2 of 2: the Riverside Community Safety Board, meeting on ${proposed}`);
    expect(stdout.match(/: completed\n/g)).toHaveLength(2);
    const second = stdout.split('Summary of cycle 2')[1] ?? '';
    expect(second).toMatch(/Carried forward\s+Action 1 \(in progress, due next meeting\): .* Latest update, .*: Draft plan shared with partners\./);
  });

  it('refuses a nonsense number of cycles', async () => {
    await expect(demo('--cycles', '0')).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining('--cycles must be a whole number from 1 to 5') });
  });
});
