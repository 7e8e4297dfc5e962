import * as z from '../validation/zod';
import { newMemberId } from './member-identity';
import { ROLES, type Member, type Role } from './types';

export interface CsvRowError {
  /** 1-based line number in the file, as an editor shows it. */
  line: number;
  message: string;
}

export interface ParsedMembers {
  members: Member[];
  errors: CsvRowError[];
}

const EXPECTED = ['name', 'email', 'organisation', 'roles'];
const emailSchema = z.email();

/** Splits one CSV line (RFC 4180 quoting: "a, b" and "" for a quote). */
function splitCsvLine(line: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      cells.push(cell);
      cell = '';
    } else cell += ch;
  }
  cells.push(cell);
  return cells.map((c) => c.trim());
}

/**
 * Reads members from CSV with the header `name,email,organisation,roles` (roles separated by `;`, e.g.
 * `member;chair`). Every row is checked, also against the board's `existing` members; errors carry
 * line numbers. Callers import nothing when any row is wrong, so a file is either fully in or not at all.
 * Each member gets a fresh random id: never one derived from the email, which a later member with the
 * same mailbox name would share, and with it the earlier member's links.
 */
export function parseMembersCsv(boardId: string, text: string, existing: readonly Member[] = []): ParsedMembers {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const errors: CsvRowError[] = [];
  const header = splitCsvLine(lines[0] ?? '').map((h) => h.toLowerCase());
  if (EXPECTED.some((h, i) => header[i] !== h)) {
    return { members: [], errors: [{ line: 1, message: `The first line must be the header "${EXPECTED.join(',')}"; found "${lines[0] ?? ''}".` }] };
  }
  const members: Member[] = [];
  const seenEmails = new Map<string, number>();
  const onBoard = new Map(existing.map((m) => [m.email.toLowerCase(), m]));
  lines.slice(1).forEach((raw, index) => {
    const line = index + 2;
    if (raw.trim() === '') return;
    const cells = splitCsvLine(raw);
    if (cells.length !== EXPECTED.length) {
      errors.push({ line, message: `expected ${EXPECTED.length} columns (${EXPECTED.join(', ')}), found ${cells.length}` });
      return;
    }
    const [name = '', email = '', organisation = '', rolesCell = ''] = cells;
    const problems: string[] = [];
    if (!name || name.length > 120) problems.push('a name of 1 to 120 characters is required');
    const normalised = email.toLowerCase();
    if (!emailSchema.safeParse(normalised).success) problems.push(`"${email}" is not an email address`);
    const roles = (rolesCell || 'member')
      .split(/[;|]/)
      .map((r) => r.trim().toLowerCase())
      .filter(Boolean);
    const unknown = roles.filter((r) => !ROLES.includes(r as Role));
    if (unknown.length) problems.push(`unknown role(s) ${unknown.join(', ')}; use ${ROLES.join(', ')}`);
    if (roles.includes('chair') && roles.includes('vice-chair')) problems.push('cannot be both chair and vice-chair');
    const first = seenEmails.get(normalised);
    if (first !== undefined) problems.push(`${email} is also on line ${first}`);
    const member = onBoard.get(normalised);
    if (member) problems.push(`${email} is already a member of the board (${member.name})`);
    if (problems.length) {
      errors.push({ line, message: problems.join('; ') });
      return;
    }
    seenEmails.set(normalised, line);
    members.push({ boardId, memberId: newMemberId(), name, email: normalised, organisation, roles: [...new Set(roles)] as Role[] });
  });
  return { members, errors };
}
