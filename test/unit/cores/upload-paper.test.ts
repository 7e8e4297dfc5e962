import { createHash } from 'node:crypto';
import { isUploadFor, presignItemUpload, submitUpload, UPLOAD_WINDOW_SECONDS } from '../../../functions/http/links/upload-paper/core';
import { UploadRejectedError } from '../../../functions/shared/domain/errors';
import { loadCycleContext } from '../../../functions/shared/services/cycle-context';
import { checkedPaperKey, paperUploadKey, PREFIXES } from '../../../functions/shared/table/object-keys';
import { item } from '../../support/builders';
import { pdf, people, scenario } from './scenario';

const paperItem = item(2, 'Knife crime plan', { presenterMemberId: 'ann', paperExpected: true });
const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

async function arrange() {
  const s = await scenario();
  await s.d.cycles.putItems('c', [paperItem]);
  const cycle = await loadCycleContext(s.d, 'b', 'c');
  const form = await presignItemUpload(s.d, { cycleId: 'c', item: paperItem, kind: 'paper', returnTo: 'https://app.example.org/l/x' });
  const key = form.fields.key!;
  const submit = () => submitUpload(s.d, { cycle, item: paperItem, uploader: people.ann, key });
  return { ...s, key, submit };
}

describe('upload-paper core', () => {
  it('presigns one new key under the uploads, never under the checked papers, for five minutes', async () => {
    const { d } = await scenario();
    const spy = jest.spyOn(d.documents, 'presignUpload');

    const { fields } = await presignItemUpload(d, { cycleId: 'c', item: paperItem, kind: 'appendix', returnTo: '' });

    expect(fields.key).toMatch(/^paper-uploads\/c\/item-2\/appendix-[0-9a-f]{24}$/);
    expect(spy.mock.calls[0]?.[0].expiresInSeconds).toBe(UPLOAD_WINDOW_SECONDS);
    expect(UPLOAD_WINDOW_SECONDS).toBeLessThanOrEqual(5 * 60);
  });

  it('takes as an upload only a key the upload page could have issued for the item', () => {
    expect(isUploadFor('c', paperItem, paperUploadKey('c', 2, `paper-${'a'.repeat(24)}`))).toBe(true);
    expect(isUploadFor('c', paperItem, paperUploadKey('c', 3, `paper-${'a'.repeat(24)}`))).toBe(false);
    expect(isUploadFor('c', paperItem, checkedPaperKey('c', 2, `paper-${'a'.repeat(24)}`, 'ab', 'pdf'))).toBe(false);
    expect(isUploadFor('c', paperItem, paperUploadKey('c', 2, `paper-${'a'.repeat(24)}/x`))).toBe(false);
  });

  it('records a copy of exactly the bytes it checked, with their SHA-256 and version, at a key only the app writes', async () => {
    const { d, key, submit } = await arrange();
    const checked = await pdf(2);
    await d.documents.putBytes(key, checked, 'application/pdf');

    const { paper } = await submit();

    expect(paper).toMatchObject({ uploadKey: key, sha256: sha256(checked), versionId: 'v1', size: checked.byteLength, pages: 2 });
    expect(paper.s3Key.startsWith(PREFIXES.papers)).toBe(true);
    expect(d.documents.objects.get(paper.s3Key)).toEqual({ body: checked, contentType: 'application/pdf' });
  });

  it('changes nothing recorded or stored when the upload is posted again after its check', async () => {
    const { d, key, submit } = await arrange();
    const checked = await pdf(2);
    await d.documents.putBytes(key, checked, 'application/pdf');
    const { paper } = await submit();

    await d.documents.putBytes(key, await pdf(5), 'application/pdf');
    const again = await submit();

    expect(again.paper).toEqual(paper);
    expect(await d.cycles.listPapers('c')).toEqual([paper]);
    expect(sha256(await d.documents.getBytes(paper.s3Key))).toBe(paper.sha256);
  });

  it('refuses a key that is not an upload for the item, even one of its checked papers', async () => {
    const { d, key, submit } = await arrange();
    await d.documents.putBytes(key, await pdf(1), 'application/pdf');
    const { paper } = await submit();
    const cycle = await loadCycleContext(d, 'b', 'c');

    await expect(submitUpload(d, { cycle, item: paperItem, uploader: people.ann, key: paper.s3Key })).rejects.toThrow(UploadRejectedError);
  });
});
