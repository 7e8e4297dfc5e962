/**
 * The nouns of a meeting cycle. Dates are ISO strings: `YYYY-MM-DD` for calendar dates in the board's
 * time zone, full ISO-8601 instants (UTC, `Z`) for moments.
 */

/** Actions and their history: their own module, one place with the rest of the nouns. */
export * from './action-types';
import type { ExtractedAction } from './action-types';
import type { ItemUrgency, LateItem } from './late-items';
import type { ExtraordinaryMeeting } from './short-notice';
import type { AttendanceRecord, Deputy } from './attendance';
import type { MailStatus } from './mail-status';
import type { ApprovalHandover, OnlineMeeting } from './meeting-types';

/** An address's status from bounces, and how a meeting is held: their own modules. */
export * from './mail-status';
export type * from './meeting-types';

export type Role = 'chair' | 'secretariat' | 'member' | 'officer' | 'vice-chair';
/** Every role; `vice-chair` (one member, never the chair) answers for the chair when the chair cannot (approval-route.ts). */
export const ROLES: readonly Role[] = ['chair', 'secretariat', 'member', 'officer', 'vice-chair'];

/** Working-day offsets that shape a cycle's timeline; every value is in working days. */
export interface TimelineRules {
  /** Working days before the meeting that the agenda call goes out. */
  agendaCallDays: number;
  itemDeadlineDays: number;
  paperDeadlineDays: number;
  /** Working days before the paper deadline that presenters with a missing paper are reminded. */
  paperReminderDays: number;
  circulationDays: number;
  /** Working days before the meeting that papers arriving after circulation go out (default 2). */
  supplementaryDays?: number;
  /** Working days after the meeting that the minutes draft is due. */
  minutesDraftDays: number;
  /** Working days after the draft that the chair is asked to approve by. */
  chairApprovalDays: number;
  /** Working days after chair approval that owners' progress is collected in a follow-up digest. */
  followUpDays: number;
  /**
   * Clear days required between publication (circulation) and the meeting; neither of those days
   * counts. England's principal councils: 5 clear working days (LGA 1972 s100B).
   */
  clearDays: number;
  /** Which days count as clear: working days (default), working days and Saturdays, or every day. */
  clearDayCount?: ClearDayCount;
}

export type ClearDayCount = 'working' | 'working-and-saturdays' | 'calendar';

export interface Board {
  boardId: string;
  name: string;
  /** IANA zone, e.g. Europe/London. */
  timeZone: string;
  /** date-holidays region, e.g. GB-ENG (England & Wales bank holidays). */
  holidays: { country: string; state?: string };
  rules: TimelineRules;
  quorum: number;
  defaultVenue: string;
  standingItems: string[];
  /** Opt-in: publish the agenda and the public pack on a public page at circulation. */
  publicAgenda?: boolean;
  /** Opt-in: publish the approved minutes, exempt items withheld, on the meeting's public page. */
  publicMinutes?: boolean;
  /**
   * How often the board meets, when it keeps a rhythm: the next meeting is proposed this many weeks after
   * the last one when its approved minutes do not give a date.
   */
  meetingEvery?: { weeks: number };
  /** When action owners are reminded and the secretariat hears about actions; defaults fill what is absent. */
  actionReminders?: Partial<ActionReminderPolicy>;
  version: number;
  /** Opt-in: a public index of the board's meetings at /public/<board>, listing what the other opt-ins publish. */
  publicIndex?: boolean;
}

/** A board's action follow-up: owners' reminders, the secretariat's weekly digest and escalation. */
export interface ActionReminderPolicy {
  /** Working days before the due date that owners are reminded; 0 for no such reminder. Default 5. */
  beforeDueWorkingDays: number;
  /** Remind owners on the due date (the last working day before it, when it is not one). Default true. */
  onDueDate: boolean;
  /** Remind owners once a week while an action is overdue. Default true. */
  weeklyWhileOverdue: boolean;
  /** Calendar days overdue after which an action is on the secretariat's escalation list. Default 14. */
  escalateAfterDays: number;
  /** The secretariat's weekly digest: 1 = Monday … 5 = Friday (the next working day after a bank holiday). Default 1. */
  digestWeekday: 1 | 2 | 3 | 4 | 5;
  /** Calendar days after the meeting that a cycle's follow-up ends if no later cycle has taken it over. Default 200. */
  followUpMaxDays: number;
}

