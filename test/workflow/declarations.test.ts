import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { makeAllowPapers } from '../../functions/admin/interests';
import { operator } from '../../functions/shared/domain/audit';
import type { AgendaItem } from '../../functions/shared/domain/types';
import { driveCycle, type DriveResult } from '../../local/drive-cycle';
import type { CapturedEmail } from '../../local/mail/mail-capture';
import { follow, submit } from '../../local/people';
import { DEMO_BOARD_ID } from '../../local/seed';
import { cycleCommand } from '../support/cli';
import { useLocalCloud } from '../support/local-cloud';

jest.setTimeout(180_000);
const STATE = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'mc-interests-')), 'local-cloud.json');
const cloud = useLocalCloud({ writeStateFile: true, env: { MEETING_CYCLE_LOCAL_STATE: STATE } });
const cycle = cycleCommand(STATE);

const HELEN = 'helen.price@example.org';
const TOM = 'tom.okafor@example.org';
// Hostile on purpose: it must come back escaped on every page, and as plain text in the minutes.
const DESCRIPTION = 'My partner chairs <b>Refuge & Co</b>, a bidder';
let result: DriveResult;
let item: AgendaItem;

/** The member's main circulation email (the supplementary one, if any, says so in its subject). */
const circulationTo = (address: string): CapturedEmail => {
  const found = cloud()
    .mail.emails()
    .find((e) => e.kind === 'circulation' && e.to[0] === address && !e.subject.startsWith('Supplementary'));
  if (!found) throw new Error(`No circulation email to ${address}`);
  return found;
};

/** The papers link of a circulation email: the address under its "Open the board pack" button. */
const papersLink = (email: CapturedEmail): string => {
  const url = /Open the board pack:\r?\n(\S+)/.exec(email.text)?.[1];
  if (!url) throw new Error('The circulation email has no papers link');
  return url;
};

beforeAll(async () => {
  // Both proposals are confidential; Helen Price declares a prejudicial interest in the second, by the
  // link in her circulation email, after the papers went out.
  result = await driveCycle(cloud(), {
    boardId: DEMO_BOARD_ID,
    meetingDate: '2027-01-20',
    changeRounds: 0,
    confidentialProposals: 2,
    declareInterest: { email: HELEN, item: 'Domestic abuse', kind: 'non-registrable', description: DESCRIPTION, prejudicial: true },
  });
  const items = await cloud().deps.cycles.listItems(result.cycle.cycleId);
  const found = items.find((i) => i.title.startsWith('Domestic abuse'));
  if (!found) throw new Error('The agenda has no "Domestic abuse" item');
  item = found;
});

describe('a prejudicial interest in a confidential item, declared by link from the circulation email', () => {
  it('is offered in every circulation email, with the yearly register check for members who never confirmed theirs', () => {
    const email = circulationTo(HELEN);
    expect(email.text).toMatch(/Declare an interest:\r?\n\S+\/l\//);
    expect(email.text).toMatch(/Confirm your register of interests:\r?\n\S+\/l\//);
    expect(result.actionsTaken).toContain(`Helen Price declared an interest in item ${item.number}`);
    expect(result.status).toBe('SUCCEEDED');
  });

  it('is recorded once, for a confidential item on the agenda', async () => {
    expect(item.confidential).toBe(true);
    const declarations = await cloud().deps.interests.listDeclarations(result.cycle.cycleId);
    expect(declarations).toEqual([
      expect.objectContaining({ memberId: 'helen-price', itemNumber: item.number, kind: 'non-registrable', description: DESCRIPTION, prejudicial: true }),
    ]);
  });

  it('shows on the agenda, under the declarations item, escaped', async () => {
    const page = await follow(papersLink(circulationTo(TOM)));
    expect(page.status).toBe(200);
    const under = page.html.split('Declarations of interest')[1]?.split('</tr>')[0] ?? '';
    expect(under).toContain(`Helen Price declared a non-registrable interest in item ${item.number} (My partner chairs &lt;b&gt;Refuge &amp; Co&lt;/b&gt;`);
    expect(page.html).not.toContain('<b>Refuge');
  });

  it('is written into the minutes draft under the declarations item', async () => {
    const minutes = await cloud().deps.cycles.getMinutes(result.cycle.cycleId, 1);
    const text = await cloud().deps.documents.getText(minutes?.s3Key ?? '');
    const section = /ITEM \d+\. Declarations of interest\n([\s\S]*?)\nITEM /.exec(text)?.[1] ?? '';
    expect(section).toContain(`Helen Price declared a non-registrable interest in item ${item.number} (${DESCRIPTION}) and will take no part in that item.`);
  });

  it('is listed by `cycle interests`', async () => {
    const out = await cycle('interests', '--board', DEMO_BOARD_ID, '--cycle', result.cycle.cycleId);
    expect(out.code).toBe(0);
    expect(out.stdout).toContain(`2027-01-20  Helen Price declared a non-registrable interest in item ${item.number} (${DESCRIPTION})`);
    expect(out.stdout).toContain('Papers withheld.');
  });

  it("keeps that item's papers from her through the papers link, but not the other items' nor from other members", async () => {
    const helen = papersLink(circulationTo(HELEN));
    const withheld = await follow(`${helen}/paper/${item.number}`);
    expect(withheld.status).toBe(403);
    expect(withheld.title).toBe('These papers are withheld from you');
    const other = (await cloud().deps.cycles.listItems(result.cycle.cycleId)).find((i) => i.confidential && i.number !== item.number);
    expect((await follow(`${helen}/paper/${other?.number}`)).status).toBe(302);
    expect((await follow(`${papersLink(circulationTo(TOM))}/paper/${item.number}`)).status).toBe(302);
    // Her page links no paper of the item, and her pack is the one with confidential items withheld.
    const list = await follow(helen);
    expect(list.html).not.toContain(`/paper/${item.number}"`);
    const pack = await submit(list, 'Open the board pack');
    expect(pack.status).toBe(303);
    expect(decodeURIComponent(pack.location ?? '')).toContain(result.cycle.packs?.public.s3Key ?? 'no public pack');
  });

  it('gives her the papers again once the secretariat decides so, and audits the decision', async () => {
    const d = cloud().deps;
    await makeAllowPapers(
      d,
      operator('Grace Lin'),
    )({
      boardId: DEMO_BOARD_ID,
      cycleId: result.cycle.cycleId,
      memberId: 'helen-price',
      itemNumber: item.number,
      reason: 'She presents the financial background only',
      by: 'Grace Lin',
    });
    const helen = papersLink(circulationTo(HELEN));
    expect((await follow(`${helen}/paper/${item.number}`)).status).toBe(302);
    const pack = await submit(await follow(helen), 'Open the board pack');
    expect(decodeURIComponent(pack.location ?? '')).toContain(result.cycle.packs?.members.s3Key ?? 'no members pack');
    const trail = await d.audit.list(DEMO_BOARD_ID, { cycleId: result.cycle.cycleId });
    expect(trail.map((e) => e.what.type)).toEqual(expect.arrayContaining(['interest-declared', 'papers-allowed']));
  });
});
