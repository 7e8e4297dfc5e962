import {
  DOCX_TYPE,
  exportMinutes,
  MAX_MINUTES_UPLOAD_BYTES,
  minutesForm,
  presignMinutesUpload,
  readUpload,
  sendMinutes,
  startingText,
} from '../../../functions/http/links/submit-minutes/core';
import { NotFoundError, NotWaitingError, PaperTooLargeError, UploadRejectedError, ValidationError } from '../../../functions/shared/domain/errors';
import { parseOrThrow } from '../../../functions/shared/domain/validate';
import { item } from '../../support/builders';
import type { FakeDeps } from '../../support/fakes';
import { context, LONG, MINUTES, people, refusal, saveMinutes, scenario, waiting } from './scenario';

const AFTER_MEETING = '2027-03-11T09:00:00.000Z';

/** Each call sends as a separate link (`by`: the claimant), as two pages would. */
let sends = 0;

/** The secretariat's minutes as the page posts them: the form read by its schema, then the core. */
const send = async (d: FakeDeps, fields: Record<string, unknown>): Promise<string> =>
  sendMinutes(d, { cycleId: 'c', author: people.secretariat, text: parseOrThrow(minutesForm, fields, 'minutes').text, by: `link-${++sends}` });

/** A file the secretariat uploaded for cycle "c", as S3 stores it under the presigned key. */
async function uploaded(d: FakeDeps, fileName: string, body: string | Uint8Array): Promise<string> {
  const key = `minutes-uploads/c/upload-1/${fileName}`;
  await d.documents.putBytes(key, typeof body === 'string' ? Buffer.from(body) : body, 'application/octet-stream');
  return key;
}

describe('sending the minutes to the chair', () => {
  it('saves them as a new submitted version and resumes the cycle waiting for the draft', async () => {
    const { d } = await scenario({ now: AFTER_MEETING });
    const token = await waiting(d, 'minutes-draft');

    expect(await send(d, { text: `  ${MINUTES}  `, step: 'send' })).toBe('Version 1 of the minutes was saved by Sam Secretary and sent to the chair.');

    const minutes = await d.cycles.getMinutes('c', 1);
    expect(minutes).toMatchObject({ status: 'submitted', savedBy: 'sam', savedAt: AFTER_MEETING });
    expect(await d.documents.getText(minutes!.s3Key)).toBe(MINUTES.trim());
    expect(d.workflow.resumed).toEqual([{ taskToken: token, output: { version: 1 } }]);
  });

  it('refuses a second send once a version has gone to the chair, saving nothing more', async () => {
    const { d } = await scenario({ now: AFTER_MEETING });
    await waiting(d, 'minutes-draft');
    await send(d, { text: MINUTES });

    await expect(send(d, { text: MINUTES })).rejects.toThrow(
      new NotWaitingError('The minutes for this meeting are not awaiting a draft: a version has already been sent to the chair.'),
    );
    expect(await d.cycles.latestMinutes('c')).toMatchObject({ version: 1 });
    expect(d.workflow.resumed).toHaveLength(1);
  });

  it('sends a revision as the next version once the cycle waits again', async () => {
    const { d } = await scenario({ now: AFTER_MEETING });
    await saveMinutes(d, MINUTES, { status: 'changes-requested', changeRequest: { by: 'cara', at: AFTER_MEETING, comment: 'Name the presenter.' } });
    const token = await waiting(d, 'minutes-draft', 'revision-token');

    expect(await startingText(d, await context(d))).toEqual({ text: MINUTES, comment: 'Name the presenter.' });
    await send(d, { text: MINUTES.replace('The board discussed', 'Ann Able presented') });

    expect(d.workflow.resumed).toEqual([{ taskToken: token, output: { version: 2 } }]);
  });

  it('starts from a draft of the agenda, with apologies and substitutes, when nothing was saved', async () => {
    const { d } = await scenario({ now: AFTER_MEETING });
    await d.cycles.putItems('c', [item(1, 'Apologies'), item(2, 'Knife crime plan', { presenterMemberId: 'ann' })]);
    await d.cycles.setAttendance({ cycleId: 'c', memberId: 'bob', status: 'apologies', substitute: 'Dr Lee', at: AFTER_MEETING });

    const { text, comment } = await startingText(d, await context(d));

    expect(comment).toBeUndefined();
    expect(text).toContain('Riverside Safety Board');
    expect(text).toMatch(/ITEM 2\. Knife crime plan/);
    expect(text).toContain('Bob Baker');
    expect(text).toContain('Dr Lee');
  });

  it('refuses hostile minutes with a message the secretariat can act on, saving nothing', async () => {
    const { d } = await scenario({ now: AFTER_MEETING });
    await waiting(d, 'minutes-draft');

    expect(parseOrThrow(minutesForm, { text: LONG, step: '<script>' }, 'minutes')).toEqual({ text: LONG, step: 'review' });
    expect(refusal(minutesForm, { text: 'x'.repeat(200_001) }, 'minutes').message).toBe('Invalid minutes: text: minutes are limited to 200,000 characters');
    expect(refusal(minutesForm, { text: '   too short   ' }, 'minutes').message).toBe('Invalid minutes: text: the minutes are empty: write or paste them in');
    expect(refusal(minutesForm, { step: 'send' }, 'minutes').issues).toEqual([expect.stringMatching(/^text: /)]);
    await expect(send(d, { text: 12345 })).rejects.toThrow(ValidationError);

    expect(await d.cycles.latestMinutes('c')).toBeUndefined();
    expect(d.workflow.resumed).toEqual([]);
  });
});

