import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import JSZip from 'jszip';
import { makeStartCycle } from '../../functions/admin/start-cycle';
import { minutesUploadPrefix } from '../../functions/shared/table/object-keys';
import { readMinutesText } from '../../functions/shared/documents/minutes-file';
import { parseMinutes } from '../../functions/shared/minutes';
import type { Cycle } from '../../functions/shared/domain/types';
import { localS3Client } from '../../local/emulators/s3';
import { follow, submit, upload } from '../../local/people';
import { DEMO_BOARD_ID } from '../../local/seed';
import { useLocalCloud } from '../support/local-cloud';
import { latestLink } from '../support/mail';

jest.setTimeout(90_000);
const cloud = useLocalCloud();
let cycle: Cycle;
let link: string;

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

const linkOf = (kind: string): string => latestLink(cloud(), kind);

/** The keys of the saved minutes versions: what "nothing stored" is checked against. */
async function savedMinutesKeys(): Promise<string[]> {
  const s3 = localS3Client(cloud().env.AWS_ENDPOINT_URL_S3 ?? '');
  const listed = await s3.send(new ListObjectsV2Command({ Bucket: cloud().env.DOCUMENTS_BUCKET, Prefix: `minutes/${cycle.cycleId}/` }));
  return (listed.Contents ?? []).map((o) => o.Key ?? '');
}

async function expectNothingSaved(): Promise<void> {
  expect(await cloud().deps.cycles.latestMinutes(cycle.cycleId)).toBeUndefined();
  expect(await savedMinutesKeys()).toEqual([]);
  expect(await cloud().deps.waits.getWait(cycle.cycleId, 'minutes-draft')).toBeDefined();
}

/** Edits a .docx the way a person does in Word: the text of one paragraph changes, the rest stays as it was. */
async function editInWord(docx: Buffer, from: string, to: string): Promise<Buffer> {
  const zip = await JSZip.loadAsync(docx);
  const xml = (await zip.file('word/document.xml')?.async('string')) ?? '';
  const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  expect(xml).toContain(escape(from));
  zip.file('word/document.xml', xml.replace(escape(from), escape(to)));
  return zip.generateAsync({ type: 'nodebuffer' });
}

beforeAll(async () => {
  ({ cycle } = await makeStartCycle(cloud().deps)({ boardId: DEMO_BOARD_ID, meetingDate: '2027-01-20' }));
  await cloud().sfn.advanceTo(new Date(Date.parse(cycle.timeline.itemDeadline) + 60_000));
  await submit(await follow(linkOf('agenda-confirmation-request')), 'Confirm the agenda');
  await cloud().sfn.advanceTo(new Date(Date.parse(cycle.timeline.meeting) + 60_000));
  link = linkOf('minutes-draft-request');
});

describe('the minutes as a Word document and as Markdown', () => {
  it('downloads the pre-filled draft as a .docx that reads back as the same minutes, and as .md', async () => {
    const draftText = (await follow(link)).forms[0]?.fields.text ?? '';
    expect(draftText).toContain('ITEM 1.');

    const docx = await fetch(`${link}/draft.docx`);
    expect(docx.status).toBe(200);
    expect(docx.headers.get('content-type')).toBe(DOCX);
    expect(docx.headers.get('content-disposition')).toMatch(
      /^attachment; filename="Riverside Community Safety Board minutes 2027-01-20\.docx"; filename\*=UTF-8''/,
    );
    expect(docx.headers.get('cache-control')).toBe('no-store');
    const bytes = Buffer.from(await docx.arrayBuffer());
    expect(bytes.subarray(0, 4).toString('latin1')).toBe('PK\x03\x04');
    const back = parseMinutes(await readMinutesText('draft.docx', bytes));
    const original = parseMinutes(draftText);
    expect(back.items).toEqual(original.items);
    expect(back.present).toEqual(original.present);
    expect(back.actions).toEqual(original.actions);

    const md = await fetch(`${link}/draft.md`);
    expect(md.status).toBe(200);
    expect(md.headers.get('content-type')).toBe('text/markdown; charset=utf-8');
    expect(md.headers.get('content-disposition')).toContain('filename="Riverside Community Safety Board minutes 2027-01-20.md"');
    expect(await md.text()).toBe(draftText);
    await expectNothingSaved();
  });

  it('answers 404 for any other file under the link', async () => {
    expect((await follow(`${link}/draft.pdf`)).status).toBe(404);
  });
});

