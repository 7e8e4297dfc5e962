import { ESCALATE_AFTER, GIVE_UP_AFTER, makeChaseCallback } from '../../../functions/chase-callback/chase-callback';
import { CallbackAbandonedError, NotWaitingError } from '../../../functions/shared/domain/errors';
import type { WaitKind } from '../../../functions/shared/domain/types';
import type { FakeDeps } from '../../support/fakes';
import { appLinks, people, recipients, saveMinutes, scenario } from './scenario';

/** The workflow timing out and waiting again: each new wait stores a fresh token. */
async function timeOut(d: FakeDeps, n: number, kind: WaitKind = 'chair-approval'): Promise<void> {
  await d.waits.putWait('c', kind, `token-${n}`, '2027-03-12T09:00:00.000Z');
}

describe('ChaseCallback', () => {
  it('reminds the chair of the minutes with a fresh approve link for the latest version', async () => {
    const { d, ref } = await scenario();
    await saveMinutes(d, 'Minutes');
    await saveMinutes(d, 'Minutes, revised');
    await timeOut(d, 1);

    expect(await makeChaseCallback(d)({ ...ref, kind: 'chair-approval' })).toEqual({ chase: 1 });

    const [email, ...others] = d.emails('callback-reminder');
    expect(others).toEqual([]);
    expect(recipients([email!])).toEqual([people.chair.email]);
    expect(email!.subject).toMatch(/^Reminder 1: approve the minutes by /);
    expect(d.links.forUrl(appLinks(email)[0]!)).toMatchObject({ purpose: 'approve-minutes', memberId: 'cara', subject: '2', singleUse: true });
    expect(d.emails('escalation')).toEqual([]);
  });

  it('reminds nobody, and counts nothing, when an answer is recorded but was not yet delivered', async () => {
    const { d, ref } = await scenario();
    await timeOut(d, 1, 'agenda-confirmation');
    await d.waits.claimDecision('c', 'agenda-confirmation', 'link-hash', '2027-03-12T09:00:00.000Z', '2027-03-12T08:58:00.000Z');
    await d.waits.recordDecision('c', 'agenda-confirmation', 'link-hash', { confirmedBy: 'sam', items: 3 }, 'Confirmed.');

    expect(await makeChaseCallback(d)({ ...ref, kind: 'agenda-confirmation' })).toEqual({ chase: 0 });

    expect(d.emails()).toEqual([]);
    expect(await makeChaseCallback(d)({ ...ref, kind: 'agenda-confirmation' })).toEqual({ chase: 0 });
  });

  it('counts a retried chase of the same token once and sends nothing twice', async () => {
    const { d, ref } = await scenario();
    await timeOut(d, 1, 'agenda-confirmation');
    const chase = makeChaseCallback(d);

    await chase({ ...ref, kind: 'agenda-confirmation' });
    expect(await chase({ ...ref, kind: 'agenda-confirmation' })).toEqual({ chase: 1 });

    expect(recipients(d.emails())).toEqual([people.secretariat.email]);
  });

  it(`also tells the secretariat after ${ESCALATE_AFTER} reminders, and stops the cycle after ${GIVE_UP_AFTER}`, async () => {
    const { d, ref } = await scenario();
    const chase = makeChaseCallback(d);
    for (let n = 1; n <= ESCALATE_AFTER + 1; n++) {
      await timeOut(d, n);
      await chase({ ...ref, kind: 'chair-approval' });
    }
    const escalations = d.emails('escalation');
    expect(recipients(escalations)).toEqual([people.secretariat.email]);
    expect(escalations[0]!.subject).toContain('no answer from Cara Chair');
    expect(escalations[0]!.text).toContain(`${ESCALATE_AFTER + 1}`);

    for (let n = ESCALATE_AFTER + 2; n <= GIVE_UP_AFTER; n++) {
      await timeOut(d, n);
      await chase({ ...ref, kind: 'chair-approval' });
    }
    await timeOut(d, GIVE_UP_AFTER + 1);
    const sent = d.emails().length;
    await expect(chase({ ...ref, kind: 'chair-approval' })).rejects.toThrow(CallbackAbandonedError);
    expect(d.emails()).toHaveLength(sent);
  });

  it('refuses to chase a wait that was answered meanwhile', async () => {
    const { d, ref } = await scenario();
    await expect(makeChaseCallback(d)({ ...ref, kind: 'minutes-draft' })).rejects.toThrow(NotWaitingError);
    expect(d.emails()).toEqual([]);
  });
});
