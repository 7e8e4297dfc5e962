import type * as MinutesPdf from '../../../functions/shared/documents/on-demand-minutes-pdf';
import { makeWaitForChairApproval } from '../../../functions/wait-for-chair-approval/wait-for-chair-approval';
import { makeHttpApp } from '../../../functions/http/app';
import { NotFoundError, ValidationError } from '../../../functions/shared/domain/errors';
import { csrfFor } from '../../../functions/shared/domain/links';
import { item, member } from '../../support/builders';
import { appLinks, MINUTES, people, recipients, saveMinutes, scenario } from './scenario';

const AFTER_MEETING = '2027-03-15T09:00:00.000Z';

/** The chair's answer as a link records it when its resume failed: on the wait, across tokens. */
async function recordedAnswer(d: Awaited<ReturnType<typeof scenario>>['d'], version: number): Promise<void> {
  await d.waits.putWait('c', 'chair-approval', 't0', AFTER_MEETING);
  await d.waits.claimDecision('c', 'chair-approval', 'link-hash', AFTER_MEETING, AFTER_MEETING);
  await d.waits.recordDecision('c', 'chair-approval', 'link-hash', { decision: 'approved', version }, 'Approved.');
}

describe('WaitForChairApproval', () => {
  it('resumes its new token at once with an answer recorded for this version, and asks nobody', async () => {
    const { d, ref } = await scenario({ now: AFTER_MEETING });
    const minutes = await saveMinutes(d, MINUTES);
    await recordedAnswer(d, minutes.version);

    await makeWaitForChairApproval(d)({ ...ref, taskToken: 't1', minutesVersion: minutes.version });

    expect(d.workflow.resumed).toEqual([{ taskToken: 't1', output: { decision: 'approved', version: minutes.version } }]);
    expect(d.emails()).toEqual([]);
    expect(await d.waits.getWait('c', 'chair-approval')).toBeUndefined();
  });

  it("drops an answer left over from an earlier version's round and asks the chair afresh", async () => {
    const { d, ref } = await scenario({ now: AFTER_MEETING });
    await saveMinutes(d, MINUTES);
    const v2 = await saveMinutes(d, MINUTES);
    await recordedAnswer(d, 1);

    await makeWaitForChairApproval(d)({ ...ref, taskToken: 't1', minutesVersion: v2.version });

    expect(d.workflow.resumed).toEqual([]);
    expect(await d.waits.getWait('c', 'chair-approval')).toEqual({ taskToken: 't1', at: AFTER_MEETING });
    expect(d.emails('chair-approval-request')).toHaveLength(1);
  });

  it('sends the chair the minutes as text and PDF, with a single-use approve link and a one-time reply address', async () => {
    const { d, ref } = await scenario({ now: AFTER_MEETING });
    const minutes = await saveMinutes(d, MINUTES);

    await makeWaitForChairApproval(d)({ ...ref, taskToken: 't1', minutesVersion: minutes.version });

    expect((await d.waits.getWait('c', 'chair-approval'))?.taskToken).toBe('t1');
    const [email, ...others] = d.emails('chair-approval-request');
    expect(others).toEqual([]);
    expect(recipients([email!])).toEqual([people.chair.email]);
    expect(email!.subject).toMatch(/^Approve the minutes by .*: Riverside Safety Board, Wednesday 10 March$/);
    expect(email!.text).toContain('Ann Able to circulate the plan by 1 April 2027.');
    const [attachment] = email!.attachments ?? [];
    expect(attachment).toMatchObject({ fileName: 'Riverside Safety Board minutes 2027-03-10 v1.pdf', contentType: 'application/pdf' });
    expect(
      Buffer.from(attachment!.content as Buffer)
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
    expect(d.links.forUrl(appLinks(email)[0]!)).toMatchObject({ purpose: 'approve-minutes', memberId: 'cara', subject: '1', singleUse: true });
    expect(d.links.forUrl(email!.replyTo!)).toMatchObject({ purpose: 'reply-minutes', memberId: 'cara', subject: '1' });
  });

  it("says what changed in a revised version since the chair's comments, and asks once per version", async () => {
    const { d, ref } = await scenario({ now: AFTER_MEETING });
    await saveMinutes(d, MINUTES, { status: 'changes-requested', changeRequest: { by: 'cara', at: AFTER_MEETING, comment: 'Say who presented.' } });
    const revised = await saveMinutes(d, MINUTES.replace('2.1 The board discussed the plan.', '2.1 Ann Able presented the plan.'));
    const wait = makeWaitForChairApproval(d);

    await wait({ ...ref, taskToken: 't1', minutesVersion: revised.version });
    await wait({ ...ref, taskToken: 't2', minutesVersion: revised.version });

    const emails = d.emails('chair-approval-request');
    expect(emails).toHaveLength(1);
    expect(emails[0]!.subject).toContain('(version 2)');
    expect(emails[0]!.text).toContain('revised after your comments on version 1: “Say who presented.”');
    expect(emails[0]!.text).toContain('Ann Able presented the plan.');
  });

  it('makes no PDF when run again after the email went (a retry loads no pdf-lib)', async () => {
    const { d, ref } = await scenario({ now: AFTER_MEETING });
    const minutes = await saveMinutes(d, MINUTES);
    // The same core with its PDFs counted (the module under test, loaded again with a counting stand-in).
    let made = 0;
    let make!: typeof makeWaitForChairApproval;
    jest.isolateModules(() => {
      jest.doMock('../../../functions/shared/documents/on-demand-minutes-pdf', () => {
        const actual = jest.requireActual<typeof MinutesPdf>('../../../functions/shared/documents/on-demand-minutes-pdf');
        return { ...actual, minutesPdf: (...args: Parameters<typeof actual.minutesPdf>) => ((made += 1), actual.minutesPdf(...args)) };
      });
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded after the stand-in, in the isolated registry
      make = (require('../../../functions/wait-for-chair-approval/wait-for-chair-approval') as { makeWaitForChairApproval: typeof makeWaitForChairApproval })
        .makeWaitForChairApproval;
    });
    const wait = make(d);
    await wait({ ...ref, taskToken: 't1', minutesVersion: minutes.version });
    expect(made).toBe(1);
    await wait({ ...ref, taskToken: 't2', minutesVersion: minutes.version });
    expect(made).toBe(1);
    expect(d.emails('chair-approval-request')).toHaveLength(1);
    expect(d.emails('chair-approval-request')[0]!.attachments?.map((a) => a.contentType)).toEqual(['application/pdf']);
  });

  it('refuses without a version, or with one that does not exist', async () => {
    const { d, ref } = await scenario({ now: AFTER_MEETING });
    await expect(makeWaitForChairApproval(d)({ ...ref, taskToken: 't1' })).rejects.toThrow(ValidationError);
    await expect(makeWaitForChairApproval(d)({ ...ref, taskToken: 't1', minutesVersion: 4 })).rejects.toThrow(NotFoundError);
    expect(d.emails()).toEqual([]);
  });

  describe('when the chair declared an interest in an item of the meeting', () => {
    const vice = member('vic', 'Vic Vice', 'Fire', ['vice-chair', 'member']);

    /** Cycle "c" with a vice-chair, after a meeting where the chair declared an interest in item 2. */
    async function chairDeclared(prejudicial: boolean) {
      const { d, ref } = await scenario({ now: AFTER_MEETING, members: [...Object.values(people), vice] });
      await d.cycles.putItems('c', [item(1, 'Apologies'), item(2, 'Contract award')]);
      const declared = { boardId: 'b', cycleId: 'c', memberId: 'cara', itemNumber: 2, kind: 'non-registrable', at: AFTER_MEETING } as const;
      await d.interests.declare([{ ...declared, description: 'Partner bids for the contract', prejudicial }]);
      const minutes = await saveMinutes(d, MINUTES);
      await makeWaitForChairApproval(d)({ ...ref, taskToken: 't1', minutesVersion: minutes.version });
      return d;
    }

    it('asks the vice-chair when the chair took no part in it, and the approval names the vice-chair', async () => {
      const d = await chairDeclared(true);

      const [email, ...others] = d.emails('chair-approval-request');
      expect(others).toEqual([]);
      expect(recipients([email!])).toEqual([vice.email]);
      expect(email!.text).toContain('in place of Cara Chair: the chair declared an interest in the business of the meeting.');
      expect((await d.cycles.getCycle('b', 'c'))?.approvalHandover).toMatchObject({ to: 'vic', because: 'chair-conflicted' });

      const url = new URL(appLinks(email)[0]!);
      const token = url.pathname.slice('/l/'.length).split('/')[0] ?? '';
      const body = new URLSearchParams({ csrf: csrfFor(token), decision: 'approve' }).toString();
      const res = await makeHttpApp(d)({ method: 'POST', path: url.pathname, query: {}, body, contentType: 'application/x-www-form-urlencoded' });
      expect(res.body).toContain('approved by Vic Vice, Vice-Chair,');
      expect(await d.cycles.getMinutes('c', 1)).toMatchObject({ status: 'approved', approval: { by: 'vic' }, approvedAs: 'vice-chair' });
    });

    it('asks the chair when they declared an interest but took part', async () => {
      const d = await chairDeclared(false);

      expect(recipients(d.emails('chair-approval-request'))).toEqual([people.chair.email]);
      expect((await d.cycles.getCycle('b', 'c'))?.approvalHandover).toBeUndefined();
    });
  });
});
