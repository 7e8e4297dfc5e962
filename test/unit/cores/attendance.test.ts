import { deputyStanding } from '../../../functions/http/links/deputy-papers/core';
import { attendanceFormData, recordAttendance } from '../../../functions/http/links/record-attendance/core';
import { apologiesForm, recordApologies } from '../../../functions/http/links/send-apologies/core';
import { StaleVersionError, ValidationError } from '../../../functions/shared/domain/errors';
import { hashToken } from '../../../functions/shared/domain/links';
import type { Member, PackFile } from '../../../functions/shared/domain/types';
import { parseOrThrow } from '../../../functions/shared/domain/validate';
import { sendDeputyPapers } from '../../../functions/shared/services/deputy-papers';
import { item } from '../../support/builders';
import type { FakeDeps } from '../../support/fakes';
import { context, people, scenario } from './scenario';

const AFTER_CIRCULATION = '2027-03-03T09:00:00.000Z';
const PACK: PackFile = { s3Key: 'packs/c/members.pdf', pages: 10, size: 1000 };
const PACKS = { members: PACK, public: PACK, builtAt: '2027-03-02T09:00:00.000Z' };

const send = async (d: FakeDeps, member: Member, fields: Record<string, unknown>) =>
  recordApologies(d, { cycle: await context(d), member, apologies: parseOrThrow(apologiesForm, fields, 'apologies') });

/** The link record behind the only app link of an email. */
async function linkIn(d: FakeDeps, text: string) {
  const token = /\/l\/([A-Za-z0-9_-]{43})/.exec(text)?.[1];
  if (!token) throw new Error(`No link in: ${text}`);
  return (await d.links.getLink(hashToken(token)))!;
}

