import type { InterestKind } from '../../functions/shared/domain/interests';
import type { Member } from '../../functions/shared/domain/types';
import type { LocalCloud } from '../cloud';
import type { CapturedEmail } from '../mail/mail-capture';
import { follow, type FetchedPage } from '../people';

/** How the people of a driven cycle behave: what `driveCycle` passes on to each persona. */
export interface PersonaOptions {
  /** How many times the chair asks for changes before approving. */
  changeRounds?: number;
  /** How the chair answers: the link's page (default), or by replying to the email. */
  chairAnswersBy?: 'link' | 'reply';
  /** Presenters who upload only after the reminder (by item order, first N). */
  latePresenters?: number;
  /** Presenters who never upload (after the late ones, next N). */
  missingPresenters?: number;
  /** Presenters who upload only after the papers have gone out (first N, before the late ones). */
  uploadAfterCirculation?: number;
  /** Voting members who send apologies from the circulation email (first N; the first names a substitute). */
  apologies?: number;
  /**
   * The minutes' action lines, as the secretariat writes them ("Action 1: Priya Shah to … by 31 March
   * 2027."). Default: one action for the first member, due by the next meeting.
   */
  actions?: string[];
  /** Whether owners update an action when first asked (default true); false: they never do. */
  ownersUpdate?: boolean;
  /**
   * The next meeting, as the minutes give it: the secretariat writes it into the draft and, when asked
   * after publication, confirms it, so that the next cycle is scheduled to start by itself.
   */
  nextMeeting?: { date: string; time: string };
  /** How the owner of action N answers its update request: the link's page (default), a reply to the email, or not at all. */
  updateBy?: (actionNumber: number) => 'link' | 'reply' | 'none';
  /** Proposals made confidential (the first N made). */
  confidentialProposals?: number;
  /** A member (by address) who declares an interest from the circulation email, in the item whose title contains `item`. */
  declareInterest?: { email: string; item: string; kind: InterestKind; description: string; prejudicial: boolean };
  /** How the chair answers a late item's request: approves it with the reason offered (default), refuses it, or never answers. */
  chairOnLateItems?: 'approve' | 'refuse' | 'ignore';
  /**
   * After the meeting, the secretariat records attendance by its link before writing the minutes: members
   * (by email) who arrived during an item, left after one, or were absent without apologies.
   */
  attendance?: { arrivedDuring?: Record<string, number>; leftAfter?: Record<string, number>; absent?: readonly string[] };
  /** The chair sends apologies from the circulation email (as well as any `apologies` of members). */
  chairApologises?: boolean;
  /** The chair never answers a request to approve the minutes (the vice-chair, if asked, does). */
  chairSilent?: boolean;
}

/** What the people remember between emails over one driven cycle. */
export interface DriveState {
  proposalsMade: number;
  changeRequests: number;
  lateLeft: number;
  missingLeft: number;
  apologiesLeft: number;
  afterCirculationLeft: number;
  /** Upload links held back until the circulation email arrives. */
  heldUploads: { who: string; link: string; subject: string }[];
  /** Addresses of presenters who never upload. */
  neverUpload: Set<string>;
}

/** The state at the start of a cycle: nobody has done anything yet. */
export function initialState(opts: PersonaOptions): DriveState {
  return {
    proposalsMade: 0,
    changeRequests: 0,
    lateLeft: opts.latePresenters ?? 0,
    missingLeft: opts.missingPresenters ?? 0,
    apologiesLeft: opts.apologies ?? 0,
    afterCirculationLeft: opts.uploadAfterCirculation ?? 0,
    heldUploads: [],
    neverUpload: new Set(),
  };
}

/** What every email of one driven cycle shares: the cloud, the options, the board's members, the state. */
export interface DriveShared {
  cloud: LocalCloud;
  opts: PersonaOptions;
  members: readonly Member[];
  byEmail: ReadonlyMap<string, Member>;
  state: DriveState;
  /** Records what a person did, in one line, for the result and `onAction`. */
  did(line: string): void;
}

/** What a persona knows while it answers one email. */
export interface PersonaContext extends DriveShared {
  /** The recipient's name (or address). */
  who: string;
  /** The email's first app link. */
  link: string;
  /** Follows the first link, failing unless its page opens. */
  open(): Promise<FetchedPage>;
  /** Fails, naming `what` and the page, unless the page answered 200. */
  expectOk(page: FetchedPage, what: string): void;
}

/** What one person does on receiving one kind of email. */
export type Persona = (email: CapturedEmail, ctx: PersonaContext) => Promise<void>;

/** The registry's value for a kind of email that nobody answers: it is read, and nothing is done. */
export const NO_ACTION = 'no action';

/** The page's text without its markup, short enough for an error message. */
export const pageText = (page: FetchedPage): string => page.html.replace(/<[^>]+>/g, ' ').slice(0, 300);

/** The context of one email that has at least one app link (`link`, the first). */
export function personaContext(shared: DriveShared, email: CapturedEmail, link: string): PersonaContext {
  const who = shared.byEmail.get(email.to[0] ?? '')?.name ?? email.to[0] ?? '?';
  return {
    ...shared,
    who,
    link,
    open: async () => {
      const page = await follow(link);
      if (page.status !== 200) throw new Error(`${who} opened ${email.kind} link and got HTTP ${page.status}: ${page.title}`);
      return page;
    },
    expectOk: (page, what) => {
      if (page.status !== 200) throw new Error(`${what} failed for ${who}: HTTP ${page.status} ${page.title} ${pageText(page)}`);
    },
  };
}
