import { makeBuildBoardPack } from '../../functions/build-board-pack/build-board-pack';
import { makeCirculatePapers } from '../../functions/circulate-papers/circulate-papers';
import { PACK_HTML_PATH } from '../../functions/shared/documents/pack-html';
import { packHtmlKey } from '../../functions/shared/table/object-keys';
import type { Cycle, Member } from '../../functions/shared/domain/types';
import { follow, makePdf, submit, upload } from '../../local/people';
import { DEMO_BOARD_ID } from '../../local/seed';
import { useLocalCloud } from '../support/local-cloud';
import { paperUploadLink, startPapersCycle } from '../support/papers-cycle';

jest.setTimeout(60_000);
const cloud = useLocalCloud();

let cycle: Cycle;
let presenter: Member;
const ref = () => ({ boardId: DEMO_BOARD_ID, cycleId: cycle.cycleId });

const uploadPaper = async (item: number, title: string): Promise<void> => {
  const link = await paperUploadLink(cloud().deps, cycle, presenter, item);
  const answer = await submit(await upload(await follow(link), { name: 'paper.pdf', type: 'application/pdf', content: makePdf(title) }), 'Submit this paper');
  expect(answer.status).toBe(200);
};

beforeAll(async () => {
  ({ cycle, presenter } = await startPapersCycle(cloud().deps, 'Отчёт <b>председателя</b>', 'Safeguarding case review'));
  await uploadPaper(1, 'Report');
  await uploadPaper(2, 'Cases');
  await makeBuildBoardPack(cloud().deps)(ref());
  await makeCirculatePapers(cloud().deps)(ref());
});

describe("the board pack's web page", () => {
  it('is stored beside each pack when the packs are built', async () => {
    const members = await cloud().deps.documents.head(packHtmlKey(cycle.cycleId, 'members'));
    const publicPage = await cloud().deps.documents.getText(packHtmlKey(cycle.cycleId, 'public'));
    expect(members?.contentType).toMatch(/^text\/html/);
    expect(publicPage).toContain('Item 2: Exempt item');
    expect(publicPage).not.toContain('Safeguarding');
  });

  it('is linked from the circulation email, both parts, and served by GET through the papers link, its links leading to the papers', async () => {
    const email = cloud()
      .mail.emails()
      .find((e) => e.kind === 'circulation' && e.to.includes(presenter.email))!;
    const url = new RegExp(`(http\\S+/l/[\\w-]+/${PACK_HTML_PATH})`).exec(email.text)?.[1];
    expect(email.text).toContain(`The agenda and papers as a web page: ${url!}`);
    expect(email.html).toContain(`href="${url!}"`);

    const page = await fetch(url!, { redirect: 'manual' });
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toBe('no-store');
    const body = await page.text();
    expect(body).toContain('<html lang="en-GB">');
    expect(body).toContain('Item 1: Отчёт &lt;b&gt;председателя&lt;/b&gt;');
    // A member sees what the members' pack holds, the exempt item included.
    expect(body).toContain('Item 2: Safeguarding case review');
    const paperLink = /<a href="(paper\/1)">Paper for item 1, [^<]+\(PDF, [^)]+, 1 page\)<\/a>/.exec(body)?.[1];
    const paper = await fetch(new URL(paperLink!, url), { redirect: 'manual' });
    expect(paper.status).toBe(302);
    expect((await fetch(paper.headers.get('location')!)).headers.get('content-type')).toBe('application/pdf');

    // Read-only: a POST changes nothing and is refused.
    const post = await fetch(url!, { method: 'POST', redirect: 'manual' });
    expect(post.status).toBeGreaterThanOrEqual(400);
  });

  it('is linked from the papers page', async () => {
    const email = cloud()
      .mail.emails()
      .find((e) => e.kind === 'circulation' && e.to.includes(presenter.email))!;
    const papersUrl = new RegExp(`(http\\S+/l/[\\w-]+)/${PACK_HTML_PATH}`).exec(email.text)![1]!;
    const papers = await follow(papersUrl);
    expect(papers.html).toContain(`/${PACK_HTML_PATH}">The agenda and papers as a web page, for screen readers</a>`);
  });

  it('is served on the public agenda, exempt items by number only, for a board that publishes its agenda', async () => {
    const publicUrl = `${cloud().appUrl}/public/${DEMO_BOARD_ID}/${cycle.cycleId}/${PACK_HTML_PATH}`;
    const board = (await cloud().deps.boards.getBoard(DEMO_BOARD_ID))!;
    await cloud().deps.boards.putBoard({ ...board, publicAgenda: false }, board.version);
    expect((await fetch(publicUrl)).status).toBe(404);

    const optedOut = (await cloud().deps.boards.getBoard(DEMO_BOARD_ID))!;
    await cloud().deps.boards.putBoard({ ...optedOut, publicAgenda: true }, optedOut.version);
    const page = await fetch(publicUrl);
    expect(page.status).toBe(200);
    const body = await page.text();
    expect(body).toContain('Item 1: Отчёт');
    expect(body).not.toContain('Safeguarding');
    expect(body).not.toContain('paper/2');
  });
});