describe('an uploaded minutes document', () => {
  it('is read as text when it is one of this cycle’s uploads', async () => {
    const { d } = await scenario({ now: AFTER_MEETING });
    const key = await uploaded(d, 'minutes.md', `\uFEFF${MINUTES}`);

    expect(await readUpload(d, 'c', key)).toEqual({ text: MINUTES, fileName: 'minutes.md', size: Buffer.byteLength(`\uFEFF${MINUTES}`) });
  });

  it('round-trips through the Word export', async () => {
    const { d } = await scenario({ now: AFTER_MEETING });
    await saveMinutes(d, MINUTES);

    const exported = await exportMinutes(d, await context(d), 'docx');

    expect(exported).toMatchObject({ fileName: 'Riverside Safety Board minutes 2027-03-10.docx', contentType: DOCX_TYPE });
    const { text } = await readUpload(d, 'c', await uploaded(d, 'edited.docx', exported.body as Uint8Array));
    expect(text).toContain('Action: Ann Able to circulate the plan by 1 April 2027.');
  });

  it('is refused when it is not this cycle’s, missing, too large, of the wrong type or empty', async () => {
    const { d } = await scenario({ now: AFTER_MEETING });
    await d.documents.putText('minutes-uploads/other/upload-1/minutes.md', MINUTES, 'text/markdown');

    await expect(readUpload(d, 'c', 'minutes-uploads/other/upload-1/minutes.md')).rejects.toThrow(UploadRejectedError);
    await expect(readUpload(d, 'c', `minutes-uploads/c/${LONG}`)).rejects.toThrow(UploadRejectedError);
    await expect(readUpload(d, 'c', 'minutes-uploads/c/upload-1/gone.md')).rejects.toThrow(NotFoundError);
    const big = await uploaded(d, 'big.txt', 'x'.repeat(MAX_MINUTES_UPLOAD_BYTES + 1));
    await expect(readUpload(d, 'c', big)).rejects.toThrow(new PaperTooLargeError('big.txt is 5.0 MB; minutes may be up to 5.0 MB.'));
    await expect(readUpload(d, 'c', await uploaded(d, 'minutes.pdf', '%PDF-1.7'))).rejects.toThrow(/^minutes\.pdf: minutes must be a /);
    await expect(readUpload(d, 'c', await uploaded(d, 'sneaky.txt', '%PDF-1.7\n'))).rejects.toThrow(/^sneaky\.txt is not a \.txt file/);
    await expect(readUpload(d, 'c', await uploaded(d, 'empty.md', ' \n '))).rejects.toThrow('empty.md has no minutes in it: it holds no text.');
  });

  it('gets a presigned form for this cycle’s uploads only, by the browser’s file name', async () => {
    const { d } = await scenario({ now: AFTER_MEETING });

    const { fields } = await presignMinutesUpload(d, 'c', 'https://app.example.org/l/token?uploaded=1');

    expect(fields.key).toMatch(/^minutes-uploads\/c\/[0-9a-f]{24}\/\$\{filename\}$/);
    expect(fields.success_action_redirect).toBe('https://app.example.org/l/token?uploaded=1');
  });
});
