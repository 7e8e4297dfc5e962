import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { fixturePath } from '../support/fixtures';
import { cycleCommand } from '../support/cli';
import { useLocalCloud } from '../support/local-cloud';

jest.setTimeout(90_000);
const run = promisify(execFile);
const STATE = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'mc-cli-')), 'local-cloud.json');
const cloud = useLocalCloud({ writeStateFile: true, env: { MEETING_CYCLE_LOCAL_STATE: STATE } });
const BIN = path.join(__dirname, '..', '..', 'bin', 'cycle.cjs');

const cycle = cycleCommand(STATE);

describe('the cycle command', () => {
  it('has help on every command', async () => {
    for (const args of [['--help'], ['start', '--help'], ['clock', 'advance', '--help'], ['members', 'import', '--help'], ['boards', 'update', '--help']]) {
      const out = await cycle(...args);
      expect({ args, code: out.code }).toEqual({ args, code: 0 });
      expect(out.stdout).toContain('Usage: cycle');
    }
  });

  it('starts a cycle, prints its timeline, and reports it in status and JSON', async () => {
    cloud();
    const started = await cycle('start', '--board', 'demo-board', '--meeting', '2027-01-20', '--time', '15:30');
    expect(started.code).toBe(0);
    expect(started.stdout).toContain('Started cycle demo-board-2027-01-20.');
    expect(started.stdout).toContain('Meeting              Wednesday 20 January 2027, 15:30');
    const status = JSON.parse((await cycle('status', '--json')).stdout) as { cycleId: string; status: string }[];
    expect(status).toEqual([expect.objectContaining({ cycleId: 'demo-board-2027-01-20', status: 'running' })]);
  });

  it('moves the virtual clock to a milestone and the cycle with it', async () => {
    const out = await cycle('clock', 'advance', '--to', 'itemDeadline');
    expect(out.code).toBe(0);
    expect(out.stdout).toContain('Tuesday 29 December 2026, 17:00');
    expect(cloud().clock.now().toISOString()).toBe('2026-12-29T17:00:00.000Z');
    expect(
      cloud()
        .mail.emails()
        .filter((e) => e.kind === 'agenda-call'),
    ).toHaveLength(9);
  });

  it('refuses bad input clearly, exits 1 and changes nothing', async () => {
    const unknown = await cycle('start', '--board', 'nope', '--meeting', '2027-03-01');
    expect(unknown).toMatchObject({ code: 1, stderr: expect.stringContaining('There is no board "nope". Boards: demo-board.') });
    const past = await cycle('start', '--board', 'demo-board', '--meeting', '2027-01-04');
    expect(past.code).toBe(1);
    expect(past.stderr).toMatch(/The agenda call would be on .*, which has passed\. Choose a meeting on or after/);
    const csv = path.join(path.dirname(STATE), 'members.csv');
    fs.writeFileSync(
      csv,
      'name,email,organisation,roles\nNew Person,new@example.org,Org,member\nBad,not-an-email,Org,member\nDup,chair@example.org,Org,member\n',
    );
    const imported = await cycle('members', 'import', '--board', 'demo-board', csv);
    expect(imported.code).toBe(1);
    expect(imported.stderr).toContain('line 3: "not-an-email" is not an email address');
    expect((await cloud().deps.boards.listMembers('demo-board')).some((m) => m.email === 'new@example.org')).toBe(false);
    fs.writeFileSync(csv, 'name,email,organisation,roles\nNew Person,new@example.org,Org,member\nDup,chair@example.org,Org,member\n');
    const duplicate = await cycle('members', 'import', '--board', 'demo-board', csv);
    expect(duplicate.code).toBe(1);
    expect(duplicate.stderr).toContain('line 3: chair@example.org is already a member of the board (Alex Morgan)');
    expect((await cloud().deps.boards.listMembers('demo-board')).some((m) => m.email === 'new@example.org')).toBe(false);
    expect((await cycle('status', '--json')).stdout).not.toContain('2027-01-04');
  });

  it("refuses a timeline that breaks the board's notice rule unless the secretariat records why", async () => {
    const csv = path.join(path.dirname(STATE), 'strict.csv');
    expect((await cycle('boards', 'create', '--id', 'strict-board', '--name', 'Strict Board', '--clear-days', '7')).code).toBe(0);
    fs.writeFileSync(csv, 'name,email,organisation,roles\nSam Sec,sec@strict.example.org,Council,secretariat\n');
    expect((await cycle('members', 'import', '--board', 'strict-board', csv)).code).toBe(0);
    const refused = await cycle('start', '--board', 'strict-board', '--meeting', '2027-03-10');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('leaving only 5 clear working days before the meeting on Wednesday 10 March 2027');
    expect(refused.stderr).toContain('The latest compliant circulation date is Friday 26 February 2027.');
    expect(await cloud().deps.cycles.listCycles('strict-board')).toEqual([]);

    const started = await cycle(
      'start',
      '--board',
      'strict-board',
      '--meeting',
      '2027-03-10',
      '--override-reason',
      'Extraordinary meeting called at short notice',
    );
    expect(started.code).toBe(0);
    expect(started.stdout).toContain('Notice rule overridden: Extraordinary meeting called at short notice');
    const [stored] = await cloud().deps.cycles.listCycles('strict-board');
    expect(stored?.noticeOverride).toMatchObject({
      reason: 'Extraordinary meeting called at short notice',
      breaches: [expect.stringContaining('LGA 1972 s100B')],
    });
  });

  it('creates a board that publishes its agenda and meets every six weeks, and refuses a rhythm that is not a number of weeks', async () => {
    const made = await cycle('boards', 'create', '--id', 'rhythm-board', '--name', 'Rhythm Board', '--public-agenda', '--meeting-every', '6');
    expect(made.code).toBe(0);
    expect(made.stdout).toContain('The agenda and public pack will be published at circulation, at /public/rhythm-board/<cycle>.');
    expect(made.stdout).toContain('the next meeting is proposed 6 weeks after the last');
    expect(await cloud().deps.boards.getBoard('rhythm-board')).toMatchObject({ publicAgenda: true, meetingEvery: { weeks: 6 } });
    const bad = await cycle('boards', 'create', '--id', 'odd-board', '--name', 'Odd Board', '--meeting-every', 'monthly');
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('--meeting-every must be a whole number of weeks from 1 to 104, not "monthly".');
    expect(await cloud().deps.boards.getBoard('odd-board')).toBeUndefined();
  });

  it('updates a board, printing each change, while the running cycle keeps its timeline', async () => {
    const [running] = await cloud().deps.cycles.listCycles('strict-board');
    const updated = await cycle('boards', 'update', '--board', 'strict-board', '--clear-days', '4', '--quorum', '2', '--meeting-every', '8');
    expect(updated.code).toBe(0);
    expect(updated.stdout).toContain('Updated board strict-board:');
    expect(updated.stdout).toContain('  quorum: 3 → 2');
    expect(updated.stdout).toContain('  rules.clearDays: 7 → 4');
    expect(updated.stdout).toContain('  meetingEvery.weeks: (not set) → 8');
    expect(updated.stdout).toContain('Applies to cycles started from now on; cycles already running keep their plan.');
    expect(await cloud().deps.boards.getBoard('strict-board')).toMatchObject({ quorum: 2, rules: { clearDays: 4 }, meetingEvery: { weeks: 8 }, version: 2 });
    expect((await cloud().deps.cycles.listCycles('strict-board'))[0]?.timeline).toEqual(running?.timeline);
  });

  it('refuses an update out of range, naming the range and changing nothing, and an unknown board', async () => {
    const before = await cloud().deps.boards.getBoard('strict-board');
    const refused = await cycle('boards', 'update', '--board', 'strict-board', '--quorum', '5', '--meeting-every', '105');
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('--meeting-every must be a whole number of weeks from 1 to 104, not 105.');
    expect(await cloud().deps.boards.getBoard('strict-board')).toEqual(before);
    const unknown = await cycle('boards', 'update', '--board', 'nope', '--quorum', '5');
    expect(unknown).toMatchObject({ code: 1, stderr: expect.stringContaining('There is no board "nope".') });
  });

  it('reads real minutes with `minutes parse`, without any cloud, and refuses a file that is not minutes', async () => {
    const parsed = await run(process.execPath, [BIN, 'minutes', 'parse', fixturePath('minutes/lcrb-2015-03-10.txt'), '--json'], {
      env: { ...process.env, MEETING_CYCLE_LOCAL_STATE: '/nonexistent/state.json' },
    });
    const minutes = JSON.parse(parsed.stdout) as { meeting: { date: string }; actions: { number: number; owners: string[] }[] };
    expect(minutes.meeting.date).toBe('2015-03-10');
    expect(minutes.actions.map((a) => a.number)).toEqual([1, 2]);
    const fake = path.join(path.dirname(STATE), 'minutes.docx');
    fs.writeFileSync(fake, 'this is not a word document');
    const refused = await cycle('minutes', 'parse', fake);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('is not a .docx file');
  });

  it('says how to start the local cloud when none is running', async () => {
    const out = await run(process.execPath, [BIN, 'status'], { env: { ...process.env, MEETING_CYCLE_LOCAL_STATE: '/nonexistent/state.json' } }).catch(
      (e: { code: number; stderr: string }) => e,
    );
    expect(out).toMatchObject({ code: 1, stderr: expect.stringContaining('npm start') });
  });
});
