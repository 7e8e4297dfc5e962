import { makeCirculatePapers } from '../../../functions/circulate-papers/circulate-papers';
import { PartialSendError, RetryableError } from '../../../functions/shared/domain/errors';
import { appendixPath } from '../../../functions/shared/domain/links';
import { messageIdFor, STALE_CLAIM_MS } from '../../../functions/shared/services/send-once';
import { outboxKeys } from '../../../functions/shared/table/outbox-keys';
import type { Cycle } from '../../../functions/shared/domain/types';
import { item } from '../../support/builders';
import { appLinks, people, recipients, scenario, upload } from './scenario';

const packs: Cycle['packs'] = {
  members: { s3Key: 'packs/c/members.pdf', pages: 12, size: 5000, itemStartPages: { 2: 4 } },
  public: { s3Key: 'packs/c/public.pdf', pages: 9, size: 4000 },
  builtAt: '2027-03-01T08:00:00.000Z',
  papers: [],
};

describe('CirculatePapers', () => {
  it('sends every member the agenda with links to each paper, appendix, the pack and apologies, and a calendar invitation', async () => {
    const { d, cycle, ref } = await scenario({ cycle: { packs } });
    await d.cycles.putItems('c', [item(1, 'Apologies'), item(2, 'Knife crime plan', { presenterMemberId: 'ann', paperExpected: true })]);
    await upload(d, 2);
    const appendix = await upload(d, 2, { kind: 'appendix', contentType: 'text/csv', fileName: 'figures.csv', size: 2048 });

    expect(await makeCirculatePapers(d)(ref)).toEqual({ sent: 4, papers: 1 });

    const emails = d.emails('circulation');
    expect(recipients(emails).sort()).toEqual(
      Object.values(people)
        .map((m) => m.email)
        .sort(),
    );
    const bob = emails.find((e) => e.to[0]?.email === people.bob.email)!;
    expect(bob.subject).toBe('Papers for Riverside Safety Board, Wednesday 10 March: please read before the meeting');
    expect(bob.text).toContain('The board pack is one PDF of 12 pages; each paper can also be opened on its own, and appendices are separate files.');
    expect(bob.text).toContain('Open the board pack');
    expect(bob.text).toContain('Paper for item 2 (pack page 4)');
    expect(bob.text).toContain('Presented by Ann Able');
    const [papersUrl] = appLinks(bob);
    expect(bob.text).toContain(`${papersUrl}/paper/2`);
    expect(bob.text).toContain(`${papersUrl}/${appendixPath(appendix)}`);
    const apologiesUrl = /I can’t attend:\n(\S+)/.exec(bob.text)?.[1];
    expect(d.links.forUrl(apologiesUrl!)).toMatchObject({ purpose: 'send-apologies', memberId: 'bob', singleUse: false });
    expect(d.links.forUrl(papersUrl!)).toMatchObject({ purpose: 'view-papers', memberId: 'bob', singleUse: false });
    expect(Date.parse(d.links.forUrl(papersUrl!)!.expiresAt)).toBeGreaterThan(Date.parse(cycle.timeline.meeting));
    expect(bob.attachments?.[0]?.contentType).toContain('text/calendar');
  });

  it('sends nothing twice when retried', async () => {
    const { d, ref } = await scenario({ cycle: { packs } });
    await d.cycles.putItems('c', [item(1, 'Apologies')]);
    await makeCirculatePapers(d)(ref);

    expect(await makeCirculatePapers(d)(ref)).toEqual({ sent: 0, papers: 0 });
    expect(d.emails()).toHaveLength(4);
  });

  it('circulates the agenda without a pack link when no pack was built', async () => {
    const { d, ref } = await scenario();
    await d.cycles.putItems('c', [item(1, 'Apologies')]);

    await makeCirculatePapers(d)(ref);

    expect(d.emails('circulation')[0]?.text).not.toContain('Open the board pack');
  });

  it('sends every member it can when one send fails, names who was not sent, and the retry sends only them', async () => {
    const { d, ref } = await scenario({ cycle: { packs } });
    await d.cycles.putItems('c', [item(1, 'Apologies')]);
    const send = d.mailer.send.bind(d.mailer);
    d.mailer.send = async (message) => {
      if (message.to[0]?.email === people.ann.email) throw new RetryableError('SES did not accept the email for now (TooManyRequestsException)');
      return send(message);
    };

    const failed = makeCirculatePapers(d)(ref);

    await expect(failed).rejects.toThrow(PartialSendError);
    await expect(failed).rejects.toMatchObject({ name: 'PartialSendError', unsent: ['ann'], message: expect.stringContaining('1 of 4 not sent (ann)') });
    expect(recipients(d.emails('circulation')).sort()).toEqual([people.bob.email, people.chair.email, people.secretariat.email].sort());

    d.mailer.send = send;
    expect(await makeCirculatePapers(d)(ref)).toEqual({ sent: 1, papers: 0 });
    expect(recipients(d.emails('circulation')).sort()).toEqual(
      Object.values(people)
        .map((m) => m.email)
        .sort(),
    );
  });

  it('sends the papers to a member whose earlier attempt died between claiming and sending, once the claim is stale', async () => {
    const { d, ref } = await scenario({ cycle: { packs } });
    await d.cycles.putItems('c', [item(1, 'Apologies')]);
    const key = outboxKeys.circulationTo(outboxKeys.circulation('c'), 'bob');
    await d.outbox.claim(key, d.clock.now().toISOString());

    // A retry soon after may find the attempt still sending: it leaves the claim alone.
    d.clock.advance(60_000);
    expect(await makeCirculatePapers(d)(ref)).toEqual({ sent: 3, papers: 0 });
    expect(recipients(d.emails('circulation'))).not.toContain(people.bob.email);

    d.clock.advance(STALE_CLAIM_MS);
    expect(await makeCirculatePapers(d)(ref)).toEqual({ sent: 1, papers: 0 });
    const bob = d.emails('circulation').filter((e) => e.to[0]?.email === people.bob.email);
    expect(bob.map((e) => e.messageId)).toEqual([messageIdFor(key)]);
  });
});
