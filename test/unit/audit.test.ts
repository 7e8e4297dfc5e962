import { makeMemberLeaves } from '../../functions/admin/member-leaves';
import { GENESIS_HASH, hashEntry, sealEntry, verifyChain, type AuditEntry, type AuditNote } from '../../functions/shared/domain/audit';
import { makeSendOnce } from '../../functions/shared/services/send-once';
import { fakeDeps } from '../support/fakes';
import { scenario } from './cores/scenario';

const note = (n: number, extra: Partial<AuditNote> = {}): AuditNote => ({
  at: `2027-01-${String(10 + n).padStart(2, '0')}T09:00:00.000Z`,
  who: { kind: 'system' },
  what: n === 1 ? { type: 'cycle-started', meetingDate: '2027-01-20' } : { type: 'agenda-confirmed', items: n },
  cycleId: 'c1',
  ...extra,
});

/** A trail of `n` entries, as the adapter writes it. */
function trail(n: number): AuditEntry[] {
  const entries: AuditEntry[] = [];
  for (let i = 1; i <= n; i++) entries.push(sealEntry('b', note(i), entries.at(-1)));
  return entries;
}
const headOf = (entries: AuditEntry[]) => ({ seq: entries.at(-1)!.seq, hash: entries.at(-1)!.hash });