export interface Member {
  boardId: string;
  /** Random (`m_…`, see member-identity.ts) or given explicitly; never reused on the board once removed. */
  memberId: string;
  name: string;
  email: string;
  organisation: string;
  roles: Role[];
  /**
   * Random, set by the repository when the member is added unless given: every link issued to the
   * member is sealed with it (`holderSeal`). Removing the member deletes it, and an email change must
   * replace it (the seal covers the email too), so links issued before stop working.
   */
  linkEpoch?: string;
  /**
   * What SES reported about this member's address (functions/mail-events/): `suppressed` (a permanent
   * bounce, or repeated transient ones) and `complained` stop every email to it; `bouncing` does not.
   * Cleared when the address changes.
   */
  mailStatus?: MailStatus;
}

/** The milestones of one cycle, as UTC instants. */
export interface Timeline {
  agendaCall: string;
  itemDeadline: string;
  paperReminder: string;
  paperDeadline: string;
  circulation: string;
  /** When late papers go out as a supplementary circulation, if any arrived. */
  supplementary: string;
  meeting: string;
  minutesDraftDue: string;
  chairApprovalDue: string;
  followUp: string;
}

export const MILESTONES: readonly (keyof Timeline)[] = [
  'agendaCall',
  'itemDeadline',
  'paperReminder',
  'paperDeadline',
  'circulation',
  'supplementary',
  'meeting',
  'minutesDraftDue',
  'chairApprovalDue',
  'followUp',
];

/** A built board pack in the documents bucket. */
export interface PackFile {
  s3Key: string;
  pages: number;
  /** The page of the pack each item's paper starts on, by item number. */
  itemStartPages?: Record<number, number>;
  /** Size in bytes. */
  size: number;
}

/**
 * `scheduled`: recorded, its execution not yet running (a confirmed next cycle waiting for its agenda call
 * carries `scheduledStart`); `cancelled`: called off by the secretariat before it started.
 */
export type CycleStatus = 'scheduled' | 'running' | 'completed' | 'failed' | 'cancelled';

