import { createHash } from 'node:crypto';
import { PDFDocument } from '@cantoo/pdf-lib';
import { makeStartCycle } from '../../functions/admin/start-cycle';
import { makeBuildBoardPack } from '../../functions/build-board-pack/build-board-pack';
import { makeCirculatePapers } from '../../functions/circulate-papers/circulate-papers';
import { makeIssueLink } from '../../functions/shared/services/issue-link';
import type { Cycle, Member, Paper } from '../../functions/shared/domain/types';
import { PREFIXES } from '../../functions/shared/table/object-keys';
import { appLinks, follow, makePdf, submit, upload, type FetchedPage } from '../../local/people';
import { DEMO_BOARD_ID } from '../../local/seed';
import { useLocalCloud } from '../support/local-cloud';

jest.setTimeout(60_000);
const cloud = useLocalCloud();

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');
const CHECKED = makePdf('The budget paper as checked');

/** A valid PDF of `pages` pages: what a presenter might post again with the same form after the check. */
async function swappedPdf(pages: number): Promise<Buffer> {
  const doc = await PDFDocument.create();
  for (let i = 0; i < pages; i++) doc.addPage();
  return Buffer.from(await doc.save());
}

/** The bytes behind a link that redirects to a presigned download. */
async function downloaded(url: string): Promise<Buffer> {
  const redirect = await fetch(url, { redirect: 'manual' });
  expect(redirect.status).toBe(302);
  const download = await fetch(redirect.headers.get('location')!);
  expect(download.status).toBe(200);
  return Buffer.from(await download.arrayBuffer());
}

let cycle: Cycle;
let presenter: Member;
let uploadPage: FetchedPage;
let paper: Paper;
const ref = () => ({ boardId: DEMO_BOARD_ID, cycleId: cycle.cycleId });
const papers = () => cloud().deps.cycles.listPapers(cycle.cycleId);
const receipts = () =>
  cloud()
    .mail.emails()
    .filter((e) => e.kind === 'paper-receipt');

beforeAll(async () => {
  ({ cycle } = await makeStartCycle(cloud().deps)({ boardId: DEMO_BOARD_ID, meetingDate: '2027-01-20' }));
  presenter = (await cloud().deps.boards.listMembers(DEMO_BOARD_ID)).find((m) => m.email === 'tom.okafor@example.org')!;
  await cloud().deps.cycles.putItems(cycle.cycleId, [
    {
      cycleId: cycle.cycleId,
      number: 1,
      title: 'Budget 2027/28',
      purpose: 'decision',
      source: 'proposal',
      presenterMemberId: presenter.memberId,
      paperExpected: true,
      confidential: false,
    },
  ]);
  const link = await makeIssueLink(cloud().deps)({
    purpose: 'upload-paper',
    boardId: DEMO_BOARD_ID,
    cycleId: cycle.cycleId,
    memberId: presenter.memberId,
    subject: '1',
    expiresAt: new Date(cycle.timeline.meeting),
  });
  uploadPage = await follow(link);
  const answer = await submit(await upload(uploadPage, { name: 'budget.pdf', type: 'application/pdf', content: CHECKED }), 'Submit this paper');
  expect(answer.title).toBe('Paper received');
  [paper] = (await papers()) as [Paper];
});

describe('a checked paper', () => {
  it('is recorded as a copy of the bytes checked, with their SHA-256, at a key the upload form cannot write', async () => {
    expect(paper).toMatchObject({ sha256: sha256(CHECKED), size: CHECKED.length, contentType: 'application/pdf' });
    expect(paper.s3Key.startsWith(PREFIXES.papers)).toBe(true);
    expect(paper.uploadKey?.startsWith(PREFIXES.paperUploads)).toBe(true);
    expect(uploadPage.forms.find((f) => f.files.length > 0)?.fields.key).toBe(paper.uploadKey);
    expect(sha256(await cloud().deps.documents.getBytes(paper.s3Key))).toBe(sha256(CHECKED));
  });

  it('is what the pack and the downloads give after the same presigned form posts another file', async () => {
    // Arrange: the form is posted again, overwriting the upload's key, and the arrived page submitted again.
    const swapped = await swappedPdf(4);
    const again = await submit(await upload(uploadPage, { name: 'other.pdf', type: 'application/pdf', content: swapped }), 'Submit this paper');
    const uploadKey = uploadPage.forms.find((f) => f.files.length > 0)!.fields.key!;
    expect(sha256(await cloud().deps.documents.getBytes(uploadKey))).toBe(sha256(swapped));

    // Act
    await makeBuildBoardPack(cloud().deps)(ref());
    await makeCirculatePapers(cloud().deps)(ref());

    // Assert: nothing stored changed, and only the checked bytes go out.
    expect(again.html).toContain('Version 1 of the paper for item 1');
    expect(await papers()).toEqual([paper]);
    expect(receipts()).toHaveLength(1);
    expect(sha256(await cloud().deps.documents.getBytes(paper.s3Key))).toBe(sha256(CHECKED));
    const built = (await cloud().deps.cycles.getCycle(DEMO_BOARD_ID, cycle.cycleId))!;
    // Cover, agenda and the checked paper's one page; the swapped file has four.
    expect(built.packs?.members.pages).toBe(3);
    expect(built.packs?.papers).toEqual([paper.s3Key]);

    const email = cloud()
      .mail.emails()
      .find((e) => e.kind === 'circulation' && e.to.includes(presenter.email))!;
    const papersPage = await follow(appLinks(email.text, cloud().appUrl)[0]!);
    const paperLink = /href="([^"]*\/paper\/1)"/.exec(papersPage.html)?.[1];
    expect(sha256(await downloaded(new URL(paperLink!, papersPage.url).toString()))).toBe(sha256(CHECKED));

    const board = (await cloud().deps.boards.getBoard(DEMO_BOARD_ID))!;
    await cloud().deps.boards.putBoard({ ...board, publicAgenda: true }, board.version);
    expect(sha256(await downloaded(`${cloud().appUrl}/public/${DEMO_BOARD_ID}/${cycle.cycleId}/paper/1`))).toBe(sha256(CHECKED));
  });
});
