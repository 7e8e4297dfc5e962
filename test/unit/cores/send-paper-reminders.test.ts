import { makeRequestPapers } from '../../../functions/request-papers/request-papers';
import { item } from '../../support/builders';
import { people, recipients, scenario, upload } from './scenario';

/** SendPaperReminders runs the RequestPapers core limited to missing papers (its handler passes onlyMissing). */
const remind = (d: Awaited<ReturnType<typeof scenario>>['d']) => makeRequestPapers(d, { onlyMissing: true });

describe('SendPaperReminders', () => {
  it('reminds only presenters whose paper has not arrived; an appendix alone does not count as the paper', async () => {
    const { d, ref } = await scenario();
    await d.cycles.putItems('c', [
      item(2, 'Knife crime plan', { presenterMemberId: 'ann', paperExpected: true }),
      item(3, 'Health checks', { presenterMemberId: 'bob', paperExpected: true }),
      item(4, 'Budget', { presenterMemberId: 'cara', paperExpected: true }),
    ]);
    await upload(d, 2);
    await upload(d, 3, { kind: 'appendix', contentType: 'text/csv' });

    expect(await remind(d)(ref)).toEqual({ sent: 2 });

    const emails = d.emails('paper-reminder');
    expect(recipients(emails).sort()).toEqual([people.bob.email, people.chair.email]);
    expect(emails.find((e) => e.to[0]?.email === people.bob.email)?.subject).toMatch(/^Reminder: paper due .*: item 3, Health checks$/);
    expect(d.emails('paper-request')).toEqual([]);
  });

  it('sends a reminder once, even to a presenter already sent the request', async () => {
    const { d, ref } = await scenario();
    await d.cycles.putItems('c', [item(2, 'Knife crime plan', { presenterMemberId: 'ann', paperExpected: true })]);
    await makeRequestPapers(d, { onlyMissing: false })(ref);

    await remind(d)(ref);
    await remind(d)(ref);

    expect(d.emails().map((e) => e.kind)).toEqual(['paper-request', 'paper-reminder']);
  });

  it('sends nothing when every paper is in', async () => {
    const { d, ref } = await scenario();
    await d.cycles.putItems('c', [item(2, 'Knife crime plan', { presenterMemberId: 'ann', paperExpected: true })]);
    await upload(d, 2);

    expect(await remind(d)(ref)).toEqual({ sent: 0 });
    expect(d.emails()).toEqual([]);
  });
});
