import { MINUTES_ROUTES } from '../../../functions/console/minutes/routes';
import { ACTION_ROUTES } from '../../../functions/console/actions/routes';
import type { ConsoleResponse } from '../../../functions/console/types';
import type { Cycle } from '../../../functions/shared/domain/types';
import { approvedMinutesKey, approvedMinutesPdfKey, publicMinutesKey, publicMinutesPdfKey } from '../../../functions/shared/table/object-keys';
import { principal, routeContext } from '../../support/console';
import type { FakeDeps } from '../../support/fakes';
import { BOARD, saveMinutes } from '../cores/scenario';
import { scenario } from '../cores/scenario';

const chairView = principal('cara@example.org', { b: 'chair' });
const route = (path: string) => MINUTES_ROUTES.find((r) => r.path === path)!;
const listRoute = route('/console/boards/:board/cycles/:cycle/minutes');
const downloadRoute = route('/console/boards/:board/cycles/:cycle/minutes/:version/:format');

const FIRST = ['Minutes of the Riverside Safety Board', 'Present: Cara Chair, Ann Able', '1. Apologies: none', '2. Budget noted', 'Close'].join('\n');
// Line 3 changed, one line added before the close.
const SECOND = [
  'Minutes of the Riverside Safety Board',
  'Present: Cara Chair, Ann Able',
  '1. Apologies: Bob Baker',
  '2. Budget noted',
  '3. Any other business: none',
  'Close',
].join('\n');

/** Cycle "c" with version 1 sent back by the chair by email reply, and version 2 approved through the link and published. */
async function withTwoVersions(): Promise<{ d: FakeDeps; cycle: Cycle }> {
  const { d, cycle } = await scenario();
  await saveMinutes(d, FIRST, {
    status: 'changes-requested',
    savedAt: '2027-03-12T10:00:00.000Z',
    changeRequest: { by: 'cara', at: '2027-03-13T09:30:00.000Z', comment: 'Bob sent apologies; please add any other business.', via: 'reply' },
  });
  await saveMinutes(d, SECOND, {
    status: 'approved',
    savedAt: '2027-03-14T10:00:00.000Z',
    approval: { by: 'cara', at: '2027-03-15T16:45:00.000Z', via: 'link' },
  });
  await d.documents.putText(approvedMinutesKey('c', 2), '<!doctype html><p>approved</p>', 'text/html; charset=utf-8');
  await d.documents.putBytes(approvedMinutesPdfKey('c', 2), new Uint8Array(Buffer.from('%PDF-1.7 the published record')), 'application/pdf');
  return { d, cycle };
}

const download = (d: FakeDeps, cycle: Cycle, version: string, format: string) =>
  downloadRoute.handle(routeContext(d, { principal: chairView, board: BOARD, cycle, params: { board: 'b', cycle: cycle.cycleId, version, format } }));

const bytes = (res: ConsoleResponse): Buffer => Buffer.from(res.body, res.isBase64Encoded ? 'base64' : 'utf8');

describe('the minutes page', () => {
  it('is registered with the rest of the records, readable by a chair', () => {
    expect(ACTION_ROUTES).toEqual(expect.arrayContaining([...MINUTES_ROUTES]));
    expect(MINUTES_ROUTES.map((r) => [r.method, r.access])).toEqual([
      ['GET', 'board-read'],
      ['GET', 'board-read'],
    ]);
  });

  it('lists every version with its status, author, what changed and how it was approved', async () => {
    const { d, cycle } = await withTwoVersions();

    const res = await listRoute.handle(routeContext(d, { principal: chairView, board: BOARD, cycle, params: { board: 'b', cycle: 'c' } }));

    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('2 versions of the minutes of Riverside Safety Board');
    expect(res.body).toContain('The latest is version 2: approved.');
    expect(res.body).toContain('<caption>Versions of the minutes, oldest first</caption>');
    expect(res.body).toContain('<div class="table-wrap">');
    expect(res.body).toContain('Cara Chair asked for changes by email reply on Saturday 13 March 2027, 09:30');
    expect(res.body).toContain('Written after the chair asked for changes to version 1: “Bob sent apologies; please add any other business.”');
    expect(res.body).toContain('1 line changed, 1 added since version 1.');
    expect(res.body).toContain('Sam Secretary, Friday 12 March 2027, 10:00');
    expect(res.body).toContain('Approved by Cara Chair through the approval link on Monday 15 March 2027, 16:45');
    expect(res.body).toContain('The first version.');
    for (const format of ['md', 'docx', 'pdf', 'html']) expect(res.body).toContain(`/console/boards/b/cycles/c/minutes/2/${format}"`);
    // The web page exists only as publishing stored it: an unapproved version has none.
    expect(res.body).toContain('/minutes/1/pdf"');
    expect(res.body).not.toContain('/minutes/1/html"');
    expect(res.body).not.toContain('public-pdf');
    expect(res.body).not.toMatch(/WaitFor|changes-requested/);
  });

  it('says so when no minutes were written yet', async () => {
    const { d, cycle } = await scenario();
    const res = await listRoute.handle(routeContext(d, { principal: chairView, board: BOARD, cycle, params: { board: 'b', cycle: 'c' } }));
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('No minutes have been written for this meeting yet.');
  });

  it('says when the text of a version cannot be read, and offers no file made from it', async () => {
    const { d, cycle } = await withTwoVersions();
    const first = (await d.cycles.getMinutes('c', 1))!;
    d.documents.objects.delete(first.s3Key);

    const res = await listRoute.handle(routeContext(d, { principal: chairView, board: BOARD, cycle, params: { board: 'b', cycle: 'c' } }));

    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('The text of version 1 could not be read, so the lines cannot be compared.');
    expect(res.body).not.toContain('/minutes/1/');
    expect(res.body).toContain('/minutes/2/md"');
    expect((await download(d, cycle, '1', 'md')).statusCode).toBe(404);
  });

  it('escapes what the chair wrote', async () => {
    const { d, cycle } = await scenario();
    await saveMinutes(d, FIRST, {
      status: 'changes-requested',
      changeRequest: { by: 'cara', at: '2027-03-13T09:30:00.000Z', comment: '<script>alert(1)</script>' },
    });
    const res = await listRoute.handle(routeContext(d, { principal: chairView, board: BOARD, cycle, params: { board: 'b', cycle: 'c' } }));
    expect(res.body).not.toContain('<script>');
    expect(res.body).toContain('&lt;script&gt;');
  });
});

