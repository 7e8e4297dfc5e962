import { parseMembersCsv } from '../functions/shared/domain/members-csv';
import { DEFAULT_RULES, DEFAULT_STANDING_ITEMS } from '../functions/shared/domain/board-defaults';
import type { Board, Member } from '../functions/shared/domain/types';
import type { BoardRepository } from '../functions/shared/ports';

export const DEMO_BOARD_ID = 'demo-board';

/**
 * A fictional board shaped like the London Crime Reduction Board in shared/fixtures: a chair, partner
 * organisations' representatives, officers and a secretariat. Addresses are example.org.
 */
export const DEMO_MEMBERS_CSV = `name,email,organisation,roles
Alex Morgan,chair@example.org,Mayor's Office,chair;member
Priya Shah,priya.shah@example.org,Policing and Crime Office,member
Tom Okafor,tom.okafor@example.org,Metropolitan Police Service,member
Helen Price,helen.price@example.org,London Councils,member
Sam Reid,sam.reid@example.org,Crown Prosecution Service,member
Joanne Hill,joanne.hill@example.org,NHS England,member
Marcus Bell,marcus.bell@example.org,Probation Service,member
Dan Hale,dan.hale@example.org,Policing and Crime Office,officer
Grace Lin,secretariat@example.org,Board Secretariat,secretariat
`;

/**
 * The demo members' ids, fixed so that tests and the demo can name them. Given explicitly here, as an
 * import never does: imported members get random ids (members-csv.ts).
 */
export const DEMO_MEMBER_IDS: Readonly<Record<string, string>> = {
  'chair@example.org': 'chair',
  'priya.shah@example.org': 'priya-shah',
  'tom.okafor@example.org': 'tom-okafor',
  'helen.price@example.org': 'helen-price',
  'sam.reid@example.org': 'sam-reid',
  'joanne.hill@example.org': 'joanne-hill',
  'marcus.bell@example.org': 'marcus-bell',
  'dan.hale@example.org': 'dan-hale',
  'secretariat@example.org': 'secretariat',
};

/** The demo members of `boardId`, with their fixed ids. */
export function demoMembers(boardId: string = DEMO_BOARD_ID): Member[] {
  const { members, errors } = parseMembersCsv(boardId, DEMO_MEMBERS_CSV);
  if (errors.length) throw new Error(`The demo members do not parse: ${errors.map((e) => `line ${e.line}: ${e.message}`).join('; ')}`);
  return members.map((m) => {
    const memberId = DEMO_MEMBER_IDS[m.email];
    if (!memberId) throw new Error(`The demo member ${m.email} has no fixed id in DEMO_MEMBER_IDS.`);
    return { ...m, memberId };
  });
}

export function demoBoard(): Board {
  return {
    boardId: DEMO_BOARD_ID,
    name: 'Riverside Community Safety Board',
    timeZone: 'Europe/London',
    holidays: { country: 'GB', state: 'ENG' },
    rules: { ...DEFAULT_RULES },
    quorum: 4,
    defaultVenue: 'Committee Room 1, Riverside Town Hall',
    standingItems: [...DEFAULT_STANDING_ITEMS],
    version: 1,
  };
}

/** Creates the demo board and its members, unless it exists already. */
export async function seedDemoBoard(boards: BoardRepository): Promise<Board> {
  const existing = await boards.getBoard(DEMO_BOARD_ID);
  if (existing) return existing;
  const board = await boards.putBoard(demoBoard());
  await boards.addMembers(demoMembers());
  return board;
}
