/** Someone listed in an attendance section. */
export interface Person {
  /** The person's name without honorific or post ("Boris Johnson"); as written when no name could be told apart. */
  name: string;
  /** What the minutes put before the name: honorific and/or post ("Mayor", "Deputy Commissioner", "Cllr."); null if nothing. */
  title: string | null;
  /** Role and/or organisation as written after the name ("DMPC, MOPAC", "Metropolitan Police Service (MPS)"); null if none. */
  role: string | null;
  /** The sub-heading the person is listed under ("Board and advisors"); null if none. */
  group: string | null;
}

/** A paragraph of an item, with its number as written ("3", "3.1") or null. */
export interface MinutesParagraph {
  number: string | null;
  text: string;
}

/** An agenda item as minuted. */
export interface MinutesItem {
  /** As written: "3", "3a". */
  number: string;
  title: string;
  paragraphs: MinutesParagraph[];
}

/** An action the meeting agreed. */
export interface MinutesAction {
  /** The action's own number ("Action 2:"), or null when the minutes do not number it. */
  number: number | null;
  /**
   * The action's reference when it is not a plain number ("5.1", "05-06"): present only then, and `number` is null.
   */
  reference?: string;
  /** The number of the item it was agreed under, or null (e.g. a closing summary of actions). */
  item: string | null;
  /** People and/or organisations as written ("Lucy Bogue (NOMS)", "MOPAC"); empty when the minutes name none. */
  owners: string[];
  /** The action as written, after its "Action n:" marker. */
  text: string;
  /** An ISO date (YYYY-MM-DD), "next meeting", or null when the minutes state no deadline. */
  due: string | null;
}

/** A decision the meeting took ("RESOLVED that …", "It was agreed that …", "Minutes approved"), as written, with its item. */
export interface MinutesDecision {
  text: string;
  item: string | null;
}

/** When and where: `date` YYYY-MM-DD, times HH:MM (24-hour). */
export interface MeetingDetails {
  board: string | null;
  date: string | null;
  time: string | null;
  venue: string | null;
  /** When the minutes say the meeting finished ("The meeting finished at 15.50"). */
  endTime: string | null;
}

/** The next meeting as announced; `date` is null when the minutes say it is to be confirmed. */
export interface NextMeeting {
  date: string | null;
  time: string | null;
  venue: string | null;
}

/** What `parseMinutes` reads from a set of minutes. */
export interface ParsedMinutes {
  meeting: MeetingDetails;
  present: Person[];
  apologies: Person[];
  officers: Person[];
  /** "Presenting" / "Presenters". */
  presenting: Person[];
  /** "Also present", "In attendance", "Support", "Guests", "Observers". */
  inAttendance: Person[];
  items: MinutesItem[];
  actions: MinutesAction[];
  /** Whether the minutes record the last meeting's minutes as agreed; null when they do not say. */
  previousMinutesAgreed: boolean | null;
  /** Null when the minutes do not mention the next meeting. */
  nextMeeting: NextMeeting | null;
  /** Things the secretariat should check, in plain words. */
  flags: string[];
}

/**
 * Where the parser found the parts of a set of minutes, by line of the text (0-based, the text split at its
 * line breaks, so an "Action:" after a full stop shares its sentence's line).
 */
export interface MinutesOutline {
  /** Each item's heading, in order; `inferred` when the heading has no number and the parser numbered it. */
  items: { number: string; title: string; line: number; inferred: boolean }[];
  /** The lines of each paragraph read into an item, wherever it stands (after the next meeting's date, too). */
  paragraphs: { item: string; first: number; last: number }[];
  /**
   * Each action as written, with the item it was read under or names; copies of one action (a closing
   * summary repeating it) share `group`, the index of the action in `parseMinutes(text).actions`.
   */
  actions: { number: number | null; item: string | null; group: number; first: number; last: number }[];
  /** Lines after which the minutes read outside the items: the next meeting's date, a closing summary of actions. */
  closings: number[];
}
