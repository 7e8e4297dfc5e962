import { crc32 } from 'node:zlib';
import { makeBuildBoardPack } from '../../functions/build-board-pack/build-board-pack';
import { makeCirculatePapers } from '../../functions/circulate-papers/circulate-papers';
import { makeReportMissingPapers } from '../../functions/report-missing-papers/report-missing-papers';
import { makeRequestPapers } from '../../functions/request-papers/request-papers';
import { makeSendSupplementaryCirculation } from '../../functions/send-supplementary-circulation/send-supplementary-circulation';
import type { Cycle, Member } from '../../functions/shared/domain/types';
import { appLinks, follow, makePdf, submit, upload, type FetchedPage } from '../../local/people';
import { DEMO_BOARD_ID } from '../../local/seed';
import { useLocalCloud } from '../support/local-cloud';
import { paperUploadLink, startPapersCycle } from '../support/papers-cycle';

jest.setTimeout(60_000);
const cloud = useLocalCloud();
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A real, minimal .xlsx: a stored (uncompressed) zip with the parts Excel writes first. */
function xlsx(): Buffer {
  const files: Record<string, string> = {
    '[Content_Types].xml': '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
    '_rels/.rels': '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"/>',
    'xl/workbook.xml': '<workbook/>',
  };
  const parts: Buffer[] = [];
  const directory: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(files)) {
    const [nameBytes, data] = [Buffer.from(name), Buffer.from(text)];
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc32(data), 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(crc32(data), 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    parts.push(local, nameBytes, data);
    directory.push(central, nameBytes);
    offset += 30 + nameBytes.length + data.length;
  }
  const dir = Buffer.concat(directory);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(directory.length / 2, 8);
  end.writeUInt16LE(directory.length / 2, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, dir, end]);
}

let cycle: Cycle;
let presenter: Member;
const ref = () => ({ boardId: DEMO_BOARD_ID, cycleId: cycle.cycleId });
const uploads = () => cloud().deps.cycles.listPapers(cycle.cycleId);
const emails = (kind: string, to?: string) =>
  cloud()
    .mail.emails()
    .filter((e) => e.kind === kind && (to === undefined || e.to.includes(to)));
const uploadLink = (item: number) => paperUploadLink(cloud().deps, cycle, presenter, item);
const uploadAppendix = async (item: number, file: { name: string; type: string; content: Buffer }): Promise<FetchedPage> =>
  submit(await upload(await follow(await uploadLink(item)), file, 'Upload an appendix'), 'Submit this appendix');

beforeAll(async () => {
  ({ cycle, presenter } = await startPapersCycle(cloud().deps, 'Budget 2027/28', 'Safeguarding case review'));
});

