import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { makeAssignAction, makeMemberLeaves } from '../../functions/admin/member-leaves';
import { makeStartCycle } from '../../functions/admin/start-cycle';
import { makeNotifyActionOwners } from '../../functions/notify-action-owners/notify-action-owners';
import type { Action } from '../../functions/shared/domain/types';
import { appLinks, follow } from '../../local/people';
import { DEMO_BOARD_ID } from '../../local/seed';
import { cycleCommand } from '../support/cli';
import { useLocalCloud } from '../support/local-cloud';

jest.setTimeout(90_000);
const STATE = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'mc-leave-')), 'local-cloud.json');
const cloud = useLocalCloud({ writeStateFile: true, env: { MEETING_CYCLE_LOCAL_STATE: STATE } });
let actions: Action[];
let tomsLink: string;

const cycle = cycleCommand(STATE);

const action = (n: number) => cloud().deps.actions.getAction(DEMO_BOARD_ID, actions[n - 1]!.actionId);
const emailsOf = (kind: string) =>
  cloud()
    .mail.emails()
    .filter((e) => e.kind === kind);

beforeAll(async () => {
  const d = cloud().deps;
  const { cycle: c } = await makeStartCycle(d)({ boardId: DEMO_BOARD_ID, meetingDate: '2027-01-20' });
  const base = { cycleId: c.cycleId, ownersAsWritten: [], status: 'open' as const };
  actions = await d.actions.createActions(DEMO_BOARD_ID, `${c.cycleId}#leave`, [
    { ...base, ownerMemberIds: ['tom-okafor'], text: 'Brief the Board on knife crime.' },
    { ...base, ownerMemberIds: ['tom-okafor', 'priya-shah'], text: 'Write the joint plan.' },
    { ...base, ownerMemberIds: ['tom-okafor'], text: 'Already done before he left.', status: 'done' },
    { ...base, ownerMemberIds: ['priya-shah'], text: 'Priya asked to hand this to Tom.' },
  ]);
  await d.actions.recordChange(
    DEMO_BOARD_ID,
    actions[3]!.actionId,
    actions[3]!.version,
    {
      pendingDelegation: { id: 'h1', from: 'priya-shah', to: 'tom-okafor', at: '2026-11-02T10:00:00.000Z', reason: 'He leads on this.' },
    },
    [],
  );
  await makeNotifyActionOwners(d)({ boardId: DEMO_BOARD_ID, cycleId: c.cycleId });
  tomsLink = appLinks(emailsOf('action-update-request').find((e) => e.to.includes('tom.okafor@example.org'))!.text, cloud().appUrl)[0]!;
});

describe('a member who leaves the board', () => {
  it('refuses to remove the only secretariat member or chair, naming what to do first', async () => {
    await expect(makeMemberLeaves(cloud().deps)({ boardId: DEMO_BOARD_ID, member: 'secretariat@example.org' })).rejects.toThrow(
      "Grace Lin is the board's only secretariat: import their successor first",
    );
    await expect(makeMemberLeaves(cloud().deps)({ boardId: DEMO_BOARD_ID, member: 'nobody@example.org' })).rejects.toThrow('There is no member');
  });

  it('`cycle members remove` gives their open actions back to the secretariat, keeps shared ones with the others, and tells the secretariat', async () => {
    const out = await cycle('members', 'remove', '--board', DEMO_BOARD_ID, '--member', 'tom.okafor@example.org', '--reason', 'left the MPS');
    expect(out.code).toBe(0);
    expect(out.stdout).toContain('Removed tom-okafor from demo-board.');
    expect(out.stdout).toContain(`Actions back with the secretariat to reassign: ${actions[0]!.number}`);

    expect(await action(1)).toMatchObject({ ownerMemberIds: [], status: 'open' });
    expect(await action(2)).toMatchObject({ ownerMemberIds: ['priya-shah'] });
    expect(await action(3)).toMatchObject({ ownerMemberIds: ['tom-okafor'], status: 'done' });
    expect((await action(4))?.pendingDelegation).toBeUndefined();
    const history = await cloud().deps.actions.listEvents(actions[0]!.actionId);
    expect(history.at(-1)).toMatchObject({
      kind: 'owner-left',
      note: 'Tom Okafor left the board (left the MPS); it goes back to the secretariat to reassign.',
    });

    expect(await cloud().deps.boards.getMember(DEMO_BOARD_ID, 'tom-okafor')).toBeUndefined();
    const told = emailsOf('actions-to-reassign');
    expect(told).toHaveLength(1);
    expect(told[0]).toMatchObject({ to: ['secretariat@example.org'], subject: '1 action to reassign: Tom Okafor has left' });
    expect(told[0]?.text).toContain(`Action ${actions[0]!.number}: Brief the Board on knife crime.`);
  });

  it("stops the member's links working", async () => {
    const page = await follow(tomsLink);
    expect(page.status).toBe(403);
    expect(page.html).toContain('no longer a member');
  });

  it('`cycle actions assign` gives the action a new owner, who gets it with an update link', async () => {
    const before = emailsOf('action-update-request').length;
    const out = await cycle('actions', 'assign', '--board', DEMO_BOARD_ID, '--action', String(actions[0]!.number), '--to', 'helen.price@example.org');
    expect(out.code).toBe(0);
    expect(out.stdout).toContain(`Action ${actions[0]!.number} is now owned by helen-price`);
    expect(await action(1)).toMatchObject({ ownerMemberIds: ['helen-price'] });
    const sent = emailsOf('action-update-request').slice(before);
    expect(sent.map((e) => e.to)).toEqual([['helen.price@example.org']]);
    expect(sent[0]?.text).toContain('The secretariat has given this action to you: it is yours now.');
    expect((await cloud().deps.actions.listEvents(actions[0]!.actionId)).at(-1)).toMatchObject({
      kind: 'reassigned',
      note: 'Assigned by the secretariat to Helen Price.',
    });
  });

  it('refuses to assign a closed action or to someone who is not a member, changing nothing', async () => {
    await expect(makeAssignAction(cloud().deps)({ boardId: DEMO_BOARD_ID, action: actions[2]!.number, to: ['helen-price'] })).rejects.toThrow('is done');
    const out = await cycle('actions', 'assign', '--board', DEMO_BOARD_ID, '--action', String(actions[1]!.number), '--to', 'tom.okafor@example.org');
    expect(out.code).not.toBe(0);
    expect(out.stderr).toContain('There is no member "tom.okafor@example.org"');
    expect(await action(2)).toMatchObject({ ownerMemberIds: ['priya-shah'] });
  });
});
