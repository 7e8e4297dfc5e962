import { createHash } from 'node:crypto';
import {
  itemOf,
  MAX_UPLOADS_PER_ITEM,
  presignItemUpload,
  submitUpload,
  UPLOAD_WINDOW_SECONDS,
  uploadForm,
} from '../../../functions/http/links/upload-paper/core';
import { LimitReachedError, NotFoundError, PaperTooLargeError, UploadRejectedError } from '../../../functions/shared/domain/errors';
import type { AgendaItem } from '../../../functions/shared/domain/types';
import { parseOrThrow } from '../../../functions/shared/domain/validate';
import { checkedPaperKey, paperUploadKey, PREFIXES } from '../../../functions/shared/table/object-keys';
import { item } from '../../support/builders';
import type { FakeDeps } from '../../support/fakes';
import { context, LONG, pdf, people, recipients, refusal, scenario } from './scenario';

const BEFORE_DEADLINE = '2027-02-20T09:00:00.000Z';
const AFTER_DEADLINE = '2027-03-01T09:00:00.000Z';
const PLAN = item(2, 'Knife crime plan', { presenterMemberId: 'ann', paperExpected: true });
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, ...Buffer.from('IHDR'), 0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0]);

/** Item 2 of cycle "c", presented by Ann, on the agenda. */
async function withPlan(now = BEFORE_DEADLINE, config?: { maxPaperBytes: number }): Promise<FakeDeps> {
  const { d } = await scenario({ now, ...(config ? { config } : {}) });
  await d.cycles.putItems('c', [item(1, 'Apologies'), PLAN]);
  return d;
}

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');
/** An upload's name as the upload page makes them, `paper-` or `appendix-` and 24 hex digits, here from `seed`. */
const uploadName = (kind: 'paper' | 'appendix', seed: string): string => `${kind}-${seed.repeat(24).slice(0, 24)}`;

/** What S3 stores when Ann's browser posts the file to a presigned form of item 2: the form's key, issued for `kind`. */
async function arrived(d: FakeDeps, kind: 'paper' | 'appendix', body: Uint8Array, contentType = 'application/octet-stream'): Promise<string> {
  const form = await presignItemUpload(d, { cycleId: 'c', item: PLAN, kind, returnTo: 'https://app.example.org/l/t' });
  const key = form.fields.key!;
  await d.documents.putBytes(key, body, contentType);
  return key;
}

/** The submit button's POST as the page handles it: the form read by its schema, then the core. */
const submit = async (d: FakeDeps, fields: Record<string, unknown>, forItem: AgendaItem = PLAN) =>
  submitUpload(d, { cycle: await context(d), item: forItem, uploader: people.ann, key: parseOrThrow(uploadForm, fields, 'upload').key });