describe('appendices', () => {
  it('offers the paper (PDF, for the pack) and an appendix as two uploads on the page', async () => {
    const page = await follow(await uploadLink(1));
    const forms = page.forms.filter((f) => f.files.length > 0);
    expect(forms.map((f) => f.submitLabel)).toEqual(['Upload the paper', 'Upload an appendix']);
    expect(forms[0]?.fields['Content-Type']).toBe('application/pdf');
    // The browser's guess is not trusted: an appendix lands as opaque bytes until the app has read it.
    expect(forms[1]?.fields['Content-Type']).toBe('application/octet-stream');
    expect(page.html).toContain('Excel (.xlsx)');
  });

  it('takes an Excel workbook through the presigned POST as an appendix, typed from its bytes whatever its name', async () => {
    const answer = await uploadAppendix(1, { name: 'figures.pdf', type: 'application/pdf', content: xlsx() });

    expect(answer.status).toBe(200);
    expect(answer.title).toBe('Appendix received');
    expect(answer.html).toContain('Appendix 1 to item 1 (Excel workbook');
    const [appendix] = await uploads();
    expect(appendix).toMatchObject({ kind: 'appendix', itemNumber: 1, contentType: XLSX_TYPE, fileName: 'item-1-appendix-1.xlsx', size: xlsx().length });
    expect(await cloud().deps.documents.head(appendix!.s3Key)).toEqual({ size: xlsx().length, contentType: XLSX_TYPE });
    const [receipt] = emails('paper-receipt', presenter.email);
    expect(receipt?.subject).toContain('Appendix received: item 1');
    expect(receipt?.text).toContain('Taken as: Appendix 1: sent to members as a file of its own');
    expect(receipt?.text).toContain('Type: Excel workbook');
  });

  it('refuses a file of a type appendices may not be, naming the types allowed, and records nothing', async () => {
    const gif = Buffer.from('GIF89a\x01\x00\x01\x00\x80\x00\x00\xff\xff\xff\x00\x00\x00,', 'latin1');
    const answer = await uploadAppendix(1, { name: 'chart.png', type: 'image/png', content: gif });

    expect(answer.status).toBe(415);
    expect(answer.html).toContain('Appendices may be PDF, Word (.docx), Excel (.xlsx), PowerPoint (.pptx), PNG, JPEG, CSV or plain text');
    expect(await uploads()).toHaveLength(1);
  });

  it('refuses a workbook sent as the paper, and says to add it as an appendix', async () => {
    const uploaded = await upload(await follow(await uploadLink(1)), { name: 'budget.pdf', type: 'application/pdf', content: xlsx() });
    const answer = await submit(uploaded, 'Submit this paper');

    expect(answer.status).toBe(415);
    expect(answer.html).toContain('an Excel workbook, not a PDF');
    expect(answer.html).toContain('as an appendix');
    expect(await uploads()).toHaveLength(1);
  });

  it('still counts the paper as missing while the item has only an appendix', async () => {
    await makeRequestPapers(cloud().deps, { onlyMissing: true })(ref());
    await makeReportMissingPapers(cloud().deps)(ref());

    const reminders = emails('paper-reminder', presenter.email).map((e) => e.subject);
    expect(reminders.sort()).toEqual([expect.stringContaining('item 1, Budget 2027/28'), expect.stringContaining('item 2, Safeguarding case review')]);
    expect(emails('papers-not-received')[0]?.text).toContain('Item 1: Budget 2027/28');
  });

  it('leaves appendices out of the pack, and links them from the circulation email and the papers page as downloads', async () => {
    await submit(
      await upload(await follow(await uploadLink(1)), { name: 'paper.pdf', type: 'application/pdf', content: makePdf('Budget') }),
      'Submit this paper',
    );
    await uploadAppendix(2, { name: 'cases.csv', type: 'text/csv', content: Buffer.from('Case,Status\n101,Open\n102,Closed\n') });

    await makeBuildBoardPack(cloud().deps)(ref());
    await makeCirculatePapers(cloud().deps)(ref());

    const built = (await cloud().deps.cycles.getCycle(DEMO_BOARD_ID, cycle.cycleId))!;
    // Cover, agenda, and the one page of item 1's paper: no appendix is in either pack.
    expect(built.packs?.members.pages).toBe(3);
    expect(built.packs?.papers).toEqual(expect.arrayContaining((await uploads()).filter((u) => u.kind === 'appendix').map((u) => u.s3Key)));
    const email = emails('circulation', presenter.email)[0]!;
    expect(email.text).toContain('Item 1, appendix 1 (not in the board pack)');
    expect(email.text).toMatch(/appendix, Excel workbook, \d+ bytes: http:\/\/\S+\/l\/[\w-]+\/appendix\/1\/1/);
    expect(email.text).toMatch(/appendix, CSV file, \d+ bytes: /);
    expect(email.text).not.toMatch(/X-Amz-|Signature=/);

    const papersPage = await follow(appLinks(email.text, cloud().appUrl)[0]!);
    expect(papersPage.html).toContain('Appendix 1: Excel workbook');
    const link = /href="([^"]*\/appendix\/1\/1)"/.exec(papersPage.html)?.[1];
    const redirect = await fetch(new URL(link!, papersPage.url), { redirect: 'manual' });
    expect(redirect.status).toBe(302);
    const download = await fetch(redirect.headers.get('location')!);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe(XLSX_TYPE);
    expect(download.headers.get('content-disposition')).toMatch(/^attachment; filename="item-1-appendix-1\.xlsx"/);
    expect(Buffer.from(await download.arrayBuffer())).toEqual(xlsx());
  });

  it('holds an appendix that arrives after circulation for the supplementary circulation, which says what changed', async () => {
    const builtAt = (await cloud().deps.cycles.getCycle(DEMO_BOARD_ID, cycle.cycleId))!.packs!.builtAt;
    await uploadAppendix(1, { name: 'notes.txt', type: 'text/plain', content: Buffer.from('Late notes on the budget.\n') });

    const result = await makeSendSupplementaryCirculation(cloud().deps)(ref());

    expect(result.items).toBe(1);
    const email = emails('circulation', presenter.email).find((e) => e.subject.startsWith('Supplementary'))!;
    expect(email.text).toContain('What is new: appendix 2 (text file, 26 bytes)');
    expect(email.text).toContain('the board pack has not changed');
    expect(email.text).not.toContain('2. Safeguarding case review');
    const after = (await cloud().deps.cycles.getCycle(DEMO_BOARD_ID, cycle.cycleId))!.packs!;
    expect(after.builtAt).toBe(builtAt);
    // Sent once: running the task again finds nothing new.
    expect(await makeSendSupplementaryCirculation(cloud().deps)(ref())).toEqual({ items: 0, sent: 0 });
  });

  it("keeps serving the item's paper on the public agenda page when its latest upload is an appendix", async () => {
    const board = (await cloud().deps.boards.getBoard(DEMO_BOARD_ID))!;
    await cloud().deps.boards.putBoard({ ...board, publicAgenda: true }, board.version);
    const latest = (await uploads()).filter((u) => u.itemNumber === 1).sort((a, b) => b.version - a.version)[0];
    expect(latest?.kind).toBe('appendix');

    const paper = await fetch(`${cloud().appUrl}/public/${DEMO_BOARD_ID}/${cycle.cycleId}/paper/1`, { redirect: 'manual' });
    expect(paper.status).toBe(302);
    const download = await fetch(paper.headers.get('location')!);
    expect(download.headers.get('content-type')).toBe('application/pdf');
    // The exempt item's appendix never leaves by the public route.
    expect((await fetch(`${cloud().appUrl}/public/${DEMO_BOARD_ID}/${cycle.cycleId}/paper/2`, { redirect: 'manual' })).status).toBe(404);
  });
});
