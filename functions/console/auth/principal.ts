import type { CoreDeps } from '../../shared/ports';
import type { BoardAccess, ConsoleOptions, Principal } from '../types';

/** Who an address is to the console, and whom their sign-in email names as its sender. */
export interface Standing {
  principal: Omit<Principal, 'sessionHash'>;
  /** The email's frame: their first board and its secretariat's address (the console and an admin for an admin). */
  contact: { board: string; secretariatEmail: string };
}

/**
 * Works out, from the boards' members as they are now, what `email` may do: secretariat or chair of
 * each board where a member has that address (secretariat wins), and admin if it is named at deploy
 * time. Undefined when it may not sign in at all. Read on every request, so a role taken away takes
 * effect at once; one query per board, as boards are few.
 */
export async function standingOf(d: Pick<CoreDeps, 'boards'>, email: string, options: Pick<ConsoleOptions, 'adminEmails'>): Promise<Standing | undefined> {
  const wanted = email.trim().toLowerCase();
  const admin = options.adminEmails.some((a) => a.trim().toLowerCase() === wanted);
  const boards = await d.boards.listBoards();
  const members = await Promise.all(boards.map((b) => d.boards.listMembers(b.boardId)));
  const access = new Map<string, BoardAccess>();
  let name: string | undefined;
  let contact: Standing['contact'] | undefined;
  boards.forEach((board, i) => {
    const everyone = members[i] ?? [];
    const mine = everyone.filter((m) => m.email.toLowerCase() === wanted);
    const roles = new Set(mine.flatMap((m) => m.roles));
    const may: BoardAccess | undefined = roles.has('secretariat') ? 'secretariat' : roles.has('chair') ? 'chair' : undefined;
    if (!may) return;
    access.set(board.boardId, may);
    name ??= mine[0]?.name;
    contact ??= { board: board.name, secretariatEmail: everyone.find((m) => m.roles.includes('secretariat'))?.email ?? wanted };
  });
  if (!admin && access.size === 0) return undefined;
  return {
    principal: { email: wanted, name: name ?? wanted, admin, boards: access },
    contact: contact ?? { board: 'the meeting-cycle console', secretariatEmail: options.adminEmails[0] ?? wanted },
  };
}
