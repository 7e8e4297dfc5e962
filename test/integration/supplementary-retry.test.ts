import { makeStartCycle } from '../../functions/admin/start-cycle';
import { makeBuildBoardPack } from '../../functions/build-board-pack/build-board-pack';
import { makeCirculatePapers } from '../../functions/circulate-papers/circulate-papers';
import { makeSendSupplementaryCirculation } from '../../functions/send-supplementary-circulation/send-supplementary-circulation';
import { makeIssueLink } from '../../functions/shared/services/issue-link';
import type { Cycle, Member } from '../../functions/shared/domain/types';
import type { CoreDeps, SendOnce } from '../../functions/shared/ports';
import { follow, makePdf, submit, upload } from '../../local/people';
import { DEMO_BOARD_ID } from '../../local/seed';
import { useLocalCloud } from '../support/local-cloud';

jest.setTimeout(60_000);
const cloud = useLocalCloud();
let cycle: Cycle;
let presenter: Member;
const ref = () => ({ boardId: DEMO_BOARD_ID, cycleId: cycle.cycleId });

async function uploadPaper(title: string): Promise<void> {
  const link = await makeIssueLink(cloud().deps)({
    purpose: 'upload-paper',
    boardId: DEMO_BOARD_ID,
    cycleId: cycle.cycleId,
    memberId: presenter.memberId,
    subject: '1',
    expiresAt: new Date(cycle.timeline.meeting),
  });
  const page = await submit(await upload(await follow(link), { name: 'paper.pdf', type: 'application/pdf', content: makePdf(title) }), 'Submit this paper');
  if (page.status !== 200) throw new Error(`Upload failed: ${page.status} ${page.title}`);
}

const supplementaries = () =>
  cloud()
    .mail.emails()
    .filter((e) => e.kind === 'circulation' && e.subject.startsWith('Supplementary'));

beforeAll(async () => {
  const d = cloud().deps;
  ({ cycle } = await makeStartCycle(d)({ boardId: DEMO_BOARD_ID, meetingDate: '2027-01-20' }));
  presenter = (await d.boards.listMembers(DEMO_BOARD_ID)).find((m) => m.email === 'tom.okafor@example.org')!;
  await d.cycles.putItems(cycle.cycleId, [
    {
      cycleId: cycle.cycleId,
      number: 1,
      title: 'Budget',
      purpose: 'decision',
      source: 'proposal',
      presenterMemberId: presenter.memberId,
      paperExpected: true,
      confidential: false,
    },
  ]);
  await uploadPaper('Budget, version 1');
  await makeBuildBoardPack(d)(ref());
  await makeCirculatePapers(d)(ref());
  await uploadPaper('Budget, version 2');
});

describe('a supplementary circulation that fails part-way', () => {
  it('sends the rest on retry, though the packs were already rebuilt, and each member once', async () => {
    const d = cloud().deps;
    // SES starts refusing after three sends; the ones already under way finish.
    let sends = 0;
    const inFlight: Promise<unknown>[] = [];
    const failing: SendOnce = Object.assign(
      (key: string, message: Parameters<SendOnce>[1]) => {
        if (++sends > 3) return Promise.reject(new Error('SES throttled the send'));
        const sending = d.sendOnce(key, message);
        inFlight.push(sending);
        return sending;
      },
      { holds: (key: string) => d.sendOnce.holds(key) },
    );
    const flaky = { ...d, sendOnce: failing } as CoreDeps;
    await expect(makeSendSupplementaryCirculation(flaky)(ref())).rejects.toThrow('SES throttled');
    await Promise.allSettled(inFlight);
    expect(supplementaries()).toHaveLength(3);
    expect((await d.cycles.getCycle(DEMO_BOARD_ID, cycle.cycleId))?.supplementaryPending).toBeDefined();

    const retried = await makeSendSupplementaryCirculation(d)(ref());
    expect(retried.items).toBe(1);
    const members = await d.boards.listMembers(DEMO_BOARD_ID);
    const sent = supplementaries();
    expect(sent).toHaveLength(members.length);
    expect(new Set(sent.map((e) => e.to[0])).size).toBe(members.length);
    for (const email of sent) expect(email.text).toContain('a new version of the paper');

    expect((await d.cycles.getCycle(DEMO_BOARD_ID, cycle.cycleId))?.supplementaryPending).toBeUndefined();
    expect(await makeSendSupplementaryCirculation(d)(ref())).toEqual({ items: 0, sent: 0 });
  });
});
