import type { AuditActor } from '../shared/domain/audit';
import { recordAudit } from '../shared/services/audit';
import { createHash } from 'node:crypto';
import * as z from '../shared/validation/zod';
import { AlreadyExistsError, NotFoundError, StaleVersionError, ValidationError } from '../shared/domain/errors';
import { newMemberId } from '../shared/domain/member-identity';
import { parseMembersCsv, type CsvRowError } from '../shared/domain/members-csv';
import { viceChairProblem } from '../shared/domain/approval-route';
import { ROLES, type Member, type Role } from '../shared/domain/types';
import type { CoreDeps } from '../shared/ports';

/** The longest name, organisation and email a member may have: what fits a table cell, a header and RFC 5321. */
export const MEMBER_LIMITS = { name: 120, organisation: 200, email: 254 } as const;

/** Most rows one CSV import may add: a preview page a person can still read through. */
export const MAX_IMPORT_ROWS = 1000;

/**
 * Characters a member's details must not hold: C0/C1 controls (a tab, a lone carriage return), zero-width
 * and bidirectional marks that make a name read differently from what it is, line and paragraph separators.
 */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u001F\u007F-\u009F\u200B-\u200F\u2028\u2029\u202A-\u202E\u2066-\u2069]/;

/** A cell a spreadsheet would run as a formula when the register or members list is opened there. */
const FORMULA = /^[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]/;

/** Why a name, organisation or email cannot be stored as given, or undefined when it can. */
export function unsafeText(value: string): string | undefined {
  if (CONTROL.test(value)) return 'contains control characters (such as a tab or an invisible mark); remove them';
  if (FORMULA.test(value.trim())) return 'starts with = + - or @, which a spreadsheet would run as a formula; remove that first character';
  return undefined;
}

const safe = (schema: z.ZodMiniString) =>
  schema.check(
    z.superRefine((value: string, ctx) => {
      const why = unsafeText(value);
      if (why) ctx.addIssue({ code: 'custom', message: why });
    }),
  );

/** A member's details as the console's form gives them; the email is stored in lower case. */
export const memberFieldsSchema = z.strictObject({
  name: safe(z.string().check(z.trim(), z.minLength(1, 'give a name'), z.maxLength(MEMBER_LIMITS.name, `must be at most ${MEMBER_LIMITS.name} characters`))),
  email: z.pipe(
    safe(z.string().check(z.trim(), z.toLowerCase(), z.maxLength(MEMBER_LIMITS.email, `must be at most ${MEMBER_LIMITS.email} characters`))),
    z.email('is not an email address'),
  ),
  organisation: safe(z.string().check(z.trim(), z.maxLength(MEMBER_LIMITS.organisation, `must be at most ${MEMBER_LIMITS.organisation} characters`))),
  roles: z
    .pipe(
      z.array(z.enum(ROLES as [Role, ...Role[]], { error: `must be among ${ROLES.join(', ')}` })).check(z.minLength(1, 'give at least one role')),
      z.transform((roles: Role[]) => ROLES.filter((r) => roles.includes(r))),
    )
    .check(
      z.refine(
        (roles) => !(roles.includes('chair') && roles.includes('vice-chair')),
        'cannot be both chair and vice-chair: the vice-chair answers when the chair cannot',
      ),
    ),
});
export type MemberFields = z.input<typeof memberFieldsSchema>;

/** Who is making a change: only a console admin may give or take away the secretariat role. */
export interface MemberActor {
  email: string;
  admin: boolean;
}

/** The secretariat (or an admin) in the console, for the audit trail. */
const auditActor = (actor: MemberActor): AuditActor => ({ kind: 'secretariat', email: actor.email });

/** Parses or throws a ValidationError whose issues start with the field's name (`email is not …`). */
function parseFields(value: unknown): z.output<typeof memberFieldsSchema> {
  const result = memberFieldsSchema.safeParse(value);
  if (result.success) return result.data;
  const issues = result.error.issues.map((i) => `${i.path.join('.') || 'the member'} ${i.message}`);
  throw new ValidationError(`The member's details are not valid: ${issues.join('; ')}.`, issues);
}

/** A board has one vice-chair: giving the role to a second member is refused, naming the first. */
function refuseSecondViceChair(fields: Pick<Member, 'name' | 'roles'>, others: readonly Member[]): void {
  const why = viceChairProblem(fields, others);
  if (why) throw new ValidationError(`${why}.`, [`roles ${why}`]);
}

const onlyAdminGrants = () => {
  const why = 'Only a console admin can give or take away the secretariat role.';
  return new ValidationError(why, [`roles ${why}`]);
};

