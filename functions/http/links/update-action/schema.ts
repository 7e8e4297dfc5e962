import { z } from 'zod';
import { readDelegationForm, readUpdateForm, type DelegationInput, type UpdateInput } from '../../../shared/domain/action-changes';
import type { Member } from '../../../shared/domain/types';

/** Which of the page's two forms was sent, read by the domain's rules (and their messages). */
export type ActionForm = ({ do: 'update' } & UpdateInput) | ({ do: 'delegate' } & DelegationInput);

/**
 * The owner's update (status, note, a proposed due date) or hand-over request (`do=delegate`). `today`
 * is the board's date, the earliest a proposed due date may be; `candidates` may take the action on.
 */
export const actionForm = (today: string, candidates: readonly Pick<Member, 'memberId'>[]) =>
  z
    .record(z.string(), z.string())
    .transform((fields): ActionForm =>
      fields.do === 'delegate' ? { do: 'delegate', ...readDelegationForm(fields, candidates) } : { do: 'update', ...readUpdateForm(fields, today) },
    );
