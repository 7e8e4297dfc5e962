import { readRegisterForm, type InterestRegister } from '../../../shared/domain/interests';
import type { Member } from '../../../shared/domain/types';
import type { CoreDeps } from '../../../shared/ports';
import { recordAudit } from '../../../shared/services/audit';

/**
 * Confirms a member's register of interests as the form leaves it: the entries kept, and any new ones.
 * Returns the register as stored.
 * @throws ValidationError, changing nothing, for a new entry without a kind the register holds or with a
 *   description missing or too long; StaleVersionError when the register changed since it was read
 */
export async function confirmRegister(
  d: Pick<CoreDeps, 'interests' | 'clock' | 'audit'>,
  input: { member: Member; form: Readonly<Record<string, string>> },
): Promise<InterestRegister> {
  const { member } = input;
  const now = d.clock.now().toISOString();
  const current = await d.interests.getRegister(member.boardId, member.memberId);
  const entries = readRegisterForm(input.form, current?.entries ?? [], now);
  const stored = await d.interests.putRegister({ boardId: member.boardId, memberId: member.memberId, entries, confirmedAt: now }, current?.version);
  await recordAudit(
    d,
    member.boardId,
    { kind: 'member', name: member.name, email: member.email },
    { type: 'register-confirmed', memberId: member.memberId, name: member.name, entries: entries.length },
    { key: `register#${member.memberId}#${stored.version}` },
  );
  return stored;
}
