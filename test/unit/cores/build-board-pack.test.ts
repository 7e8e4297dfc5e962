import { PDFDocument } from '@cantoo/pdf-lib';
import { makeBuildBoardPack } from '../../../functions/build-board-pack/build-board-pack';
import { packHtmlKey, packKey } from '../../../functions/shared/table/object-keys';
import { CycleFailedError, NotFoundError } from '../../../functions/shared/domain/errors';
import { item } from '../../support/builders';
import { pageTexts } from '../../support/pdf-text';
import { pdf, scenario, upload } from './scenario';

const pagesOf = async (bytes: Uint8Array): Promise<number> => (await PDFDocument.load(bytes)).getPageCount();

describe('BuildBoardPack', () => {
  it("merges each item's latest paper into the members' pack, withholds the exempt one from the public pack, and records both", async () => {
    const { d, ref } = await scenario();
    await d.cycles.putItems('c', [
      item(1, 'Apologies'),
      item(2, 'Knife crime plan', { presenterMemberId: 'ann', paperExpected: true }),
      item(3, 'Staffing', { presenterMemberId: 'bob', paperExpected: true, confidential: true }),
    ]);
    await upload(d, 2, { body: await pdf(1) });
    const latest = await upload(d, 2, { body: await pdf(3) });
    const exempt = await upload(d, 3, { body: await pdf(2) });
    const appendix = await upload(d, 3, { kind: 'appendix', contentType: 'text/csv' });

    const result = await makeBuildBoardPack(d)(ref);

    const members = d.documents.objects.get(packKey('c', 'members'))!;
    const publicPack = d.documents.objects.get(packKey('c', 'public'))!;
    expect(members.contentType).toBe('application/pdf');
    expect(await pagesOf(members.body)).toBe(result.members);
    expect(await pagesOf(publicPack.body)).toBe(result.public);
    // The latest version (3 pages) and the exempt paper (2) are in; the public pack lacks the exempt pages.
    expect(result.members - result.public).toBe(2);
    const { packs } = (await d.cycles.getCycle('b', 'c'))!;
    expect(packs).toMatchObject({
      members: { s3Key: packKey('c', 'members'), pages: result.members, size: members.body.byteLength },
      public: { s3Key: packKey('c', 'public'), pages: result.public },
      builtAt: d.clock.now().toISOString(),
    });
    expect(packs!.papers!.sort()).toEqual([latest.s3Key, exempt.s3Key, appendix.s3Key].sort());
  });

  it("gives an urgent late item's reason to the pack and its web page twin", async () => {
    const { d, ref } = await scenario();
    const urgency = { lateItemId: 'l1', reason: 'The contractor failed on Friday.', chair: 'Cara Chair', agreedAt: '2027-03-05T09:00:00.000Z' };
    await d.cycles.putItems('c', [item(1, 'Apologies'), item(2, 'Replacement contractor', { urgency })]);

    await makeBuildBoardPack(d)(ref);

    const twin = Buffer.from(d.documents.objects.get(packHtmlKey('c', 'members'))!.body).toString();
    expect(twin).toContain('<p>Urgent business: The contractor failed on Friday.</p>');
    const agenda = pageTexts(await PDFDocument.load(d.documents.objects.get(packKey('c', 'members'))!.body))[1]!;
    expect(agenda).toContain('Urgent business: The contractor failed on Friday.');
  });

  it('builds the same packs when retried', async () => {
    const { d, ref } = await scenario();
    await d.cycles.putItems('c', [item(2, 'Knife crime plan', { presenterMemberId: 'ann', paperExpected: true })]);
    await upload(d, 2, { body: await pdf(2) });
    const build = makeBuildBoardPack(d);

    const first = await build(ref);
    expect(await build(ref)).toEqual(first);
  });

  it('refuses to pack a paper whose stored bytes are not the ones checked at upload, recording no pack', async () => {
    const { d, ref } = await scenario();
    await d.cycles.putItems('c', [item(2, 'Knife crime plan', { presenterMemberId: 'ann', paperExpected: true })]);
    const paper = await upload(d, 2, { body: await pdf(1) });
    await d.documents.putBytes(paper.s3Key, await pdf(4), 'application/pdf');

    await expect(makeBuildBoardPack(d)(ref)).rejects.toThrow(CycleFailedError);
    expect((await d.cycles.getCycle('b', 'c'))?.packs).toBeUndefined();
  });

  it("fails when a recorded paper's file is missing from the store, recording no pack", async () => {
    const { d, ref } = await scenario();
    await d.cycles.putItems('c', [item(2, 'Knife crime plan', { presenterMemberId: 'ann', paperExpected: true })]);
    await upload(d, 2);

    await expect(makeBuildBoardPack(d)(ref)).rejects.toThrow(NotFoundError);
    expect((await d.cycles.getCycle('b', 'c'))?.packs).toBeUndefined();
  });
});
