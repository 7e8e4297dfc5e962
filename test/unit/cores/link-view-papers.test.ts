import { circulatedPapers, fileDownload, openPack, packDownload, readPapersPath } from '../../../functions/http/links/view-papers/core';
import { NotFoundError } from '../../../functions/shared/domain/errors';
import type { Cycle } from '../../../functions/shared/domain/types';
import { item } from '../../support/builders';
import type { FakeDeps } from '../../support/fakes';
import { context, LONG, people, scenario, upload } from './scenario';

const AFTER_CIRCULATION = '2027-03-03T09:00:00.000Z';
const PACKS: Cycle['packs'] = {
  members: { s3Key: 'packs/c/members.pdf', pages: 12, size: 5000 },
  public: { s3Key: 'packs/c/public.pdf', pages: 9, size: 4000 },
  builtAt: '2027-03-02T09:00:00.000Z',
};

/** Cycle "c" circulated: its pack built, item 2 with two versions of its paper and an appendix. */
async function circulated(cycle: Partial<Cycle> = { packs: PACKS }): Promise<FakeDeps> {
  const { d } = await scenario({ now: AFTER_CIRCULATION, cycle });
  await d.cycles.putItems('c', [item(1, 'Apologies'), item(2, 'Knife crime plan', { paperExpected: true })]);
  await upload(d, 2, { s3Key: 'papers/c/item-2/v1.pdf' });
  await upload(d, 2, { s3Key: 'papers/c/item-2/appendix-a', kind: 'appendix', fileName: 'item-2-appendix-1.csv', contentType: 'text/csv' });
  await upload(d, 2, { s3Key: 'papers/c/item-2/v2.pdf' });
  return d;
}

describe('the view-papers link', () => {
  it('reads what a path below the link asks for, and nothing else', () => {
    expect(readPapersPath('')).toEqual({ kind: 'list' });
    expect(readPapersPath('pack')).toEqual({ kind: 'pack' });
    expect(readPapersPath('paper/2')).toEqual({ kind: 'paper', item: 2 });
    expect(readPapersPath('appendix/2/3')).toEqual({ kind: 'appendix', item: 2, version: 3 });
    for (const hostile of ['paper/2/../../minutes', '../pack', 'paper/two', 'appendix/2', 'pack/', `paper/${LONG}x`, 'PACK', 'paper/-1']) {
      expect(readPapersPath(hostile)).toBeUndefined();
    }
  });

  it("lists each item's latest paper and its appendices", async () => {
    const d = await circulated();

    const { items, latest, appendices } = await circulatedPapers(d, 'c');

    expect(items.map((i) => i.title)).toEqual(['Apologies', 'Knife crime plan']);
    expect([...latest].map(([n, p]) => [n, p.s3Key])).toEqual([[2, 'papers/c/item-2/v2.pdf']]);
    expect(appendices.get(2)?.map((a) => a.version)).toEqual([2]);
  });

  it("counts each member's opening of the pack, and gives a short download under the board's name", async () => {
    const d = await circulated();
    const cycle = await context(d);

    const url = await openPack(d, cycle, people.bob);
    d.clock.advance(3_600_000);
    await openPack(d, cycle, people.bob);

    expect(url).toBe(
      `https://documents.example.org/packs%2Fc%2Fmembers.pdf?expires=300&name=${encodeURIComponent('Riverside Safety Board board pack 2027-03-10.pdf')}`,
    );
    expect(await d.cycles.listPackOpens('c')).toEqual([
      { cycleId: 'c', memberId: 'bob', firstAt: AFTER_CIRCULATION, lastAt: '2027-03-03T10:00:00.000Z', count: 2 },
    ]);
    expect(await packDownload(d, cycle)).toBe(url);
    expect(await d.cycles.listPackOpens('c')).toHaveLength(1);
  });

  it('refuses the pack before it is built, counting nothing', async () => {
    const d = await circulated({});

    await expect(openPack(d, await context(d), people.bob)).rejects.toThrow(
      new NotFoundError('The board pack is built when the papers are circulated; it is not ready yet.'),
    );
    expect(await d.cycles.listPackOpens('c')).toEqual([]);
  });

  it('downloads the latest paper of an item and an appendix by its version, and refuses what does not exist', async () => {
    const d = await circulated();

    expect(await fileDownload(d, 'c', { item: 2 })).toContain(encodeURIComponent('papers/c/item-2/v2.pdf'));
    expect(await fileDownload(d, 'c', { item: 2, version: 2 })).toContain('name=item-2-appendix-1.csv');
    await expect(fileDownload(d, 'c', { item: 1 })).rejects.toThrow(new NotFoundError('There is no paper for item 1.'));
    await expect(fileDownload(d, 'c', { item: 2, version: 3 })).rejects.toThrow(new NotFoundError('There is no such appendix to item 2.'));
  });
});
