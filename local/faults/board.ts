import { createBoard } from '../../functions/admin/boards';
import { parseMembersCsv } from '../../functions/shared/domain/members-csv';
import type { Board } from '../../functions/shared/domain/types';
import type { CoreDeps } from '../../functions/shared/ports';

/** The harness board's name: the same in every run, so that subjects compare. */
export const FAULTS_BOARD_NAME = 'Harbourside Partnership Board';

const FIRST = ['Alex', 'Priya', 'Tom', 'Helen', 'Sam', 'Joanne', 'Marcus', 'Dan', 'Grace', 'Ruth', 'Omar', 'Leah', 'Ian', 'Nadia', 'Chris'];
const LAST = ['Morgan', 'Shah'];

/** The most people a harness board has. */
export const MAX_BOARD_SIZE = FIRST.length * LAST.length;

/** The board's people, `size` of them (at least 8): a chair, voting members, two officers and one secretariat, last. */
export function faultsPeople(size: number): { name: string; local: string; roles: string }[] {
  if (size < 8 || size > MAX_BOARD_SIZE) throw new Error(`A harness board has 8 to ${MAX_BOARD_SIZE} people, not ${size}.`);
  return FIRST.flatMap((first, i) => LAST.map((last) => ({ first, last, n: i * LAST.length + LAST.indexOf(last) })))
    .slice(0, size)
    .map(({ first, last, n }) => {
      const roles = n === 0 ? 'chair;member' : n === size - 1 ? 'secretariat' : n >= size - 3 ? 'officer' : 'member';
      return { name: `${first} ${last}`, local: `${first}.${last}`.toLowerCase(), roles };
    });
}

/** The board of run `run`: its own id, `size` people, addresses tagged with the run (`alex.morgan+r3@…`). */
export async function seedFaultsBoard(d: Pick<CoreDeps, 'boards' | 'audit' | 'clock'>, run: number, size: number): Promise<Board> {
  const boardId = `faults-r${run}`;
  const board = await createBoard(d, { boardId, name: FAULTS_BOARD_NAME, quorum: 4 });
  const csv = [
    'name,email,organisation,roles',
    ...faultsPeople(size).map((p) => `${p.name},${p.local}+r${run}@faults.example.org,Partner ${p.local},${p.roles}`),
  ];
  const { members, errors } = parseMembersCsv(boardId, csv.join('\n'));
  if (errors.length) throw new Error(`The harness members do not parse: ${errors.map((e) => `line ${e.line}: ${e.message}`).join('; ')}`);
  await d.boards.addMembers(members);
  return board;
}
