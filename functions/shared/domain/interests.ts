/**
 * Declarations of interest, as English councils and NHS boards keep them: a register per member of the
 * interests that must be registered (the Localism Act 2011's disclosable pecuniary interests, and a
 * code of conduct's "other registrable" interests), confirmed once a year; and, before each meeting,
 * declarations of an interest in an item. A prejudicial interest (one that means the member takes no
 * part in the item) in a confidential item keeps that item's papers from the member, unless the
 * secretariat decides otherwise. Pure: no I/O.
 */
import * as z from '../validation/zod';
import { ValidationError } from './errors';
import type { AgendaItem } from './types';

/** What kind of interest: the model code of conduct's three categories. */
export type InterestKind = 'pecuniary' | 'other-registrable' | 'non-registrable';

/** Every kind, in the order forms offer them, with the words a member reads. */
export const INTEREST_KINDS = {
  pecuniary: 'Disclosable pecuniary interest',
  'other-registrable': 'Other registrable interest',
  'non-registrable': 'Non-registrable interest',
} as const satisfies Record<InterestKind, string>;

/** Kinds that belong on the register; a non-registrable interest is declared item by item only. */
export type RegistrableKind = Exclude<InterestKind, 'non-registrable'>;

/** Longest description of an interest, in characters: a sentence or two, as a register prints it. */
export const DESCRIPTION_MAX = 300;

/** Most entries a register may hold, and most new ones one confirmation may add. */
export const REGISTER_MAX_ENTRIES = 30;
export const REGISTER_NEW_ROWS = 3;

/** How long a confirmation of the register lasts before the member is asked again, in months. */
export const REGISTER_CONFIRM_MONTHS = 12;

/** One entry of a member's register. */
export interface RegisteredInterest {
  kind: RegistrableKind;
  description: string;
  /** When it was first put on the register (ISO instant). */
  registeredAt: string;
}

/** A member's register of interests on one board. */
export interface InterestRegister {
  boardId: string;
  memberId: string;
  entries: RegisteredInterest[];
  /** When the member last confirmed the register as correct (ISO instant). */
  confirmedAt?: string;
  version: number;
}

/** The secretariat's decision that a member may still have an item's papers despite their interest. */
export interface PapersAllowance {
  by: string;
  at: string;
  reason: string;
}

/** A member's declaration of an interest in one item of one meeting: one per member and item. */
export interface Declaration {
  boardId: string;
  cycleId: string;
  memberId: string;
  itemNumber: number;
  kind: InterestKind;
  description: string;
  /** The member takes no part in the item (a disclosable pecuniary interest always means this). */
  prejudicial: boolean;
  at: string;
  papersAllowed?: PapersAllowance;
}

const description = z.pipe(
  z.string().check(
    z.trim(),
    z.minLength(3, 'describe the interest in a few words'),
    z.maxLength(DESCRIPTION_MAX, `keep the description under ${DESCRIPTION_MAX} characters`),
    // Control characters would break the minutes' lines and the register's CSV-like listings.
    z.refine((s) => !/[\p{Cc}\p{Cf}]/u.test(s.replace(/[\n\t]/g, ' ')), 'remove control characters from the description'),
  ),
  z.transform((s: string) => s.replace(/\s+/g, ' ')),
);

const kind = z.enum(['pecuniary', 'other-registrable', 'non-registrable'], { message: 'choose the kind of interest' });

/** What the declaration form posts: `kind-<n>`, `description-<n>`, `prejudicial-<n>` for each item `n` declared. */
const FIELD = /^(kind|description|prejudicial)-(\d{1,3})$/;

/** A declaration as the form gives it, before it is stamped with who and when. */
export type DeclarationInput = Pick<Declaration, 'itemNumber' | 'kind' | 'description' | 'prejudicial'>;

/**
 * The declarations a form posts: every item with a kind chosen ("none" or absent: no declaration).
 * @throws ValidationError naming each problem: an item that is not on the agenda (nothing is recorded
 *   then, not even the others), a description missing or too long, an unknown kind.
 */
export function readDeclarationForm(form: Readonly<Record<string, string>>, items: readonly Pick<AgendaItem, 'number'>[]): DeclarationInput[] {
  const onAgenda = new Set(items.map((i) => i.number));
  const numbers = new Set<number>();
  for (const name of Object.keys(form)) {
    const m = FIELD.exec(name);
    if (m && m[1] === 'kind' && form[name] !== 'none' && form[name] !== '') numbers.add(Number(m[2]));
  }
  const issues: string[] = [];
  const out: DeclarationInput[] = [];
  for (const n of [...numbers].sort((a, b) => a - b)) {
    if (!onAgenda.has(n)) {
      issues.push(`Item ${n} is not on this meeting's agenda.`);
      continue;
    }
    const k = kind.safeParse(form[`kind-${n}`]);
    const d = description.safeParse(form[`description-${n}`] ?? '');
    if (!k.success) issues.push(`Item ${n}: ${k.error.issues[0]?.message ?? 'choose the kind of interest'}.`);
    if (!d.success) issues.push(`Item ${n}: ${d.error.issues[0]?.message ?? 'describe the interest'}.`);
    if (k.success && d.success) {
      // A disclosable pecuniary interest bars the member from the item by law (Localism Act 2011 s31).
      const prejudicial = k.data === 'pecuniary' || form[`prejudicial-${n}`] === 'yes';
      out.push({ itemNumber: n, kind: k.data, description: d.data, prejudicial });
    }
  }
  if (issues.length > 0) throw new ValidationError(`Nothing was recorded. ${issues.join(' ')}`, issues);
  return out;
}

