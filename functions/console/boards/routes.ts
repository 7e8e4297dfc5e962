import type { ConsoleRoute } from '../types';
import { auditPage } from './audit-page';
import { createBoardFromForm, newBoardPage } from './board-form';
import { homePage } from './home';
import { confirmImport, previewImport } from './import';
import { addMemberFromForm, memberPage, newMemberPage, saveMember } from './member-form';
import { membersPage } from './members-list';
import { removeMember, removePage } from './remove';
import { saveSettings, settingsPage } from './settings';

/**
 * The console's home, board settings and members. Fixed segments (`new`, `import`) come before
 * `:member`, since the first route that matches a path answers it.
 */
export const BOARD_ROUTES: readonly ConsoleRoute[] = [
  { method: 'GET', path: '/console', access: 'signed-in', summary: 'The boards this person may see', handle: homePage },
  { method: 'GET', path: '/console/boards/new', access: 'admin', summary: 'The form for a new board', handle: newBoardPage },
  { method: 'POST', path: '/console/boards/new', access: 'admin', summary: 'Create a board', handle: createBoardFromForm },
  { method: 'GET', path: '/console/boards/:board/settings', access: 'board-read', summary: "A board's settings", handle: settingsPage },
  { method: 'POST', path: '/console/boards/:board/settings', access: 'board-write', summary: "Save a board's settings", handle: saveSettings },
  { method: 'GET', path: '/console/boards/:board/audit', access: 'board-read', summary: "A board's audit trail, its chain verified", handle: auditPage },
  { method: 'GET', path: '/console/boards/:board/members', access: 'board-read', summary: "A board's members", handle: membersPage },
  {
    method: 'POST',
    path: '/console/boards/:board/members/import',
    access: 'board-write',
    multipart: true,
    summary: 'Check a CSV file of members: a preview, nothing saved',
    handle: previewImport,
  },
  {
    method: 'POST',
    path: '/console/boards/:board/members/import/confirm',
    access: 'board-write',
    multipart: true,
    summary: 'Import the checked members, all or none',
    handle: confirmImport,
  },
  { method: 'GET', path: '/console/boards/:board/members/new', access: 'board-read', summary: 'The form for a new member', handle: newMemberPage },
  { method: 'POST', path: '/console/boards/:board/members/new', access: 'board-write', summary: 'Add a member', handle: addMemberFromForm },
  { method: 'GET', path: '/console/boards/:board/members/:member', access: 'board-read', summary: "A member's details", handle: memberPage },
  { method: 'POST', path: '/console/boards/:board/members/:member', access: 'board-write', summary: "Change a member's details", handle: saveMember },
  {
    method: 'GET',
    path: '/console/boards/:board/members/:member/remove',
    access: 'board-read',
    summary: 'What removing a member would do',
    handle: removePage,
  },
  { method: 'POST', path: '/console/boards/:board/members/:member/remove', access: 'board-write', summary: 'Remove a member', handle: removeMember },
];
