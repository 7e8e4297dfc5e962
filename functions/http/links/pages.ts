import type { LinkPurpose } from '../../shared/domain/types';
import { loadOnce } from '../../shared/runtime/load-once';
import type { LinkPage } from './types';

/**
 * Every link purpose's page, under its purpose: a purpose without a page, or a page under another
 * purpose's name, is a compile error, so no link can fall through to "This link is not valid".
 *
 * Each page is loaded with `import()` when a link of its purpose is first followed: a click on one purpose
 * reads only that page, its core and what they import (one a chunk of its own in the bundle), not every
 * purpose's libraries (upload checks, minutes files, the working calendar).
 */
export const PAGES = {
  'propose-item': () => import('./propose-item/page').then((m) => m.proposeItemPage),
  'confirm-agenda': () => import('./confirm-agenda/page').then((m) => m.confirmAgendaPage),
  'upload-paper': () => import('./upload-paper/page').then((m) => m.uploadPaperPage),
  'submit-minutes': () => import('./submit-minutes/page').then((m) => m.submitMinutesPage),
  'approve-minutes': () => import('./approve-minutes/page').then((m) => m.approveMinutesPage),
  'update-action': () => import('./update-action/page').then((m) => m.updateActionPage),
  'view-papers': () => import('./view-papers/page').then((m) => m.viewPapersPage),
  'send-apologies': () => import('./send-apologies/page').then((m) => m.sendApologiesPage),
  'decide-due-date': () => import('./decide-due-date/page').then((m) => m.decideDueDatePage),
  'decide-delegation': () => import('./decide-delegation/page').then((m) => m.decideDelegationPage),
  'confirm-next-cycle': () => import('./confirm-next-cycle/page').then((m) => m.confirmNextCyclePage),
  'declare-interest': () => import('./declare-interest/page').then((m) => m.declareInterestPage),
  'confirm-interests': () => import('./confirm-interests/page').then((m) => m.confirmInterestsPage),
  'decide-late-item': () => import('./decide-late-item/page').then((m) => m.decideLateItemPage),
  'deputy-papers': () => import('./deputy-papers/page').then((m) => m.deputyPapersPage),
  'record-attendance': () => import('./record-attendance/page').then((m) => m.recordAttendancePage),
} as const satisfies { readonly [P in LinkPurpose]: () => Promise<LinkPage<P>> };

const loaders = new Map<LinkPurpose, () => Promise<LinkPage>>();

/** The page of `purpose`, loaded on its first link and kept; a failed load is tried again on the next. */
export function pageFor<P extends LinkPurpose>(purpose: P): Promise<LinkPage<P>> {
  let load = loaders.get(purpose);
  if (!load) {
    load = loadOnce(PAGES[purpose] as () => Promise<LinkPage>);
    loaders.set(purpose, load);
  }
  return load() as Promise<LinkPage<P>>;
}
