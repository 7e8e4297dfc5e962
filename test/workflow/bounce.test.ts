import { emailStatus } from '../../functions/console/cycles/cycle-sections/emails';
import { STATES } from '../../functions/shared/domain/states';
import type { Member } from '../../functions/shared/domain/types';
import { driveCycle, type DriveResult } from '../../local/drive-cycle';
import { DEMO_BOARD_ID } from '../../local/seed';
import { useLocalCloud } from '../support/local-cloud';

jest.setTimeout(120_000);
const cloud = useLocalCloud();
let result: DriveResult;
let bouncer: Member;

beforeAll(async () => {
  const members = await cloud().deps.boards.listMembers(DEMO_BOARD_ID);
  // A member with no other part to play, so the cycle itself never waits on them.
  const plain = members.find((m) => m.roles.length === 1 && m.roles[0] === 'member');
  if (!plain) throw new Error('The demo board has no plain member.');
  bouncer = plain;
  result = await driveCycle(cloud(), {
    boardId: DEMO_BOARD_ID,
    meetingDate: '2027-01-20',
    meetingTime: '15:30',
    // Their mailbox disappears just as the papers go out.
    onState: (event) => {
      if (event.state === STATES.CirculatePapers) cloud().mail.simulate(bouncer.email, 'permanent');
    },
  });
});

const to = (address: string) =>
  cloud()
    .mail.emails()
    .filter((e) => e.to.includes(address));

describe('a member whose address bounces during circulation', () => {
  it('lets the cycle go on to the end', () => {
    expect(result.status).toBe('SUCCEEDED');
    expect(result.statesVisited).toContain('PublishMinutes');
    expect(cloud().mailEvents.failures()).toEqual([]);
  });

  it('marks the address suppressed, with the reason SES gave', async () => {
    const member = await cloud().deps.boards.getMember(DEMO_BOARD_ID, bouncer.memberId);
    expect(member?.mailStatus).toMatchObject({ state: 'suppressed', reason: expect.stringContaining('550 5.1.1 user unknown') });
  });

  it('tells the secretariat by email, never through the bouncing address', async () => {
    const secretariat = (await cloud().deps.boards.listMembers(DEMO_BOARD_ID)).filter((m) => m.roles.includes('secretariat'));
    const told = cloud()
      .mail.emails()
      .filter((e) => e.kind === 'address-undeliverable');
    expect(told.length).toBe(secretariat.length);
    expect(told.flatMap((e) => e.to).sort()).toEqual(secretariat.map((m) => m.email).sort());
    expect(told[0]?.subject).toContain(bouncer.name);
    expect(told[0]?.text).toContain(bouncer.email);
  });

  it('sends nothing more to that address, and the cycle record says what they did not receive', async () => {
    const received = to(bouncer.email);
    const bounced = received.filter((e) => e.fate === 'permanent');
    expect(bounced.map((e) => e.kind)).toEqual(['circulation']);
    // The circulation is the last email captured for them: everything later was withheld.
    expect(received.at(-1)).toBe(bounced[0]);

    const record = await cloud().deps.outbox.listForCycle(result.cycle.cycleId);
    const theirs = record.filter((e) => e.message?.to.includes(bouncer.email));
    const circulation = theirs.find((e) => e.message?.kind === 'circulation');
    expect(circulation && emailStatus(circulation, cloud().clock.now())).toMatch(/^Sent, bounced: permanent bounce/);
    const withheld = theirs.filter((e) => e.status === 'suppressed');
    expect(withheld.map((e) => e.message?.kind)).toContain('minutes-published');
    expect(withheld.every((e) => emailStatus(e, cloud().clock.now()).startsWith('Not sent: address suppressed'))).toBe(true);
  });

  it('leaves the other members unaffected', async () => {
    const others = (await cloud().deps.boards.listMembers(DEMO_BOARD_ID)).filter((m) => m.memberId !== bouncer.memberId);
    for (const member of others) {
      expect(member.mailStatus).toBeUndefined();
      expect(to(member.email).some((e) => e.kind === 'minutes-published')).toBe(true);
    }
  });
});
