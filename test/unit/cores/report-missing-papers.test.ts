import { makeReportMissingPapers } from '../../../functions/report-missing-papers/report-missing-papers';
import { NotFoundError } from '../../../functions/shared/domain/errors';
import { item, member } from '../../support/builders';
import { people, recipients, scenario, upload } from './scenario';

const agenda = [
  item(1, 'Apologies'),
  item(2, 'Knife crime plan', { presenterMemberId: 'ann', paperExpected: true }),
  item(3, 'Health checks', { presenterMemberId: 'bob', paperExpected: true }),
  item(4, 'Budget', { paperExpected: true }),
];

describe('ReportMissingPapers', () => {
  it('tells the secretariat which papers have not arrived, and from whom', async () => {
    const { d, ref } = await scenario();
    await d.cycles.putItems('c', agenda);
    await upload(d, 2);
    await upload(d, 3, { kind: 'appendix' });

    expect(await makeReportMissingPapers(d)(ref)).toEqual({ missing: 2 });

    const [email, ...others] = d.emails('papers-not-received');
    expect(others).toEqual([]);
    expect(recipients([email!])).toEqual([people.secretariat.email]);
    expect(email!.subject).toBe('2 papers not received for Wednesday 10 March: Riverside Safety Board');
    expect(email!.text).toContain('Health checks');
    expect(email!.text).toContain('bob@example.org');
    expect(email!.text).toContain('No presenter named');
    expect(email!.text).not.toContain('Knife crime plan');
  });

  it('reports once when retried', async () => {
    const { d, ref } = await scenario();
    await d.cycles.putItems('c', agenda);
    await makeReportMissingPapers(d)(ref);
    await makeReportMissingPapers(d)(ref);
    expect(d.emails()).toHaveLength(1);
  });

  it('sends nothing when every paper is in', async () => {
    const { d, ref } = await scenario();
    await d.cycles.putItems('c', agenda.slice(0, 2));
    await upload(d, 2);
    expect(await makeReportMissingPapers(d)(ref)).toEqual({ missing: 0 });
    expect(d.emails()).toEqual([]);
  });

  it('refuses, with papers missing, a board that has no secretariat to tell', async () => {
    const { d, ref } = await scenario({ members: [member('cara', 'Cara Chair', 'Council', ['chair'])] });
    await d.cycles.putItems('c', agenda);
    await expect(makeReportMissingPapers(d)(ref)).rejects.toThrow(NotFoundError);
  });
});