describe('a minutes download', () => {
  it('gives the text of any version as Markdown', async () => {
    const { d, cycle } = await withTwoVersions();
    const res = await download(d, cycle, '1', 'md');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/markdown; charset=utf-8');
    expect(res.headers['content-disposition']).toContain('attachment; filename="Riverside Safety Board minutes 2027-03-10 version 1.md"');
    expect(bytes(res).toString('utf8')).toBe(FIRST);
  });

  it('gives a Word document made from the version', async () => {
    const { d, cycle } = await withTwoVersions();
    const res = await download(d, cycle, '1', 'docx');
    expect(res.statusCode).toBe(200);
    expect(res.isBase64Encoded).toBe(true);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(res.headers['content-disposition']).toContain('version 1.docx"');
    expect(bytes(res).subarray(0, 2).toString('latin1')).toBe('PK');
  });

  it('gives the published PDF of an approved version, and makes a draft PDF of one that is not', async () => {
    const { d, cycle } = await withTwoVersions();
    const published = await download(d, cycle, '2', 'pdf');
    expect(published.headers['content-type']).toBe('application/pdf');
    expect(bytes(published).toString('latin1')).toBe('%PDF-1.7 the published record');

    const draft = await download(d, cycle, '1', 'pdf');
    expect(draft.statusCode).toBe(200);
    expect(draft.headers['content-disposition']).toContain('version 1.pdf"');
    expect(bytes(draft).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });

  it('gives the stored web page of an approved version only', async () => {
    const { d, cycle } = await withTwoVersions();
    const res = await download(d, cycle, '2', 'html');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(bytes(res).toString('utf8')).toBe('<!doctype html><p>approved</p>');
    expect((await download(d, cycle, '1', 'html')).statusCode).toBe(404);
  });

  it('gives the public copy when publishing stored one for the version', async () => {
    const { d } = await withTwoVersions();
    const htmlKey = publicMinutesKey('c', 2);
    const pdfKey = publicMinutesPdfKey('c', 2);
    await d.documents.putText(htmlKey, '<p>public</p>', 'text/html; charset=utf-8');
    await d.documents.putBytes(pdfKey, new Uint8Array(Buffer.from('%PDF-public')), 'application/pdf');
    const cycle = await d.cycles.updateCycle('b', 'c', () => ({
      publicMinutes: { version: 2, htmlKey, pdfKey, pdfSize: 11, publishedAt: '2027-03-16T09:00:00.000Z' },
    }));

    const page = await listRoute.handle(routeContext(d, { principal: chairView, board: BOARD, cycle, params: { board: 'b', cycle: 'c' } }));
    const res = await download(d, cycle, '2', 'public-pdf');

    expect(page.body).toContain('/minutes/2/public-html"');
    expect(res.headers['content-disposition']).toContain('version 2 public copy.pdf"');
    expect(bytes(res).toString('latin1')).toBe('%PDF-public');
  });

  it.each([
    ['3', 'md'],
    ['0', 'md'],
    ['1.0', 'md'],
    ['2', 'exe'],
    ['2', 'public-pdf'],
  ])('answers 404 for version %s as %s', async (version, format) => {
    const { d, cycle } = await withTwoVersions();
    const res = await download(d, cycle, version, format);
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-disposition']).toBeUndefined();
  });

  it("answers 404 for another cycle's version", async () => {
    const { d, cycle } = await withTwoVersions();
    const other: Cycle = { ...cycle, cycleId: 'c2', meeting: { ...cycle.meeting, date: '2027-06-10' } };
    await d.cycles.createCycle(other);
    await d.cycles.addMinutes({ cycleId: 'c2', s3Key: 'minutes/c2/x.md', status: 'submitted', savedBy: 'sam', savedAt: '2027-06-11T10:00:00.000Z' });
    await d.documents.putText('minutes/c2/x.md', 'Minutes of June', 'text/markdown');

    expect((await download(d, other, '2', 'md')).statusCode).toBe(404);
    expect(bytes(await download(d, other, '1', 'md')).toString('utf8')).toBe('Minutes of June');
  });
});
