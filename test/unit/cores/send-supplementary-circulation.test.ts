import { packKey } from '../../../functions/shared/table/object-keys';
import { makeSendSupplementaryCirculation } from '../../../functions/send-supplementary-circulation/send-supplementary-circulation';
import { item } from '../../support/builders';
import type { FakeDeps } from '../../support/fakes';
import { pdf, people, recipients, scenario, upload } from './scenario';

/** Cycle "c" after circulation: item 2's paper went out in the pack; item 3 had no paper yet. */
async function circulated(): Promise<Awaited<ReturnType<typeof scenario>> & { sentKey: string }> {
  const s = await scenario();
  await s.d.cycles.putItems('c', [
    item(1, 'Apologies'),
    item(2, 'Knife crime plan', { presenterMemberId: 'ann', paperExpected: true }),
    item(3, 'Health checks', { presenterMemberId: 'bob', paperExpected: true }),
  ]);
  const paper = await upload(s.d, 2, { body: await pdf(2) });
  const pack = { s3Key: packKey('c', 'members'), pages: 4, size: 100 };
  await s.d.cycles.updateCycle('b', 'c', () => ({ packs: { members: pack, public: pack, builtAt: '2027-03-01T08:00:00.000Z', papers: [paper.s3Key] } }));
  return { ...s, sentKey: paper.s3Key };
}

const cycleOf = (d: FakeDeps) => d.cycles.getCycle('b', 'c');

describe('SendSupplementaryCirculation', () => {
  it('rebuilds the pack for a late paper and sends every member only the item that changed', async () => {
    const { d, ref } = await circulated();
    const late = await upload(d, 3, { body: await pdf(3), late: true });

    expect(await makeSendSupplementaryCirculation(d)(ref)).toEqual({ items: 1, sent: 4 });

    const emails = d.emails('circulation');
    expect(recipients(emails).sort()).toEqual(
      Object.values(people)
        .map((m) => m.email)
        .sort(),
    );
    expect(emails[0]!.subject).toMatch(/^Supplementary papers for Riverside Safety Board/);
    expect(emails[0]!.text).toContain('What is new: the paper');
    expect(emails[0]!.text).toContain('3. Health checks');
    expect(emails[0]!.text).not.toContain('Knife crime plan');
    expect(emails[0]!.attachments).toBeUndefined();
    const after = await cycleOf(d);
    expect(after?.packs?.papers).toContain(late.s3Key);
    expect(d.documents.objects.has(packKey('c', 'members'))).toBe(true);
    // The cover and agenda, then both papers' pages (2 + 3).
    expect(after?.packs?.members.pages).toBeGreaterThan(5);
    expect(after?.supplementaryPending).toBeUndefined();
  });

  it('says an appendix is new without rebuilding the pack, and sends nothing on a second run', async () => {
    const { d, ref } = await circulated();
    await upload(d, 2, { kind: 'appendix', contentType: 'text/csv', fileName: 'figures.csv', size: 2048 });
    const send = makeSendSupplementaryCirculation(d);

    expect(await send(ref)).toEqual({ items: 1, sent: 4 });
    expect(await send(ref)).toEqual({ items: 0, sent: 0 });

    expect(d.emails()).toHaveLength(4);
    expect(d.emails()[0]!.text).toContain('Appendices are separate files: the board pack has not changed.');
    expect(d.documents.objects.has(packKey('c', 'members'))).toBe(false);
  });

  it('after a failure part-way, sends the same changes to the members not yet reached', async () => {
    const { d, ref } = await circulated();
    await upload(d, 3, { body: await pdf(1) });
    d.mailer.failNext = 1;
    const send = makeSendSupplementaryCirculation(d);

    await expect(send(ref)).rejects.toThrow('SES is down');
    expect((await cycleOf(d))?.supplementaryPending).toBeDefined();
    await send(ref);

    expect(recipients(d.emails()).sort()).toEqual(
      Object.values(people)
        .map((m) => m.email)
        .sort(),
    );
    expect(d.emails().every((e) => e.text.includes('3. Health checks'))).toBe(true);
    expect((await cycleOf(d))?.supplementaryPending).toBeUndefined();
  });

  it('does nothing before the papers went out', async () => {
    const { d, ref } = await scenario();
    await upload(d, 2);
    expect(await makeSendSupplementaryCirculation(d)(ref)).toEqual({ items: 0, sent: 0 });
    expect(d.emails()).toEqual([]);
  });
});
