import type { LinkPurpose } from '../../shared/domain/types';
import { approveMinutesPage } from './approve-minutes';
import { confirmAgendaPage } from './confirm-agenda';
import { confirmNextCyclePage } from './confirm-next-cycle';
import { decideDelegationPage } from './decide-delegation';
import { decideDueDatePage } from './decide-due-date';
import { proposeItemPage } from './propose-item';
import { sendApologiesPage } from './send-apologies';
import { submitMinutesPage } from './submit-minutes';
import type { LinkPage } from './types';
import { updateActionPage } from './update-action';
import { uploadPaperPage } from './upload-paper';
import { viewPapersPage } from './view-papers';

/**
 * Every link purpose's page, under its purpose: a purpose without a page, or a page under another
 * purpose's name, is a compile error, so no link can fall through to "This link is not valid".
 */
export const PAGES = {
  'propose-item': proposeItemPage,
  'confirm-agenda': confirmAgendaPage,
  'upload-paper': uploadPaperPage,
  'submit-minutes': submitMinutesPage,
  'approve-minutes': approveMinutesPage,
  'update-action': updateActionPage,
  'view-papers': viewPapersPage,
  'send-apologies': sendApologiesPage,
  'decide-due-date': decideDueDatePage,
  'decide-delegation': decideDelegationPage,
  'confirm-next-cycle': confirmNextCyclePage,
} as const satisfies { readonly [P in LinkPurpose]: LinkPage<P> };