/**
 * What a page that edits a member carries to say which version of the member it shows: a hash of the
 * details it may change, so a save is refused when someone else saved in between.
 */
export function memberFingerprint(member: Pick<Member, 'name' | 'email' | 'organisation' | 'roles'>): string {
  const seen = JSON.stringify([member.name, member.email, member.organisation, [...member.roles].sort()]);
  return createHash('sha256').update(seen, 'utf8').digest('base64url').slice(0, 22);
}

/**
 * Adds one member with a fresh random id (and, from the repository, a fresh linkEpoch).
 * @throws ValidationError per field, or when a non-admin gives the secretariat role.
 * @throws AlreadyExistsError when the email is already a member of the board.
 */
export async function addMember(d: Pick<CoreDeps, 'boards' | 'audit' | 'clock'>, boardId: string, fields: MemberFields, actor: MemberActor): Promise<Member> {
  const parsed = parseFields(fields);
  if (!(await d.boards.getBoard(boardId))) throw new NotFoundError(`There is no board "${boardId}".`);
  if (parsed.roles.includes('secretariat') && !actor.admin) throw onlyAdminGrants();
  refuseSecondViceChair(parsed, await d.boards.listMembers(boardId));
  const member: Member = { boardId, memberId: newMemberId(), ...parsed };
  await d.boards.addMembers([member]);
  const { name, email, roles } = member;
  await recordAudit(d, boardId, auditActor(actor), { type: 'member-added', memberId: member.memberId, name, email, roles });
  return (await d.boards.getMember(boardId, member.memberId)) ?? member;
}

/**
 * Adds the members of a checked import (from the console or `npx cycle members import`), all or none,
 * and writes a `member-added` entry for each as `who`'s: the secretariat in the console, an operator
 * with the CLI.
 */
export async function importMembers(d: Pick<CoreDeps, 'boards' | 'audit' | 'clock'>, boardId: string, members: Member[], who: AuditActor): Promise<void> {
  await d.boards.addMembers(members);
  for (const { memberId, name, email, roles } of members) {
    await recordAudit(d, boardId, who, { type: 'member-added', memberId, name, email, roles }, { key: `member-added#${memberId}` });
  }
}

/** One detail an edit changed. */
export interface MemberChange {
  field: 'name' | 'email' | 'organisation' | 'roles';
  from: string;
  to: string;
}

export interface UpdateMemberResult {
  member: Member;
  changes: MemberChange[];
  /** True when the email changed: the member's old links stop working, new ones go to the new address. */
  linksRevoked: boolean;
}

/**
 * Changes a member's name, email, organisation or roles, only if the member is still as the editor saw
 * them (`fingerprint`, from memberFingerprint). A new email gets the member a new linkEpoch, so every link
 * sent to the old address stops working. Only an admin may give or take the secretariat role, and no
 * edit may leave the board without a secretariat member.
 * @throws StaleVersionError when someone else changed the member since `fingerprint`; nothing is written.
 * @throws ValidationError per field, or for the secretariat rules.
 * @throws AlreadyExistsError when the new email belongs to another member of the board.
 * @throws NotFoundError when the member is no longer on the board.
 */
export async function updateMember(
  d: Pick<CoreDeps, 'boards' | 'audit' | 'clock'>,
  input: { boardId: string; memberId: string; fingerprint: string; fields: MemberFields },
  actor: MemberActor,
): Promise<UpdateMemberResult> {
  const parsed = parseFields(input.fields);
  const current = await d.boards.getMember(input.boardId, input.memberId);
  if (!current) throw new NotFoundError(`There is no member ${input.memberId} on this board: they may have been removed.`);
  const stale = () =>
    new StaleVersionError('Someone else changed this member since you opened the page. Nothing was saved: reload the page and make your change again.');
  if (memberFingerprint(current) !== input.fingerprint) throw stale();
  refuseSecondViceChair(
    parsed,
    (await d.boards.listMembers(input.boardId)).filter((m) => m.memberId !== current.memberId),
  );
  const was = current.roles.includes('secretariat');
  const is = parsed.roles.includes('secretariat');
  if (was !== is && !actor.admin) throw onlyAdminGrants();
  if (was && !is) {
    const others = (await d.boards.listMembers(input.boardId)).filter((m) => m.memberId !== current.memberId && m.roles.includes('secretariat'));
    if (others.length === 0) {
      const why = `${current.name} is the board's only secretariat member: give someone else the secretariat role first, so the board is never left without one.`;
      throw new ValidationError(why, [`roles ${why}`]);
    }
  }
  const { mailStatus: _bounced, ...unmarked } = current;
  // A new address has bounced for nobody yet: what SES said of the old one no longer stops sending.
  const next: Member = { ...(parsed.email.toLowerCase() === current.email.toLowerCase() ? current : unmarked), ...parsed };
  const changes = (['name', 'email', 'organisation', 'roles'] as const)
    .map((field) => ({ field, from: String(current[field]).replaceAll(',', ', '), to: String(next[field]).replaceAll(',', ', ') }))
    .filter((c) => c.from !== c.to);
  if (changes.length === 0) return { member: current, changes, linksRevoked: false };
  try {
    const member = await d.boards.updateMember(next, current);
    const what = { type: 'member-changed', memberId: member.memberId, name: member.name, fields: changes.map((c) => c.field) } as const;
    await recordAudit(d, input.boardId, auditActor(actor), what);
    return { member, changes, linksRevoked: member.email !== current.email };
  } catch (error) {
    if (error instanceof StaleVersionError) throw stale();
    if (error instanceof AlreadyExistsError) {
      const why = `${parsed.email} is already the email of another member of this board.`;
      throw new ValidationError(why, [`email ${why}`]);
    }
    throw error;
  }
}

