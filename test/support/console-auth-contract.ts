import { randomUUID } from 'node:crypto';
import type { CoreDeps } from '../../functions/shared/ports';

type AuthPorts = Pick<CoreDeps, 'signIns' | 'sessions' | 'securityLog'>;

/**
 * What the sign-in, session and security-log ports promise, run on the fakes (test/unit/fakes.test.ts)
 * and on the Dynamo adapters (test/integration/console-access.test.ts), so the two cannot drift.
 */
export function describeConsoleAuthContract(name: string, ports: () => AuthPorts): void {
  const id = () => randomUUID().replace(/-/g, '');
  describe(name, () => {
    it('claims a sign-in link once, releases only the claim it is given, and refuses an unknown one', async () => {
      const { signIns } = ports();
      const tokenHash = id();
      const record = { tokenHash, email: 'a@example.org', bindingHash: id(), createdAt: '2027-01-04T09:00:00.000Z', expiresAt: '2027-01-04T09:15:00.000Z' };
      await signIns.putSignIn(record);
      await expect(signIns.putSignIn(record)).rejects.toThrow('already exists');
      expect(await signIns.claimSignIn(id(), '2027-01-04T09:01:00.000Z')).toBe(false);
      expect(await signIns.claimSignIn(tokenHash, '2027-01-04T09:01:00.000Z')).toBe(true);
      expect(await signIns.claimSignIn(tokenHash, '2027-01-04T09:02:00.000Z')).toBe(false);
      await signIns.releaseSignIn(tokenHash, '2027-01-04T09:02:00.000Z');
      expect(await signIns.getSignIn(tokenHash)).toEqual({ ...record, usedAt: '2027-01-04T09:01:00.000Z' });
      await signIns.releaseSignIn(tokenHash, '2027-01-04T09:01:00.000Z');
      expect(await signIns.getSignIn(tokenHash)).toEqual(record);
    });

    it('counts attempts per scope and window up to the limit, and no further', async () => {
      const { signIns } = ports();
      const scope = `client#${id()}`;
      const counted = [];
      for (let i = 0; i < 4; i++) counted.push(await signIns.countAttempt(scope, '2027-01-04T09:00:00.000Z', 3, '2027-01-04T09:15:00.000Z'));
      expect(counted).toEqual([true, true, true, false]);
      expect(await signIns.countAttempt(scope, '2027-01-04T09:15:00.000Z', 3, '2027-01-04T09:30:00.000Z')).toBe(true);
    });

    it('touches, ends one, and ends every session of a person, leaving others', async () => {
      const { sessions } = ports();
      const email = `${id()}@example.org`;
      const session = (sessionHash: string, who = email) => ({
        sessionHash,
        email: who,
        createdAt: '2027-01-04T09:00:00.000Z',
        lastSeenAt: '2027-01-04T09:00:00.000Z',
        idleExpiresAt: '2027-01-04T17:00:00.000Z',
        absoluteExpiresAt: '2027-01-11T09:00:00.000Z',
      });
      const [one, two, three, theirs] = [id(), id(), id(), id()];
      for (const hash of [one, two, three]) await sessions.createSession(session(hash));
      const other = `${id()}@example.org`;
      await sessions.createSession(session(theirs, other));
      await sessions.touchSession(one, '2027-01-04T10:00:00.000Z', '2027-01-04T18:00:00.000Z');
      expect(await sessions.getSession(one)).toEqual({ ...session(one), lastSeenAt: '2027-01-04T10:00:00.000Z', idleExpiresAt: '2027-01-04T18:00:00.000Z' });
      await sessions.endSession(two);
      await sessions.touchSession(two, '2027-01-04T10:00:00.000Z', '2027-01-04T18:00:00.000Z');
      expect(await sessions.getSession(two)).toBeUndefined();
      expect(await sessions.endSessionsOf(email.toUpperCase())).toBe(2);
      expect(await sessions.getSession(one)).toBeUndefined();
      expect(await sessions.getSession(three)).toBeUndefined();
      expect(await sessions.getSession(theirs)).toEqual(session(theirs, other));
    });

    it('keeps security events of a day in time order, two in one millisecond apart', async () => {
      const { securityLog } = ports();
      const ip = `198.51.100.${Math.floor(Math.random() * 250)}`;
      const at = '2031-05-06T10:00:00.000Z';
      await securityLog.record({ at: '2031-05-06T11:00:00.000Z', event: 'signed-out', email: 'a@example.org', ip, reason: 'everywhere' });
      await securityLog.record({ at, event: 'signed-in', email: 'a@example.org', boardIds: ['a'], ip });
      await securityLog.record({ at, event: 'signed-in', email: 'a@example.org', boardIds: ['a'], ip });
      const day = (await securityLog.listDay('2031-05-06')).filter((e) => e.ip === ip);
      expect(day.map((e) => e.event)).toEqual(['signed-in', 'signed-in', 'signed-out']);
      expect(await securityLog.listDay('2031-05-07')).toEqual([]);
    });
  });
}