/** What the register form posts: `keep-<i>` for each entry kept, and up to {@link REGISTER_NEW_ROWS} new rows. */
export function readRegisterForm(form: Readonly<Record<string, string>>, current: readonly RegisteredInterest[], now: string): RegisteredInterest[] {
  const kept = current.filter((_, i) => form[`keep-${i}`] === 'yes');
  const issues: string[] = [];
  const added: RegisteredInterest[] = [];
  for (let i = 0; i < REGISTER_NEW_ROWS; i++) {
    const k = form[`new-kind-${i}`] ?? 'none';
    if (k === 'none' || k === '') continue;
    const parsedKind = z.enum(['pecuniary', 'other-registrable'], { message: 'choose a kind the register holds' }).safeParse(k);
    const d = description.safeParse(form[`new-description-${i}`] ?? '');
    if (!parsedKind.success) issues.push(`New interest ${i + 1}: ${parsedKind.error.issues[0]?.message ?? 'choose a kind'}.`);
    if (!d.success) issues.push(`New interest ${i + 1}: ${d.error.issues[0]?.message ?? 'describe the interest'}.`);
    if (parsedKind.success && d.success) added.push({ kind: parsedKind.data, description: d.data, registeredAt: now });
  }
  if (kept.length + added.length > REGISTER_MAX_ENTRIES) issues.push(`A register holds at most ${REGISTER_MAX_ENTRIES} interests.`);
  if (issues.length > 0) throw new ValidationError(`Nothing was changed. ${issues.join(' ')}`, issues);
  return [...kept, ...added];
}

/** The moment `iso` plus whole calendar months (UTC), as a register's yearly confirmation counts. */
function addMonths(iso: string, months: number): Date {
  const d = new Date(iso);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d;
}

/** True when the member should be asked to confirm their register: never confirmed, or over 12 months ago. */
export function registerConfirmationDue(register: Pick<InterestRegister, 'confirmedAt'> | undefined, now: Date): boolean {
  if (!register?.confirmedAt) return true;
  return addMonths(register.confirmedAt, REGISTER_CONFIRM_MONTHS).getTime() <= now.getTime();
}

/**
 * The items whose papers a member may not have: confidential items they declared a prejudicial interest
 * in, unless the secretariat allowed them the papers.
 */
export function withheldItems(
  items: readonly Pick<AgendaItem, 'number' | 'confidential'>[],
  declarations: readonly Declaration[],
  memberId: string,
): Set<number> {
  const confidential = new Set(items.filter((i) => i.confidential).map((i) => i.number));
  return new Set(
    declarations.filter((d) => d.memberId === memberId && d.prejudicial && !d.papersAllowed && confidential.has(d.itemNumber)).map((d) => d.itemNumber),
  );
}

/** True for the standing item under which declarations are taken ("Declarations of interest"). */
export const isDeclarationsItem = (item: Pick<AgendaItem, 'title'>): boolean => /declarations? of (pecuniary )?interests?/i.test(item.title);

/** "Other registrable interest" → "an other registrable interest", as a sentence reads it. */
const withArticle = (k: InterestKind): string => `${k === 'other-registrable' ? 'an' : 'a'} ${INTEREST_KINDS[k].toLowerCase()}`;

/**
 * One declaration as the agenda, the minutes draft and the console print it: "Helen Price declared a
 * non-registrable interest in item 5 (Chair of the trust bidding for the contract) and will take no
 * part in that item." A confidential item is named by number only.
 */
export function declarationLine(d: Declaration, memberName: string, item: Pick<AgendaItem, 'title' | 'confidential'> | undefined): string {
  const what = item && !item.confidential ? `item ${d.itemNumber}, ${item.title}` : `item ${d.itemNumber}`;
  const part = d.prejudicial ? ' and will take no part in that item' : '';
  return `${memberName} declared ${withArticle(d.kind)} in ${what} (${d.description})${part}.`;
}

/** Every declaration of a meeting as lines, in agenda order then by name. */
export function declarationLines(
  declarations: readonly Declaration[],
  names: ReadonlyMap<string, string>,
  items: readonly Pick<AgendaItem, 'number' | 'title' | 'confidential'>[],
): string[] {
  const byNumber = new Map(items.map((i) => [i.number, i]));
  const name = (id: string) => names.get(id) ?? id;
  return [...declarations]
    .sort((a, b) => a.itemNumber - b.itemNumber || name(a.memberId).localeCompare(name(b.memberId), 'en-GB'))
    .map((d) => declarationLine(d, name(d.memberId), byNumber.get(d.itemNumber)));
}

/** What the minutes draft writes under the declarations item: each declaration made before the meeting, or that there were none. */
export function minutesDeclarations(lines: readonly string[]): string[] {
  return lines.length === 0 ? ['No interests were declared before the meeting.'] : [...lines];
}