/** One member a CSV import would add, with the line of the file it came from. */
export interface CheckedRow {
  line: number;
  member: Member;
}

export interface CheckedCsv {
  rows: CheckedRow[];
  /** Every bad line, in line order, each with all that is wrong with it. */
  errors: CsvRowError[];
}

/**
 * The text of an uploaded CSV file: UTF-8 (a byte-order mark is dropped), never binary.
 * @throws ValidationError for anything else, saying what to do.
 */
export function readCsvText(bytes: Uint8Array): string {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new ValidationError('The file is not UTF-8 text. Save it from your spreadsheet as "CSV UTF-8 (comma delimited)" and check it again.');
  }
  if (text.includes('\u0000')) throw new ValidationError('This is not a CSV file: it holds binary data. Choose the CSV file exported from your spreadsheet.');
  return text.replace(/^\uFEFF/, '');
}

/**
 * Checks a members CSV for the console's import, with the same reader as `npx cycle members import`
 * (header `name,email,organisation,roles`; emails unique in the file and new on the board; known roles),
 * and more that a file from anywhere needs: no cell a spreadsheet would run as a formula, no control
 * characters, no value too long for its field, and at most MAX_IMPORT_ROWS rows.
 */
export function checkMembersCsv(boardId: string, text: string, existing: readonly Member[]): CheckedCsv {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const parsed = parseMembersCsv(boardId, text, existing);
  if (parsed.errors.some((e) => e.line === 1)) return { rows: [], errors: parsed.errors };
  const problems = new Map<number, string[]>();
  const add = (line: number, message: string) => problems.set(line, [...(problems.get(line) ?? []), message]);
  for (const e of parsed.errors) add(e.line, e.message);
  const rowCount = lines.slice(1).filter((raw) => raw.trim() !== '').length;
  if (rowCount > MAX_IMPORT_ROWS) {
    return { rows: [], errors: [{ line: 1, message: `The file has ${rowCount} members; import at most ${MAX_IMPORT_ROWS} at a time by splitting the file.` }] };
  }
  lines.forEach((raw, i) => {
    // A line's control characters are reported whatever else is wrong with it; a line's end is not one.
    if (i > 0 && CONTROL.test(raw)) add(i + 1, 'contains control characters (such as a tab or an invisible mark); remove them');
  });
  // The reader returns its members in file order, one per non-blank line it found no fault with.
  const memberLines = lines
    .map((raw, i) => ({ raw, line: i + 1 }))
    .slice(1)
    .filter((l) => l.raw.trim() !== '' && !parsed.errors.some((e) => e.line === l.line))
    .map((l) => l.line);
  if (memberLines.length !== parsed.members.length) throw new Error('checkMembersCsv: the CSV reader returned members out of step with the lines');
  const rows: CheckedRow[] = [];
  parsed.members.forEach((member, i) => {
    const line = memberLines[i] as number;
    for (const field of ['name', 'email', 'organisation'] as const) {
      const value = member[field];
      if (FORMULA.test(value.trim())) add(line, `the ${field} "${value}" starts with = + - or @, which a spreadsheet would run as a formula`);
      if (field !== 'name' && value.length > MEMBER_LIMITS[field]) add(line, `the ${field} is longer than ${MEMBER_LIMITS[field]} characters`);
    }
    rows.push({ line, member });
  });
  const errors = [...problems].sort(([a], [b]) => a - b).map(([line, messages]) => ({ line, message: messages.join('; ') }));
  return { rows: rows.filter((r) => !problems.has(r.line)), errors };
}
