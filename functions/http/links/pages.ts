import type { LinkPurpose } from '../../shared/domain/types';
import { approveMinutesPage } from './approve-minutes/page';
import { confirmAgendaPage } from './confirm-agenda/page';
import { confirmNextCyclePage } from './confirm-next-cycle/page';
import { decideDelegationPage } from './decide-delegation/page';
import { decideDueDatePage } from './decide-due-date/page';
import { decideLateItemPage } from './decide-late-item/page';
import { deputyPapersPage } from './deputy-papers/page';
import { proposeItemPage } from './propose-item/page';
import { recordAttendancePage } from './record-attendance/page';
import { sendApologiesPage } from './send-apologies/page';
import { submitMinutesPage } from './submit-minutes/page';
import type { LinkPage } from './types';
import { updateActionPage } from './update-action/page';
import { uploadPaperPage } from './upload-paper/page';
import { viewPapersPage } from './view-papers/page';
import { declareInterestPage } from './declare-interest/page';
import { confirmInterestsPage } from './confirm-interests/page';

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
  'declare-interest': declareInterestPage,
  'confirm-interests': confirmInterestsPage,
  'decide-late-item': decideLateItemPage,
  'deputy-papers': deputyPapersPage,
  'record-attendance': recordAttendancePage,
} as const satisfies { readonly [P in LinkPurpose]: LinkPage<P> };