describe('the upload-paper link', () => {
  it('records a PDF paper under our own name with its pages, and sends the presenter a receipt', async () => {
    const d = await withPlan();
    const key = await arrived(d, 'paper', await pdf(3), 'application/pdf');

    const { paper, outcome } = await submit(d, { key });

    expect(paper).toMatchObject({ itemNumber: 2, version: 1, kind: 'paper', uploadKey: key, fileName: 'item-2.pdf', pages: 3, uploadedBy: 'ann', late: false });
    expect(outcome).toMatch(/^Version 1 of the paper for item 2 \(.*\) was received\.$/);
    const receipts = d.emails('paper-receipt');
    expect(recipients(receipts)).toEqual([people.ann.email]);
    expect(receipts[0]!.subject).toBe('Paper received: item 2, Knife crime plan (version 1)');
  });

  it('records as the paper the checked copy of the bytes it read, named by their SHA-256, not the upload', async () => {
    const d = await withPlan();
    const bytes = await pdf(2);
    const key = await arrived(d, 'paper', bytes, 'application/pdf');

    const { paper } = await submit(d, { key });

    const name = key.split('/').at(-1)!;
    expect(paper).toMatchObject({ s3Key: checkedPaperKey('c', 2, name, sha256(bytes), 'pdf'), sha256: sha256(bytes), uploadKey: key });
    expect(d.documents.objects.get(paper.s3Key)).toEqual({ body: bytes, contentType: 'application/pdf' });
  });

  it('records a resubmitted form once, with one receipt, and a new upload as the next version', async () => {
    const d = await withPlan();
    const first = await arrived(d, 'paper', await pdf(1));
    await submit(d, { key: first });
    await submit(d, { key: first });

    const second = await arrived(d, 'paper', await pdf(2));
    const { outcome } = await submit(d, { key: second });

    expect(outcome).toMatch(/^Version 2 of the paper/);
    expect((await d.cycles.listPapers('c')).map((p) => p.uploadKey)).toEqual([first, second]);
    expect(d.emails('paper-receipt')).toHaveLength(2);
  });

  it('records an appendix by the type its bytes show, and stores it with that type', async () => {
    const d = await withPlan();
    const key = await arrived(d, 'appendix', new Uint8Array(Buffer.from('Area,Incidents\nNorth,12\nSouth,9\n')));

    const { paper, outcome } = await submit(d, { key });

    expect(paper).toMatchObject({ kind: 'appendix', fileName: 'item-2-appendix-1.csv', contentType: 'text/csv; charset=utf-8' });
    expect(paper.s3Key).toMatch(/\.csv$/);
    expect((await d.documents.head(paper.s3Key))?.contentType).toBe('text/csv; charset=utf-8');
    expect(outcome).toContain('Appendix 1 to item 2');
    expect(d.emails('paper-receipt')[0]!.subject).toBe('Appendix received: item 2, Knife crime plan (appendix 1)');
  });

  it('marks a paper after the deadline late, for the supplementary circulation', async () => {
    const d = await withPlan(AFTER_DEADLINE);

    const { paper, outcome } = await submit(d, { key: await arrived(d, 'paper', await pdf(1)) });

    expect(paper.late).toBe(true);
    expect(outcome).toContain('after the deadline and will go out in a supplementary circulation');
  });

  it('refuses a paper that is not a PDF, saying to export it or upload it as an appendix, and records nothing', async () => {
    const d = await withPlan();
    const key = await arrived(d, 'paper', PNG, 'application/pdf');

    await expect(submit(d, { key })).rejects.toThrow(
      new UploadRejectedError(
        'The file is a PNG image, not a PDF. The paper goes into the board pack, so it must be a PDF: ' +
          'please export it as PDF and upload it again, or upload this file as an appendix.',
      ),
    );
    expect(await d.cycles.listPapers('c')).toEqual([]);
    expect(d.emails()).toEqual([]);
  });

  it("refuses an appendix of a type members' machines should not open, another item's upload, a missing one and one too large", async () => {
    const d = await withPlan(BEFORE_DEADLINE, { maxPaperBytes: 2048 });
    const otherItems = paperUploadKey('c', 1, uploadName('paper', '1'));
    await d.documents.putBytes(otherItems, await pdf(1), 'application/pdf');

    await expect(submit(d, { key: await arrived(d, 'appendix', new Uint8Array([0x4d, 0x5a, 0x90, 0, 3, 0, 0xff, 0xfe])) })).rejects.toThrow(
      UploadRejectedError,
    );
    await expect(submit(d, { key: otherItems })).rejects.toThrow(new UploadRejectedError('That upload does not belong to this item.'));
    await expect(submit(d, { key: paperUploadKey('c', 2, uploadName('paper', 'a')) })).rejects.toThrow(NotFoundError);
    await expect(submit(d, { key: await arrived(d, 'paper', new Uint8Array(4096)) })).rejects.toThrow(
      new PaperTooLargeError('The file is 4 KB; the limit is 2 KB.'),
    );

    expect(await d.cycles.listPapers('c')).toEqual([]);
    expect([...d.documents.objects.keys()].filter((k) => k.startsWith(PREFIXES.papers))).toEqual([]);
    expect(d.emails()).toEqual([]);
  });

  it("presigns uploads under the item's upload prefix, a paper as PDF only, and finds only items still on the agenda", async () => {
    const d = await withPlan(BEFORE_DEADLINE, { maxPaperBytes: 2048 });
    const presign = jest.spyOn(d.documents, 'presignUpload');
    const upload = (kind: 'paper' | 'appendix') => presignItemUpload(d, { cycleId: 'c', item: PLAN, kind, returnTo: 'https://app.example.org/l/t' });

    expect((await upload('paper')).fields.key).toMatch(/^paper-uploads\/c\/item-2\/paper-[0-9a-f]{24}$/);
    expect((await upload('appendix')).fields.key).toMatch(/^paper-uploads\/c\/item-2\/appendix-[0-9a-f]{24}$/);
    expect(presign.mock.calls.map(([input]) => [input.contentTypes, input.maxBytes, input.expiresInSeconds])).toEqual([
      [['application/pdf'], 2048, UPLOAD_WINDOW_SECONDS],
      [['application/octet-stream'], 2048, UPLOAD_WINDOW_SECONDS],
    ]);
    expect(await itemOf(d, 'c', '2')).toMatchObject({ title: 'Knife crime plan' });
    await expect(itemOf(d, 'c', '7')).rejects.toThrow(new NotFoundError('Item 7 is no longer on the agenda.'));
    await expect(itemOf(d, 'c', undefined)).rejects.toThrow(NotFoundError);
  });

  it('refuses a hostile form, recording nothing', async () => {
    const d = await withPlan();

    expect(refusal(uploadForm, { key: LONG }, 'upload').issues).toEqual([expect.stringMatching(/^key: /)]);
    expect(refusal(uploadForm, {}, 'upload').message).toMatch(/^Invalid upload: key: /);
    expect(refusal(uploadForm, { key: [paperUploadKey('c', 2, uploadName('paper', 'a'))] }, 'upload').issues).toHaveLength(1);
    await d.documents.putBytes(paperUploadKey('c', 1, uploadName('paper', 'b')), await pdf(1), 'application/pdf');
    await expect(submit(d, { key: paperUploadKey('c', 2, `../item-1/${uploadName('paper', 'b')}`) })).rejects.toThrow(
      new UploadRejectedError('That upload does not belong to this item.'),
    );

    expect(await d.cycles.listPapers('c')).toEqual([]);
  });

  it(`refuses a paper beyond the ${MAX_UPLOADS_PER_ITEM}th version of an item, storing nothing, while appendices still count apart`, async () => {
    const d = await withPlan();
    for (let v = 1; v <= MAX_UPLOADS_PER_ITEM; v++) {
      await d.cycles.addPaper({
        cycleId: 'c',
        itemNumber: 2,
        kind: 'paper',
        s3Key: `papers/c/item-2/v${v}.pdf`,
        fileName: 'item-2.pdf',
        contentType: 'application/pdf',
        size: 100,
        uploadedBy: 'ann',
        uploadedAt: BEFORE_DEADLINE,
        late: false,
      });
    }
    const key = await arrived(d, 'paper', await pdf(1), 'application/pdf');
    const before = [...d.documents.objects.keys()];

    await expect(submit(d, { key })).rejects.toThrow(
      new LimitReachedError(
        `Item 2 already has ${MAX_UPLOADS_PER_ITEM} versions of the paper, the most one cycle keeps; this upload was not recorded. Please write to the secretariat at sam@example.org.`,
      ),
    );

    expect(await d.cycles.listPapers('c')).toHaveLength(MAX_UPLOADS_PER_ITEM);
    expect([...d.documents.objects.keys()]).toEqual(before);
    expect(d.emails('paper-receipt')).toEqual([]);
    const appendix = await arrived(d, 'appendix', PNG, 'image/png');
    expect((await submit(d, { key: appendix })).outcome).toMatch(/^Appendix 1 to item 2/);
  });
});
