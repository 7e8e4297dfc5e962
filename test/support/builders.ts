import type { AgendaItem, Member } from '../../functions/shared/domain/types';

/** A member of board "b", with an example.org address from the id. */
export const member = (memberId: string, name: string, organisation: string, roles: Member['roles'] = ['member']): Member => ({
  boardId: 'b',
  memberId,
  name,
  email: `${memberId}@example.org`,
  organisation,
  roles,
});

/** A standing item of cycle "c" with no paper, unless `extra` says otherwise. */
export const item = (number: number, title: string, extra: Partial<AgendaItem> = {}): AgendaItem => ({
  cycleId: 'c',
  number,
  title,
  purpose: 'discussion',
  source: 'standing',
  paperExpected: false,
  confidential: false,
  ...extra,
});