export interface Cycle {
  boardId: string;
  cycleId: string;
  /** Meeting date and local time as the board reads them. */
  meeting: { date: string; time: string; venue: string };
  timeline: Timeline;
  status: CycleStatus;
  /** The state the execution is in, as named in the ASL; the console highlights it. */
  phase: string;
  executionArn?: string;
  failure?: { error: string; cause: string; at: string };
  /** Each time a failed cycle was resumed (`cycle resume`): the failure it cleared, where it re-entered, who and why. */
  resumes?: { failure?: { error: string; cause: string; at: string }; failedIn: string; resumedAt: string; by: string; reason?: string; at: string }[];
  /** The board packs built for circulation: one for members, one with exempt items withheld. */
  packs?: {
    members: PackFile;
    public: PackFile;
    builtAt: string;
    /** S3 keys of the paper versions inside, and of the appendices circulated with them. */ papers?: string[];
  };
  /**
   * A supplementary circulation under way: what had gone out before it (S3 keys) and the pack it
   * followed. Kept until every email went, so a retry after the packs were rebuilt still knows what is new.
   */
  supplementaryPending?: { circulated: string[]; builtAt: string };
  /** Each time the meeting moved: from and to (UTC instants), and when. */
  moves?: { from: string; to: string; at: string }[];
  /** The secretariat went ahead although the timeline breaks the board's notice rule, and why. */
  noticeOverride?: { reason: string; at: string; breaches: string[] };
  /** The approved minutes as published for the public (exempt items withheld), when the board opted in. */
  publicMinutes?: { version: number; htmlKey: string; pdfKey: string; pdfSize: number; publishedAt: string };
  /** Why no public copy of the approved minutes was published (exempt items could not be withheld safely). */
  publicMinutesWithheld?: { version: number; reason: string; at: string };
  /**
   * A next cycle confirmed by the secretariat starts itself at `at` (its agenda call), by a schedule named
   * for the cycle; `executionArn` is then the ARN the scheduled execution will have (its name is the cycle id).
   */
  scheduledStart?: { at: string; confirmedBy: string; confirmedAt: string };
  /** The cycle whose approved minutes proposed this one's meeting. */
  previousCycleId?: string;
  /** The next cycle confirmed from this one's minutes: one per cycle. */
  nextCycle?: { cycleId: string; confirmedBy: string; at: string };
  /** Who called the cycle off before it started, and why. */
  cancellation?: { by: string; reason?: string; at: string };
  createdAt: string;
  version: number;
  /** Items added after circulation, each waiting for the chair's decision or decided (late-items.ts). */
  lateItems?: LateItem[];
  /** Called as an extraordinary meeting at short notice: why, by whom, and which milestones were squeezed. */
  extraordinary?: ExtraordinaryMeeting;
  /** The secretariat's record of who attended the meeting, made after it (functions/shared/domain/attendance.ts). */
  attendanceRecord?: AttendanceRecord;
  /** The meeting's joining link and dial-in text, when it is held online or hybrid. */
  online?: OnlineMeeting;
  /** Set when the cycle was cancelled while it ran (members had heard from it): where it was. */
  runningWhenCancelled?: { phase: string; executionArn?: string };
  /** Set once the minutes' approval went to the vice-chair instead of the chair: to whom, why, when. */
  approvalHandover?: ApprovalHandover;
}

export type ItemPurpose = 'decision' | 'discussion' | 'information';
export type ItemSource = 'standing' | 'proposal' | 'matters-arising';

export interface AgendaItem {
  cycleId: string;
  /** Order on the agenda, 1-based. */
  number: number;
  title: string;
  purpose: ItemPurpose;
  source: ItemSource;
  presenterMemberId?: string;
  /** Whether a paper is expected for this item. */
  paperExpected: boolean;
  estimatedMinutes?: number;
  confidential: boolean;
  proposedBy?: string;
  /** Lines shown under the title: matters arising, each open action with its latest update. */
  notes?: string[];
  /** A late item the chair agreed to take as urgent business, with the reason printed on the agenda and in the minutes. */
  urgency?: ItemUrgency;
}

export interface Proposal {
  cycleId: string;
  proposalId: string;
  title: string;
  purpose: ItemPurpose;
  presenterMemberId: string;
  estimatedMinutes: number;
  confidential: boolean;
  proposedBy: string;
  createdAt: string;
}

/** A member's word about the meeting: apologies (optionally sending a substitute), or withdrawn. */
export interface Attendance {
  cycleId: string;
  memberId: string;
  status: 'apologies' | 'attending';
  /** Who comes in the member's place, as the member wrote it. */
  substitute?: string;
  at: string;
  /** The person attending in the member's place, with the address their papers and link go to (`substitute` is their name too). */
  deputy?: Deputy;
}

/** A member opening the board pack from the papers page (a POST: mail scanners do not count). */
export interface PackOpened {
  cycleId: string;
  memberId: string;
  firstAt: string;
  lastAt: string;
  count: number;
}

/** An item's paper goes into the board pack; an appendix goes out beside it, as a file of its own. */
export type PaperKind = 'paper' | 'appendix';

