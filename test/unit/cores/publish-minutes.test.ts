import { makePublishMinutes } from '../../../functions/publish-minutes/publish-minutes';
import { approvedMinutesKey, approvedMinutesPdfKey, publicMinutesKey } from '../../../functions/shared/table/object-keys';
import { ValidationError } from '../../../functions/shared/domain/errors';
import { item } from '../../support/builders';
import type { FakeDeps } from '../../support/fakes';
import { MINUTES, people, recipients, saveMinutes, scenario } from './scenario';

const APPROVED_AT = '2027-03-20T10:00:00.000Z';

async function approved(d: FakeDeps, text = MINUTES): Promise<number> {
  const minutes = await saveMinutes(d, text, { status: 'approved', approval: { by: 'cara', at: APPROVED_AT, via: 'reply' } });
  const extracted = [
    { itemNumber: 2, ownersAsWritten: ['Ann Able'], text: 'Ann Able to circulate the plan by 1 April 2027.' },
    { itemNumber: 2, ownersAsWritten: [], text: 'An update to be presented in June.' },
  ];
  await d.cycles.updateMinutes('c', minutes.version, { actions: extracted }, 'approved');
  return minutes.version;
}

describe('PublishMinutes', () => {
  it('stores the approved record, enters its actions in the register and sends every member the minutes as PDF', async () => {
    const { d, ref } = await scenario({ now: APPROVED_AT });
    const version = await approved(d);

    expect(await makePublishMinutes(d)({ ...ref, minutesVersion: version })).toEqual({ actions: 2, sent: 4, public: false });

    const record = await d.documents.getText(approvedMinutesKey('c', version));
    expect(record).toContain('Approved by Cara Chair by email reply on Saturday 20 March 2027 (version 1).');
    expect((await d.documents.head(approvedMinutesPdfKey('c', version)))?.contentType).toBe('application/pdf');
    expect(await d.actions.listActions('b')).toMatchObject([
      { number: 1, ownerMemberIds: ['ann'], status: 'open', cycleId: 'c' },
      { number: 2, ownerMemberIds: [], ownersAsWritten: [] },
    ]);
    const emails = d.emails('minutes-published');
    expect(recipients(emails).sort()).toEqual(
      Object.values(people)
        .map((m) => m.email)
        .sort(),
    );
    expect(emails[0]!.subject).toBe('Approved minutes: Riverside Safety Board, Wednesday 10 March');
    expect(emails[0]!.attachments?.[0]).toMatchObject({ fileName: 'Riverside Safety Board minutes 2027-03-10.pdf', contentType: 'application/pdf' });
    expect(d.documents.objects.has(publicMinutesKey('c', version))).toBe(false);
  });

  it('asks the secretariat to confirm the next meeting the minutes give', async () => {
    const { d, ref } = await scenario({ now: APPROVED_AT });
    const version = await approved(d);

    await makePublishMinutes(d)({ ...ref, minutesVersion: version });

    const offers = d.emails('next-meeting-confirmation');
    expect(recipients(offers)).toEqual([people.secretariat.email]);
    expect(offers[0]!.subject).toBe('Confirm the next meeting: Wednesday 9 June 2027');
    expect(d.links.all().filter((l) => l.purpose === 'confirm-next-cycle')).toHaveLength(1);
  });

  it('creates no action and sends nothing twice when retried', async () => {
    const { d, ref } = await scenario({ now: APPROVED_AT });
    const version = await approved(d);
    const publish = makePublishMinutes(d);

    await publish({ ...ref, minutesVersion: version });
    const sent = d.emails().length;
    expect(await publish({ ...ref, minutesVersion: version })).toEqual({ actions: 2, sent: 0, public: false });

    expect(d.emails()).toHaveLength(sent);
    expect(await d.actions.listActions('b')).toHaveLength(2);
  });

  it('publishes a public copy without the exempt item for a board that opted in', async () => {
    const { d, ref } = await scenario({ now: APPROVED_AT, board: { publicMinutes: true } });
    await d.cycles.putItems('c', [item(1, 'Apologies'), item(2, 'Knife crime plan', { confidential: true })]);
    const version = await approved(d);

    expect(await makePublishMinutes(d)({ ...ref, minutesVersion: version })).toMatchObject({ public: true });

    const publicText = await d.documents.getText(publicMinutesKey('c', version));
    expect(publicText).toContain('Apologies');
    expect(publicText).not.toContain('circulate the plan');
    expect((await d.cycles.getCycle('b', 'c'))?.publicMinutes).toMatchObject({ version, publishedAt: APPROVED_AT });
  });

  it('withholds the public copy, and tells the secretariat, when the exempt item cannot be told apart', async () => {
    const { d, ref } = await scenario({ now: APPROVED_AT, board: { publicMinutes: true } });
    await d.cycles.putItems('c', [item(1, 'Apologies'), item(7, 'Staffing', { confidential: true })]);
    const version = await approved(d);

    expect(await makePublishMinutes(d)({ ...ref, minutesVersion: version })).toMatchObject({ public: false, actions: 2 });

    expect(recipients(d.emails('public-minutes-withheld'))).toEqual([people.secretariat.email]);
    expect((await d.cycles.getCycle('b', 'c'))?.publicMinutesWithheld).toMatchObject({ version });
    expect([...d.documents.objects.keys()].some((k) => k.includes('public'))).toBe(false);
  });

  it('reads the actions of an approved version that ExtractActions never saw', async () => {
    const { d, ref } = await scenario({ now: APPROVED_AT });
    const minutes = await saveMinutes(d, MINUTES, { status: 'approved', approval: { by: 'cara', at: APPROVED_AT, via: 'link' } });

    expect(await makePublishMinutes(d)({ ...ref, minutesVersion: minutes.version })).toMatchObject({ actions: 2 });
    expect((await d.actions.listActions('b')).map((a) => a.text)).toEqual([
      'Ann Able to circulate the plan by 1 April 2027.',
      'An update to be presented in June.',
    ]);
  });

  it('refuses minutes that are not approved', async () => {
    const { d, ref } = await scenario({ now: APPROVED_AT });
    const minutes = await saveMinutes(d, MINUTES);
    await expect(makePublishMinutes(d)({ ...ref, minutesVersion: minutes.version })).rejects.toThrow(ValidationError);
    expect(d.emails()).toEqual([]);
    expect(await d.actions.listActions('b')).toEqual([]);
  });
});