describe('a deputy named with apologies', () => {
  it('gets the papers once, by a link of their own sealed to the apologies that named them', async () => {
    const { d } = await scenario({ now: AFTER_CIRCULATION, cycle: { packs: PACKS } });
    await d.cycles.putItems('c', [item(1, 'Welcome'), item(2, 'Budget')]);
    const outcome = await send(d, people.ann, { attending: 'no', substitute: 'Pat Lee', substituteEmail: 'pat@police.example' });
    await send(d, people.ann, { attending: 'no', substitute: 'Pat Lee', substituteEmail: 'pat@police.example' });
    expect(outcome).toContain('(the papers have been sent to pat@police.example)');

    const [email, ...more] = d.emails('deputy-papers');
    expect(more).toEqual([]);
    expect(email!.to).toEqual([{ name: 'Pat Lee', email: 'pat@police.example' }]);
    expect(email!.subject).toBe('Papers for Wednesday 10 March: attending Riverside Safety Board for Ann Able');
    expect(email!.text).toContain('2. Budget');
    const link = await linkIn(d, email!.text);
    expect(link).toMatchObject({ purpose: 'deputy-papers', cycleId: 'c', memberId: 'ann' });
    expect(await deputyStanding(d, link)).toMatchObject({ deputy: { email: 'pat@police.example' } });
    // The circulation, run again, sends nothing more.
    expect(await sendDeputyPapers(d, await context(d), { kind: 'circulation' })).toBe(0);

    // Another deputy: they get the papers, and the first one's link stops working.
    d.clock.advance(60_000);
    await send(d, people.ann, { attending: 'no', substitute: 'Jo Bell', substituteEmail: 'jo@police.example' });
    expect(d.emails('deputy-papers').map((e) => e.to[0]!.email)).toEqual(['pat@police.example', 'jo@police.example']);
    expect(await deputyStanding(d, link)).toBeUndefined();
    const second = await linkIn(d, d.emails('deputy-papers')[1]!.text);
    expect(await deputyStanding(d, second)).toBeDefined();
    // Withdrawn apologies: no deputy's link works; another cycle's never does.
    d.clock.advance(60_000);
    await send(d, people.ann, { attending: 'yes' });
    expect(await deputyStanding(d, second)).toBeUndefined();
    expect(await deputyStanding(d, { ...second, cycleId: 'other' })).toBeUndefined();
  });

  it('named before the papers are built, gets them with the circulation, and again with a supplementary one', async () => {
    const { d } = await scenario({ now: AFTER_CIRCULATION });
    await send(d, people.ann, { attending: 'no', substitute: 'Pat Lee', substituteEmail: 'pat@police.example' });
    expect(d.emails('deputy-papers')).toEqual([]);
    await d.cycles.updateCycle('b', 'c', () => ({ packs: PACKS }));
    expect(await sendDeputyPapers(d, await context(d), { kind: 'circulation' })).toBe(1);
    const late = { kind: 'supplementary', builtAt: '2027-03-05T09:00:00.000Z', items: [item(3, 'Late paper')] } as const;
    expect(await sendDeputyPapers(d, await context(d), late)).toBe(1);
    expect(await sendDeputyPapers(d, await context(d), late)).toBe(0);
    expect(d.emails('deputy-papers').map((e) => e.subject)).toEqual([
      'Papers for Wednesday 10 March: attending Riverside Safety Board for Ann Able',
      'Further papers for Wednesday 10 March: attending Riverside Safety Board for Ann Able',
    ]);
  });

  it('of an online meeting, gets the joining link and dial-in with the papers', async () => {
    const online = { joinUrl: 'https://meet.example.org/j/123', dialIn: '020 7946 0000\nPIN 4321#' };
    const { d } = await scenario({ now: AFTER_CIRCULATION, cycle: { packs: PACKS, online } });
    await send(d, people.ann, { attending: 'no', substitute: 'Pat Lee', substituteEmail: 'pat@police.example' });

    const [email] = d.emails('deputy-papers');
    expect(email!.text).toContain('Join the meeting: https://meet.example.org/j/123');
    expect(email!.text).toMatch(/To join by phone:\s+020 7946 0000\s+PIN 4321#/);
    expect(email!.html).toContain('href="https://meet.example.org/j/123"');
  });

  it("refuses a member's address, a bad address and a hostile name without an address, storing and sending nothing", async () => {
    const { d } = await scenario({ now: AFTER_CIRCULATION, cycle: { packs: PACKS } });
    await expect(send(d, people.ann, { attending: 'no', substitute: 'Bob', substituteEmail: people.bob.email })).rejects.toThrow(
      new ValidationError(
        `${people.bob.email} is the address of ${people.bob.name}, a member of the board, who gets their own papers. Name someone who is not a member as your deputy.`,
      ),
    );
    await expect(send(d, people.ann, { attending: 'no', substitute: 'Pat', substituteEmail: 'pat@' })).rejects.toThrow(/is not an email address/);
    await expect(send(d, people.ann, { attending: 'no', substitute: '<script>x</script>' })).rejects.toThrow(/email address/);
    expect(await d.cycles.listAttendance('c')).toEqual([]);
    expect(d.emails()).toEqual([]);
  });
});

describe('recording attendance after the meeting', () => {
  const SAM = { kind: 'secretariat', name: 'Sam Secretary', email: 'sam@example.org' } as const;
  const fields = (version: number, extra: Record<string, string> = {}) => ({
    version: String(version),
    'status:cara': 'present',
    'status:ann': 'apologies',
    'for:ann': 'Pat Lee',
    'status:bob': 'present',
    'arrived:bob': '2',
    ...extra,
  });

  it('is refused before the meeting', async () => {
    const { d } = await scenario({ now: AFTER_CIRCULATION });
    await expect(recordAttendance(d, await context(d), fields(0), SAM)).rejects.toThrow(/attendance is recorded after it/);
  });

  it('pre-fills from apologies, records, and refuses a second save from a form read before it (409, nothing overwritten)', async () => {
    const { d, cycle } = await scenario({ now: AFTER_CIRCULATION });
    await d.cycles.putItems('c', [item(1, 'Welcome'), item(2, 'Budget')]);
    await send(d, people.ann, { attending: 'no', substitute: 'Pat Lee', substituteEmail: 'pat@police.example' });
    d.clock.set(cycle.timeline.minutesDraftDue);
    const form = await attendanceFormData(d, await context(d));
    expect(form.version).toBe(0);
    expect(form.entries.find((e) => e.memberId === 'ann')).toMatchObject({ status: 'apologies', representedBy: 'Pat Lee' });

    expect(await recordAttendance(d, await context(d), fields(0), SAM)).toBe(
      'Attendance at Wednesday 10 March 2027, 15:30 recorded (version 1): 2 present, 1 with apologies, 0 absent; 1 arrived late or left early.',
    );
    await expect(
      recordAttendance(d, await context(d), fields(0, { 'status:bob': 'absent', 'arrived:bob': '' }), { kind: 'member', name: 'Cara' }),
    ).rejects.toThrow(StaleVersionError);
    const saved = (await d.cycles.getCycle('b', 'c'))!.attendanceRecord!;
    expect(saved).toMatchObject({ version: 1, recordedBy: 'Sam Secretary (sam@example.org)' });
    expect(saved.entries.find((e) => e.memberId === 'bob')).toMatchObject({ status: 'present', arrivedDuring: 2 });
    const audited = (await d.audit.list('b')).filter((e) => e.what.type === 'attendance-recorded');
    expect(audited).toEqual([
      expect.objectContaining({ cycleId: 'c', who: SAM, what: { type: 'attendance-recorded', version: 1, present: 2, apologies: 1, absent: 0 } }),
    ]);
  });

  it('refuses a record naming someone not on the board, listing them, storing nothing', async () => {
    const { d, cycle } = await scenario({ now: AFTER_CIRCULATION });
    d.clock.set(cycle.timeline.minutesDraftDue);
    await expect(recordAttendance(d, await context(d), fields(0, { 'status:zed': 'present', 'status:m_nobody': 'absent' }), SAM)).rejects.toThrow(
      'Nothing was recorded: these are not members of the board: zed, m_nobody.',
    );
    expect((await d.cycles.getCycle('b', 'c'))!.attendanceRecord).toBeUndefined();
    expect(await d.audit.list('b')).toEqual([]);
  });
});