/** One upload for an item: a version of its paper, or an appendix. Both share the item's version numbers. */
export interface Paper {
  cycleId: string;
  itemNumber: number;
  version: number;
  /** Absent on records from before appendices, which are all papers. */
  kind?: PaperKind;
  /**
   * The bytes the app checked, copied to a key only the app writes: the pack and every download read
   * this and nothing else. Records from before checked copies name the upload itself.
   */
  s3Key: string;
  /** Where the presenter's presigned POST wrote the file; it identifies the upload and is never served. */
  uploadKey?: string;
  /** SHA-256 (hex) of the bytes checked and stored at `s3Key`; the pack refuses bytes that differ. */
  sha256?: string;
  /** The S3 version of `s3Key` written at the check, where the bucket is versioned (in AWS). */
  versionId?: string;
  fileName: string;
  /** As read from the file's bytes, never its name; also the stored object's Content-Type. */
  contentType: string;
  /** Size in bytes. */
  size: number;
  /** Number of pages of a PDF, read when the upload was checked. */
  pages?: number;
  uploadedBy: string;
  uploadedAt: string;
  late: boolean;
}

/** Whether an upload is a version of the item's paper (records without a kind are). */
export function isPaper(upload: Pick<Paper, 'kind'>): boolean {
  return (upload.kind ?? 'paper') === 'paper';
}

/** Each item's appendices in the order they arrived (appendix 1, 2, …), by item number. */
export function appendicesByItem(uploads: readonly Paper[]): Map<number, Paper[]> {
  const byItem = new Map<number, Paper[]>();
  for (const p of [...uploads].sort((a, b) => a.version - b.version)) {
    if (isPaper(p)) continue;
    byItem.set(p.itemNumber, [...(byItem.get(p.itemNumber) ?? []), p]);
  }
  return byItem;
}

/** The latest version of each item's paper, by item number; appendices are left out. */
export function latestPapers(uploads: readonly Paper[]): Map<number, Paper> {
  const latest = new Map<number, Paper>();
  for (const p of uploads) if (isPaper(p) && (latest.get(p.itemNumber)?.version ?? 0) < p.version) latest.set(p.itemNumber, p);
  return latest;
}

export type MinutesStatus = 'draft' | 'submitted' | 'changes-requested' | 'approved';

export interface MinutesVersion {
  cycleId: string;
  version: number;
  s3Key: string;
  status: MinutesStatus;
  savedBy: string;
  savedAt: string;
  approval?: { by: string; at: string; via: 'link' | 'reply'; messageId?: string };
  changeRequest?: { by: string; at: string; comment: string; via?: 'link' | 'reply'; messageId?: string };
  /** Actions read from this version's text, for the secretariat and the chair to check. */
  actions?: ExtractedAction[];
  /** In whose capacity `approval.by` approved: absent for the chair; `vice-chair` when they answered for the chair. */
  approvedAs?: 'vice-chair';
}

/** What a link in an email lets its holder do: declared once, as a key of LINK_POLICY (its lifetime and use). */
export type { LinkPurpose } from './link-policy';
import type { LinkPurpose } from './link-policy';

/** What a one-time reply address (Reply-To) lets its holder answer by email. */
export type ReplyPurpose = 'reply-minutes' | 'reply-action';

export interface LinkRecord {
  /** SHA-256 of the token, hex. The token itself is never stored. */
  tokenHash: string;
  /** A link's purpose, or a reply address's (same store, same hashing, same single use). */
  purpose: LinkPurpose | ReplyPurpose;
  boardId: string;
  cycleId: string;
  /** The holder: whoever follows the link acts as this member. */
  memberId: string;
  /**
   * `holderSeal` of the holder when the link was issued. The link works only while the holder's seal
   * is still this one; absent (the holder was not a member when it was issued), the link never works.
   */
  holderSeal?: string;
  /** Purpose-specific subject: item number, minutes version, action id. */
  subject?: string;
  expiresAt: string;
  singleUse: boolean;
  usedAt?: string;
  /** A sentence saying what was done, shown on the "already done" page. */
  outcome?: string;
  createdAt: string;
}

/** Callbacks the workflow waits on; each stores its task token under WAIT#cycle#kind. */
export type WaitKind = 'agenda-confirmation' | 'minutes-draft' | 'chair-approval';

/**
 * Every wait stored under WAIT#cycle#kind: the callbacks people answer, and the action follow-up asleep
 * until its next day with work (nobody answers it; a change to an action wakes it).
 */
export type StoredWaitKind = WaitKind | 'follow-up';
