import { makeAddLateItem } from '../../functions/admin/late-items';
import { APPROVE_LATE_ITEM_BUTTON, REFUSE_LATE_ITEM_BUTTON } from '../../functions/http/links/decide-late-item/page';
import type { Cycle } from '../../functions/shared/domain/types';
import { driveCycle, type DriveResult } from '../../local/drive-cycle';
import { appLinks, follow, submit } from '../../local/people';
import { DEMO_BOARD_ID } from '../../local/seed';
import { useLocalCloud } from '../support/local-cloud';

jest.setTimeout(180_000);
const cloud = useLocalCloud();
const MEETING = '2027-01-20';
const URGENT = 'Emergency roof repairs';
const REASON = 'Storm damage to the Town Hall roof: the repair contract must be let before the next meeting in March.';
const secretariat = { kind: 'secretariat', name: 'Sam Clerk', email: 'clerk@example.org' } as const;

let cycleId = '';
let result: DriveResult;
const decided: { pages: { status: number; title: string }[]; scannerGets: number[]; replay: { status: number; title: string } } = {
  pages: [],
  scannerGets: [],
  replay: { status: 0, title: '' },
};
let notTakenLink = '';

const kind = (k: string) =>
  cloud()
    .mail.emails()
    .filter((e) => e.kind === k);
const cycle = async (): Promise<Cycle> => (await cloud().deps.cycles.getCycle(DEMO_BOARD_ID, cycleId))!;
const add = (title: string) => makeAddLateItem(cloud().deps, secretariat)({ cycleId, title, reason: REASON });
/** The chair's link in the request for `title`. */
const chairLink = (title: string): string => {
  const email = kind('late-item-request').find((e) => e.subject.includes(title.slice(0, 20)));
  const link = appLinks(email?.text ?? '', cloud().appUrl)[0];
  if (!link) throw new Error(`No chair's link for ${title}`);
  return link;
};

beforeAll(async () => {
  const first = await driveCycle(cloud(), { boardId: DEMO_BOARD_ID, meetingDate: MEETING, until: 'circulated', changeRounds: 0 });
  cycleId = first.cycle.cycleId;

  // The secretariat adds three items after circulation: the chair approves one (a double click), refuses one, and never answers the third.
  await add(URGENT);
  const link = chairLink(URGENT);
  for (let i = 0; i < 2; i++) decided.scannerGets.push((await follow(link)).status);
  const page = await follow(link);
  const [a, b] = await Promise.all([submit(page, APPROVE_LATE_ITEM_BUTTON), submit(page, APPROVE_LATE_ITEM_BUTTON)]);
  decided.pages = [a, b].map((p) => ({ status: p.status, title: p.title }));
  const again = await follow(link);
  decided.replay = { status: again.status, title: again.title };

  await add('Car park charges');
  const refuse = await follow(chairLink('Car park charges'));
  await submit(refuse, REFUSE_LATE_ITEM_BUTTON, { reason: 'This can wait for the March meeting.' });

  await add('Twinning visit');
  notTakenLink = chairLink('Twinning visit');

  result = await driveCycle(cloud(), { boardId: DEMO_BOARD_ID, meetingDate: MEETING, scheduled: true, changeRounds: 0 });
});

describe('a late item the chair approves', () => {
  it('takes one decision for a double click, shows nothing new to a scanner, and says "already done" on a replayed link', async () => {
    expect(decided.scannerGets).toEqual([200, 200]);
    expect(decided.pages.map((p) => p.status).sort()).toEqual([200, 200]);
    expect(decided.pages.map((p) => p.title).sort()).toEqual(['Already done', 'Thank you: your decision is recorded']);
    expect(decided.replay).toEqual({ status: 200, title: 'Already done' });
    const audit = await cloud().deps.audit.list(DEMO_BOARD_ID);
    expect(audit.filter((e) => e.what.type === 'late-item-decided' && e.what.title === URGENT)).toHaveLength(1);
  });

  it('goes to every member on the supplementary agenda with the chair’s reason, after every other item', async () => {
    const late = (await cycle()).lateItems?.find((l) => l.title === URGENT);
    expect(late?.decision).toMatchObject({ decision: 'approved', reason: REASON, byName: expect.any(String) });
    const items = await cloud().deps.cycles.listItems(cycleId);
    expect(items.at(-1)).toMatchObject({ number: late?.decision?.itemNumber, title: URGENT });
    const supplementary = kind('circulation').filter((e) => e.subject.startsWith('Supplementary papers'));
    expect(supplementary).toHaveLength(9);
    expect(supplementary[0]?.text).toContain(`${late?.decision?.itemNumber}. ${URGENT}`);
    expect(supplementary[0]?.text).toContain(`by reason of these special circumstances: ${REASON}`);
    expect(supplementary[0]?.text).not.toContain('Car park charges');
    expect(supplementary[0]?.text).not.toContain('Twinning visit');
    expect(kind('late-item-decision').filter((e) => e.subject.startsWith('Approved as urgent business'))).not.toHaveLength(0);
  });

  it("is in the minutes under its item, with the chair's opinion and the special circumstances", async () => {
    const minutes = await cloud().deps.cycles.latestMinutes(cycleId);
    const text = await cloud().deps.documents.getText(minutes!.s3Key);
    const number = (await cycle()).lateItems?.find((l) => l.title === URGENT)?.decision?.itemNumber;
    expect(text).toContain(`ITEM ${number}. ${URGENT}`);
    expect(text).toContain(
      `considered at the meeting as a matter of urgency by reason of special circumstances (Local Government Act 1972, s.100B(4)(b)), namely: ${REASON}`,
    );
    expect(result.status).toBe('SUCCEEDED');
  });
});

describe('a late item refused, or not decided before the meeting', () => {
  it('keeps a refused item off the agenda and tells the secretariat why', async () => {
    expect((await cloud().deps.cycles.listItems(cycleId)).map((i) => i.title)).not.toContain('Car park charges');
    const told = kind('late-item-decision').filter((e) => e.subject.startsWith('Refused as urgent business'));
    expect(told.length).toBeGreaterThan(0);
    expect(told[0]?.text).toContain('This can wait for the March meeting.');
  });

  it('is not taken when the chair has not decided by the meeting: the link says so and changes nothing', async () => {
    const page = await follow(notTakenLink);
    expect(page.status).toBe(410);
    expect(page.html).toContain('before a decision: the item was not taken');
    expect((await cloud().deps.cycles.listItems(cycleId)).map((i) => i.title)).not.toContain('Twinning visit');
    expect((await cycle()).lateItems?.find((l) => l.title === 'Twinning visit')?.decision).toBeUndefined();
  });

  it('refuses an item added after the meeting started, storing nothing', async () => {
    const before = (await cycle()).lateItems?.length;
    await expect(add('After the event')).rejects.toThrow(/meeting started on .*: a late item can no longer be added/);
    expect((await cycle()).lateItems?.length).toBe(before);
  });
});
