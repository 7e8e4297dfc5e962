import { onFirstUse } from '../on-first-use';
import type { ConsoleRoute } from '../types';

/**
 * The console's home, board settings and members. Fixed segments (`new`, `import`) come before
 * `:member`, since the first route that matches a path answers it.
 */
export const BOARD_ROUTES: readonly ConsoleRoute[] = [
  { method: 'GET', path: '/console', access: 'signed-in', summary: 'The boards this person may see', handle: onFirstUse(() => import('./home'), 'homePage') },
  {
    method: 'GET',
    path: '/console/boards/new',
    access: 'admin',
    summary: 'The form for a new board',
    handle: onFirstUse(() => import('./board-form'), 'newBoardPage'),
  },
  {
    method: 'POST',
    path: '/console/boards/new',
    access: 'admin',
    summary: 'Create a board',
    handle: onFirstUse(() => import('./board-form'), 'createBoardFromForm'),
  },
  {
    method: 'GET',
    path: '/console/boards/:board/settings',
    access: 'board-read',
    summary: "A board's settings",
    handle: onFirstUse(() => import('./settings'), 'settingsPage'),
  },
  {
    method: 'POST',
    path: '/console/boards/:board/settings',
    access: 'board-write',
    summary: "Save a board's settings",
    handle: onFirstUse(() => import('./settings'), 'saveSettings'),
  },
  {
    method: 'GET',
    path: '/console/boards/:board/audit',
    access: 'board-read',
    summary: "A board's audit trail, its chain verified",
    handle: onFirstUse(() => import('./audit-page'), 'auditPage'),
  },
  {
    method: 'GET',
    path: '/console/boards/:board/members',
    access: 'board-read',
    summary: "A board's members",
    handle: onFirstUse(() => import('./members-list'), 'membersPage'),
  },
  {
    method: 'POST',
    path: '/console/boards/:board/members/import',
    access: 'board-write',
    multipart: true,
    summary: 'Check a CSV file of members: a preview, nothing saved',
    handle: onFirstUse(() => import('./import'), 'previewImport'),
  },
  {
    method: 'POST',
    path: '/console/boards/:board/members/import/confirm',
    access: 'board-write',
    multipart: true,
    summary: 'Import the checked members, all or none',
    handle: onFirstUse(() => import('./import'), 'confirmImport'),
  },
  {
    method: 'GET',
    path: '/console/boards/:board/members/new',
    access: 'board-read',
    summary: 'The form for a new member',
    handle: onFirstUse(() => import('./member-form'), 'newMemberPage'),
  },
  {
    method: 'POST',
    path: '/console/boards/:board/members/new',
    access: 'board-write',
    summary: 'Add a member',
    handle: onFirstUse(() => import('./member-form'), 'addMemberFromForm'),
  },
  {
    method: 'GET',
    path: '/console/boards/:board/members/:member',
    access: 'board-read',
    summary: "A member's details",
    handle: onFirstUse(() => import('./member-form'), 'memberPage'),
  },
  {
    method: 'POST',
    path: '/console/boards/:board/members/:member',
    access: 'board-write',
    summary: "Change a member's details",
    handle: onFirstUse(() => import('./member-form'), 'saveMember'),
  },
  {
    method: 'GET',
    path: '/console/boards/:board/members/:member/remove',
    access: 'board-read',
    summary: 'What removing a member would do',
    handle: onFirstUse(() => import('./remove'), 'removePage'),
  },
  {
    method: 'POST',
    path: '/console/boards/:board/members/:member/remove',
    access: 'board-write',
    summary: 'Remove a member',
    handle: onFirstUse(() => import('./remove'), 'removeMember'),
  },
];
