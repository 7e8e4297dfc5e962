import { apologiesForm, attendanceOf, meetingHasTakenPlace, recordApologies } from '../../../functions/http/links/send-apologies/core';
import { ValidationError } from '../../../functions/shared/domain/errors';
import type { Member } from '../../../functions/shared/domain/types';
import { parseOrThrow } from '../../../functions/shared/domain/validate';
import type { FakeDeps } from '../../support/fakes';
import { context, LONG, people, recipients, refusal, scenario } from './scenario';

const AFTER_CIRCULATION = '2027-03-03T09:00:00.000Z';
const PAT = 'pat.lee@police.example';

/** A member's apologies as the page posts them from their link: the form read by its schema, then the core. */
const send = async (d: FakeDeps, member: Member, fields: Record<string, unknown>) =>
  recordApologies(d, { cycle: await context(d), member, apologies: parseOrThrow(apologiesForm, fields, 'apologies') });

describe('the send-apologies link', () => {
  it("records a member's apologies with the deputy named (name and address), and says so", async () => {
    const { d } = await scenario({ now: AFTER_CIRCULATION });

    expect(await send(d, people.ann, { attending: 'no', substitute: ' Sergeant Pat Lee ', substituteEmail: ' Pat.Lee@Police.example ' })).toBe(
      'Your apologies for Wednesday 10 March 2027, 15:30 are recorded, with Sergeant Pat Lee attending in your place.',
    );

    expect(await d.cycles.listAttendance('c')).toEqual([
      {
        cycleId: 'c',
        memberId: 'ann',
        status: 'apologies',
        substitute: 'Sergeant Pat Lee',
        deputy: { name: 'Sergeant Pat Lee', email: 'pat.lee@police.example' },
        at: AFTER_CIRCULATION,
      },
    ]);
    expect(await attendanceOf(d, await context(d), people.ann)).toMatchObject({ status: 'apologies' });
    expect(await attendanceOf(d, await context(d), people.bob)).toBeUndefined();
    expect(d.emails()).toEqual([]);
  });

  it('warns the secretariat once when apologies leave fewer members expected than the quorum', async () => {
    const { d } = await scenario({ now: AFTER_CIRCULATION });

    await send(d, people.ann, { attending: 'no' });
    expect(d.emails()).toEqual([]);
    await send(d, people.bob, { attending: 'no' });
    await send(d, people.chair, { attending: 'no' });

    const warnings = d.emails('quorum-warning');
    expect(recipients(warnings)).toEqual([people.secretariat.email]);
    expect(warnings[0]!.subject).toBe('Quorum at risk for Wednesday 10 March: 1 of 2 members expected');
  });

  it('counts a member who sends a substitute as expected, for the quorum', async () => {
    const { d } = await scenario({ now: AFTER_CIRCULATION });

    await send(d, people.ann, { attending: 'no', substitute: 'Sergeant Pat Lee', substituteEmail: PAT });
    await send(d, people.bob, { attending: 'no' });

    expect(d.emails('quorum-warning')).toEqual([]);
  });

  it('withdraws apologies, dropping the substitute', async () => {
    const { d } = await scenario({ now: AFTER_CIRCULATION });
    await send(d, people.ann, { attending: 'no', substitute: 'Sergeant Pat Lee', substituteEmail: PAT });
    d.clock.advance(60_000);

    expect(await send(d, people.ann, { attending: 'yes', substitute: 'Sergeant Pat Lee' })).toBe(
      'Your apologies are withdrawn: you are expected at the meeting.',
    );
    expect(await d.cycles.listAttendance('c')).toEqual([{ cycleId: 'c', memberId: 'ann', status: 'attending', at: '2027-03-03T09:01:00.000Z' }]);
  });

  it('refuses apologies once the meeting has begun, storing nothing', async () => {
    const { d, cycle } = await scenario({ now: AFTER_CIRCULATION });
    d.clock.set(cycle.timeline.meeting);

    expect(meetingHasTakenPlace(await context(d), d.clock.now())).toBe(true);
    await expect(send(d, people.ann, { attending: 'no' })).rejects.toThrow(
      new ValidationError('The meeting has taken place; apologies can no longer be sent.'),
    );
    expect(await d.cycles.listAttendance('c')).toEqual([]);
  });

  it('refuses a hostile form with a message the member can act on, storing nothing', async () => {
    const { d } = await scenario({ now: AFTER_CIRCULATION });

    expect(refusal(apologiesForm, { attending: 'no', substitute: LONG }, 'apologies').message).toBe(
      'Invalid apologies: substitute: keep the substitute’s name under 120 characters',
    );
    expect(refusal(apologiesForm, { substitute: 'Pat' }, 'apologies').issues).toEqual([expect.stringMatching(/^attending: /)]);
    expect(refusal(apologiesForm, { attending: 'maybe' }, 'apologies').issues).toEqual([expect.stringMatching(/^attending: /)]);
    expect(refusal(apologiesForm, { attending: 'no', substitute: ['Pat', 'Lee'] }, 'apologies').issues).toEqual([expect.stringMatching(/^substitute: /)]);
    await expect(send(d, people.ann, { attending: true })).rejects.toThrow(/^Invalid apologies: attending: /);

    expect(await d.cycles.listAttendance('c')).toEqual([]);
    expect(d.emails()).toEqual([]);
  });
});

describe('the send-apologies link, in the audit trail', () => {
  it('records apologies sent and withdrawn as the member’s, and a form sent twice once', async () => {
    const { d } = await scenario({ now: AFTER_CIRCULATION });

    await send(d, people.ann, { attending: 'no', substitute: 'Pat Lee', substituteEmail: PAT });
    await send(d, people.ann, { attending: 'no', substitute: 'Pat Lee', substituteEmail: PAT });
    d.clock.advance(60_000);
    await send(d, people.ann, { attending: 'yes' });

    const who = { kind: 'member', name: people.ann.name, email: people.ann.email };
    expect((await d.audit.list('b')).map(({ who, what, cycleId }) => ({ who, what, cycleId }))).toEqual([
      { who, cycleId: 'c', what: { type: 'apologies-sent', memberId: 'ann', name: people.ann.name, substitute: 'Pat Lee' } },
      { who, cycleId: 'c', what: { type: 'apologies-withdrawn', memberId: 'ann', name: people.ann.name } },
    ]);
  });
});
