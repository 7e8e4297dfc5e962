import { makeRequestPapers } from '../../../functions/request-papers/request-papers';
import { item } from '../../support/builders';
import { appLinks, people, recipients, scenario } from './scenario';

const agenda = [
  item(1, 'Apologies'),
  item(2, 'Knife crime plan', { presenterMemberId: 'ann', paperExpected: true }),
  item(3, 'Health checks', { presenterMemberId: 'bob', paperExpected: true }),
  item(4, 'Verbal update', { presenterMemberId: 'bob' }),
];

describe('RequestPapers', () => {
  it('asks each presenter whose item expects a paper for it, with an upload link for that item', async () => {
    const { d, cycle, ref } = await scenario();
    await d.cycles.putItems('c', agenda);

    expect(await makeRequestPapers(d, { onlyMissing: false })(ref)).toEqual({ sent: 2 });

    const emails = d.emails('paper-request');
    expect(recipients(emails).sort()).toEqual([people.ann.email, people.bob.email]);
    const ann = emails.find((e) => e.to[0]?.email === people.ann.email)!;
    expect(ann.subject).toMatch(/^Paper due .*: item 2, Knife crime plan$/);
    expect(ann.text).toContain('25 MB');
    expect(d.links.forUrl(appLinks(ann)[0]!)).toMatchObject({
      purpose: 'upload-paper',
      memberId: 'ann',
      subject: '2',
      singleUse: false,
      expiresAt: cycle.timeline.meeting,
    });
  });

  it('sends no request twice when retried', async () => {
    const { d, ref } = await scenario();
    await d.cycles.putItems('c', agenda);
    const request = makeRequestPapers(d, { onlyMissing: false });

    await request(ref);
    expect(await request(ref)).toEqual({ sent: 0 });

    expect(d.emails()).toHaveLength(2);
  });

  it('skips an item whose presenter is no longer a member', async () => {
    const { d, ref } = await scenario();
    await d.cycles.putItems('c', [item(2, 'Orphan', { presenterMemberId: 'gone', paperExpected: true })]);

    expect(await makeRequestPapers(d, { onlyMissing: false })(ref)).toEqual({ sent: 0 });
    expect(d.emails()).toEqual([]);
  });
});