describe('uploading edited minutes', () => {
  it('refuses a file named .docx that is not one, naming it, and saves nothing', async () => {
    const page = await follow(link);
    const form = page.forms.find((f) => f.files.length > 0);
    expect(form?.fields.key).toBe(`${minutesUploadPrefix(cycle.cycleId)}${/[0-9a-f]{24}/.exec(form?.fields.key ?? '')?.[0]}/\${filename}`);
    expect(page.html).toContain('Upload the edited minutes (.docx, .md or .txt, up to 5.0 MB)');
    const answer = await upload(page, { name: 'minutes.docx', type: DOCX, content: Buffer.from('ITEM 1. Welcome\n\nPresent\n\nAlex Morgan\tChair\n') });
    expect(answer.status).toBe(422);
    expect(answer.html).toContain('minutes.docx is not a .docx file');
    expect(answer.forms.find((f) => f.submitLabel === 'Check the actions')).toBeUndefined();
    await expectNothingSaved();
  });

  it('refuses a text file with no recognisable structure, saying what is missing', async () => {
    const answer = await upload(await follow(link), {
      name: 'notes.txt',
      type: 'text/plain',
      content: Buffer.from('We met and talked about many things for a long while.\n'),
    });
    expect(answer.status).toBe(422);
    expect(answer.html).toContain('notes.txt: These do not read as minutes');
    expect(answer.html).toContain('no agenda items');
    await expectNothingSaved();
  });

  it("refuses to read an upload that is not under this cycle's prefix", async () => {
    const answer = await follow(`${link}?key=${encodeURIComponent('papers/someone-else/item-1/x.pdf')}`);
    expect(answer.status).toBe(415);
    await expectNothingSaved();
  });

  it('reads an edited .docx into the page, shows its actions, and saves it as a new version', async () => {
    // Arrange: the secretariat downloads the draft and writes an action into it in Word.
    const downloaded = Buffer.from(await (await fetch(`${link}/draft.docx`)).arrayBuffer());
    const action = 'Action 1: Tom Okafor to brief the Board on knife crime by 30 April 2027.';
    const edited = await editInWord(downloaded, 'Action: [owner] to [what, by when].', action);

    // Act: upload it through the presigned POST, as the browser does.
    const uploaded = await upload(await follow(link), { name: 'Minutes – final.docx', type: DOCX, content: edited });

    // Assert: its text is in the page to check, and nothing is stored yet.
    expect(uploaded.status).toBe(200);
    expect(uploaded.html).toContain('Read from Minutes – final.docx');
    const text = uploaded.forms.find((f) => f.submitLabel === 'Check the actions')?.fields.text ?? '';
    expect(text).toContain(action);
    expect(parseMinutes(text).items).toEqual(parseMinutes(await readMinutesText('x.docx', edited)).items);
    await expectNothingSaved();

    const review = await submit(uploaded, 'Check the actions');
    expect(review.title).toBe('Check the actions (1)');
    expect(review.html).toContain('Tom Okafor to brief the Board on knife crime by 30 April 2027.');
    expect(review.html).toMatch(/Tom Okafor<\/td>\s*<td>Tom Okafor<\/td>/);

    const sent = await submit(review, 'Save and send to the chair');
    expect(sent.title).toBe('Minutes sent to the chair');
    const saved = await cloud().deps.cycles.latestMinutes(cycle.cycleId);
    expect(saved?.version).toBe(1);
    const stored = await cloud().deps.documents.getText(saved?.s3Key ?? '');
    expect(stored).toContain(action);
    expect(parseMinutes(stored).actions).toEqual([
      { number: 1, item: '1', owners: ['Tom Okafor'], text: 'Tom Okafor to brief the Board on knife crime by 30 April 2027.', due: '2027-04-30' },
    ]);
    expect(await savedMinutesKeys()).toEqual([saved?.s3Key]);
  });
});