describe('verifyChain', () => {
  it('passes a whole trail, the empty one included', () => {
    const entries = trail(5);
    expect(entries[0]!.prevHash).toBe(GENESIS_HASH);
    expect(verifyChain(entries, headOf(entries))).toEqual({ intact: true, entries: 5 });
    expect(verifyChain([])).toEqual({ intact: true, entries: 0 });
  });

  it('names an entry whose content changed', () => {
    const entries = trail(5);
    entries[1] = { ...entries[1]!, what: { type: 'agenda-confirmed', items: 99 } };
    expect(verifyChain(entries, headOf(entries))).toMatchObject({
      intact: false,
      problem: 'edited',
      seq: 2,
      message: 'Entry 2 (2027-01-12 09:00 UTC, agenda confirmed (99 items)) was changed after it was written.',
    });
  });

  it('names an entry rewritten with a fresh hash by the next entry’s link, and the last one by the head', () => {
    const entries = trail(5);
    const forged = { ...entries[2]!, who: { kind: 'admin' as const, name: 'Mallory' } };
    entries[2] = { ...forged, hash: hashEntry(forged) };
    expect(verifyChain(entries, headOf(trail(5)))).toMatchObject({ problem: 'edited', seq: 3, message: expect.stringContaining("the next entry's link") });
    const last = trail(5);
    const resealed = { ...last[4]!, at: '2027-02-01T00:00:00.000Z' };
    const head = headOf(last);
    last[4] = { ...resealed, hash: hashEntry(resealed) };
    expect(verifyChain(last, head)).toMatchObject({ problem: 'edited', seq: 5, message: expect.stringContaining("the trail's last hash") });
  });

  it('names entries deleted in the middle, at the start and at the end', () => {
    const entries = trail(6);
    expect(verifyChain([...entries.slice(0, 2), ...entries.slice(4)], headOf(entries))).toMatchObject({
      problem: 'deleted',
      seq: 3,
      message: expect.stringMatching(/^Entries 3 to 4 are missing: deleted after being written \(just before Entry 5 /),
    });
    expect(verifyChain(entries.slice(1), headOf(entries))).toMatchObject({ problem: 'deleted', seq: 1 });
    expect(verifyChain(entries.slice(0, 5), headOf(entries))).toMatchObject({
      problem: 'deleted',
      seq: 6,
      message: expect.stringContaining('Entry 6 is missing'),
    });
  });

  it('names two entries stored in each other’s place', () => {
    const entries = trail(5);
    const swapped = [entries[0]!, entries[2]!, entries[1]!, entries[3]!, entries[4]!];
    expect(verifyChain(swapped, headOf(entries))).toMatchObject({
      problem: 'reordered',
      seq: 3,
      message: expect.stringMatching(/^Entry 3 \(.*\) is stored before entry 2 \(.*\): the entries were reordered\.$/),
    });
  });

  it('hashes the same content the same whatever its key order', () => {
    const [entry] = trail(1);
    const { hash: _hash, ...content } = entry!;
    const reordered = Object.fromEntries(Object.entries(content).reverse()) as typeof content;
    expect(hashEntry(reordered)).toBe(entry!.hash);
  });
});

describe('the audit trail fake', () => {
  it('numbers and chains entries per board, lists a cycle’s, and appends a keyed note once', async () => {
    const d = fakeDeps();
    await d.audit.append('b', note(1));
    await d.audit.append('other', note(1));
    expect(await d.audit.append('b', note(2, { cycleId: 'c2', key: 'k' }))).toMatchObject({ seq: 2 });
    expect(await d.audit.append('b', note(2, { cycleId: 'c2', key: 'k' }))).toBeUndefined();
    const entries = await d.audit.list('b');
    expect(entries.map((e) => e.seq)).toEqual([1, 2]);
    expect(verifyChain(entries, await d.audit.head('b'))).toMatchObject({ intact: true, entries: 2 });
    expect((await d.audit.list('b', { cycleId: 'c2' })).map((e) => e.seq)).toEqual([2]);
  });

  it('records a member removed, and the action that left with them, in the writes themselves', async () => {
    const { d } = await scenario();
    await d.actions.createActions('b', 'c#minutes', [{ cycleId: 'c', ownersAsWritten: [], status: 'open', ownerMemberIds: ['ann'], text: 'Map it.' }]);
    const removeMember = d.boards.removeMember.bind(d.boards);
    // Removing fails after the change is planned: the entry must not be there without the change.
    d.boards.removeMember = () => Promise.reject(new Error('table unavailable'));
    const sam = { kind: 'secretariat' as const, email: 'sam@example.org' };
    await expect(makeMemberLeaves(d, sam)({ boardId: 'b', member: 'ann' })).rejects.toThrow('table unavailable');
    expect(await d.audit.types('b')).toEqual(['action-changed']);
    d.boards.removeMember = removeMember;
    await makeMemberLeaves(d, sam)({ boardId: 'b', member: 'ann' });
    const entries = await d.audit.list('b');
    expect(entries.map((e) => e.what.type)).toEqual(['action-changed', 'member-removed']);
    expect(entries[0]).toMatchObject({ who: { kind: 'secretariat' }, cycleId: 'c', what: { number: 1, change: expect.stringContaining('owner-left') } });
    expect(entries[1]).toMatchObject({ who: sam, what: { memberId: 'ann', name: 'Ann Able' } });
  });

  it('records an email of a board once sent, and once more only if its entry was lost', async () => {
    const d = fakeDeps();
    const send = makeSendOnce({ outbox: d.outbox, mailer: d.mailer, clock: d.clock, limiter: d.rateLimiter, audit: d.audit });
    const message = {
      to: [{ name: 'Ann', email: 'ann@example.org' }],
      subject: 'Hello',
      html: '<p>x</p>',
      text: 'x',
      kind: 'agenda-call' as const,
      boardId: 'b',
    };
    await send('agenda-call#c1#ann', message);
    expect(await d.audit.types('b')).toEqual(['email-sent']);
    // A run that died after the send and before its entry: the retry, finding it sent, writes the entry.
    await d.audit.table.delete({ pk: 'AUDITKEY#b', sk: 'email#agenda-call#c1#ann' });
    const [first] = await d.audit.list('b');
    await send('agenda-call#c1#ann', message);
    await send('agenda-call#c1#ann', message);
    const entries = await d.audit.list('b');
    expect(entries.map((e) => e.seq)).toEqual([1, 2]);
    expect(entries[1]).toMatchObject({ what: first!.what });
    expect(entries[0]).toMatchObject({ cycleId: 'c1', what: { type: 'email-sent', kind: 'agenda-call', to: ['ann@example.org'], subject: 'Hello' } });
    expect(d.mailer.sent[0]).not.toHaveProperty('boardId');
  });
});
