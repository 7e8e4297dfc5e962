/**
 * The words and patterns minutes are read by: posts and honorifics (to tell a name from a post), the headings
 * and markers of attendance, items, paragraphs, actions and the next meeting, and the words of an action's owner.
 * Every RegExp here is without the g flag, so sharing one between modules keeps no state.
 */
/** A month's name or abbreviation, captured ("March", "Sept."): a source for RegExp, with `WEEKDAY` and `ORDINAL`. */
export const MONTH =
  '(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\\.?';
/** An optional day of the week before a date ("Tuesday ", "Tues, "), not captured. */
export const WEEKDAY = '(?:(?:Mon|Tue(?:s)?|Wed(?:nes)?|Thu(?:r(?:s)?)?|Fri|Sat(?:ur)?|Sun)(?:day)?,?\\s+)?';
/** An optional ordinal suffix after a day ("10th"). */
export const ORDINAL = '(?:st|nd|rd|th)?';

/** Words of posts and organisations in public-sector minutes: a capitalised word among these is not part of a name. */
export const ROLE_WORDS = new Set(
  `head chief deputy assistant associate acting interim director directorate executive officer officers manager programme program project policy strategy
  strategic business development unit group team delivery operations operational services service lead adviser advisor advisors advisers secretary clerk
  chair chairman chairwoman chairperson vice member members board commissioner commander superintendent inspector constable sergeant mayor councillor
  leader minister principal senior partnership partnerships analyst coordinator co-ordinator governance finance financial planning performance research
  communications engagement community communities safety justice criminal crime policing police probation prison prisons health public reform office
  council councils authority department ministry trust agency borough city county metropolitan national regional local government crown prosecution
  prosecutor offender offenders management home england london fire rescue ambulance commission committee secretariat representative specialist
  legal counsel treasurer controller registrar corporate resources transformation change children adult adults social care education housing youth
  victims victim equality diversity integration safeguarding intelligence security counter terrorism prevent audit risk compliance support administrator
  administration reduction violence gangs region general attorney solicitor tribunal limited ltd plc university college school hospital
  foundation charity network forum association federation union institute centre center commissioning standards operating central
  reoffending rehabilitation company`.split(/\s+/),
);
/** Honorifics and ranks that come before a name. */
export const TITLE_WORDS = new Set(
  'mr mrs ms miss mx dr prof professor sir dame lord lady baroness baron rt hon honourable cllr cllrs councillor councillors rev revd reverend canon alderman supt ch insp det dcs dci di ds pc'.split(
    ' ',
  ),
);
/** Lower-case particles inside a surname ("Ursula von der Leyen"). */
export const PARTICLES = new Set(['de', 'da', 'van', 'von', 'der', 'den', 'du', 'le', 'la', 'di', 'al', 'bin', 'ibn']);

/** An attendance entry that lists nobody ("None", "No apologies were received"). */
export const NONE = /^(?:none|nil|n\/a|no apologies(?: were)?(?: received)?|there were no apologies)\.?$/i;

/** The attendance lists of `ParsedMinutes`, by their property name. */
export type Section = 'present' | 'apologies' | 'officers' | 'presenting' | 'inAttendance';

/** How a flag names each attendance list. */
export const SECTION_LABEL: Record<Section, string> = {
  present: 'Present',
  apologies: 'Apologies',
  officers: 'Officers',
  presenting: 'Presenting',
  inAttendance: 'In attendance',
};

/** An attendance heading ("Present", "Apologies for absence", "Also in attendance"), with the list after a colon or dash when it is inline. */
export const ATTENDANCE =
  /^(present|members present|board members present|attendees|attending|attendance|apologies(?: for absence)?(?: received)?|officers(?: present| in attendance)?|secretariat|presenting|presenters|presenting officers|also present|also in attendance|in attendance|support|supporting officers|guests|observers|[a-z]+ (?:and|&) [a-z]+ present|(?:councillors|trustees|governors|directors|committee members) present|on the phone|by phone)\s*(?:[:\-–—]\s*(.*))?$/i;
/** "Apologies were received from A and B": the apologies as a sentence. */
export const APOLOGIES_FROM = /^apologies(?: for absence)?\s+(?:were|had been|have been)?\s*(?:received|noted|given|tendered)\s+from\s+(.+)$/i;

/** The attendance list an `ATTENDANCE` heading opens. */
export function sectionOf(label: string): Section {
  const l = label.toLowerCase();
  if (l.startsWith('apolog')) return 'apologies';
  // "Officers and Trustees Present" lists everyone who came, officers or not.
  if (/ (?:and|&) /.test(l)) return 'present';
  if (l.startsWith('officers') || l === 'secretariat') return 'officers';
  if (l.startsWith('present') && l !== 'present') return 'presenting';
  if (/also|in attendance|support|guests|observers/.test(l)) return 'inAttendance';
  return 'present';
}

/** The next meeting's announcement ("Date of next meeting:", "The next meeting will be held on …"), with what follows it. */
export const NEXT_MEETING =
  /^(?:the\s+)?(?:date\s+(?:and\s+time\s+)?of\s+(?:the\s+)?next\s+(?:[\w-]+\s+){0,3}?(?:meeting|agm)|next\s+(?:[\w-]+\s+){0,3}?(?:meeting|agm)(?:\s+date)?)\b\s*(?:is|(?:will|would)\s+be(?:\s+held)?|has\s+been\s+(?:set|arranged|fixed))?\s*(?:on|for)?\s*[:\-–—]?\s*(.*)$/i;
/** A date left open: "TBC", "to be confirmed". */
export const TBC = /\b(?:tbc|tba|tbd|to be (?:confirmed|arranged|agreed|announced|decided|determined))\b/i;
/** A heading over a list of actions ("Actions", "Agreed actions", "Summary of actions:"). */
export const ACTIONS_HEADING =
  /^(summary of |schedule of |new |agreed |list of )?(?:actions?(?: points?| arising| log| agreed| summary| list| tracker| register)?)\s*:?$/i;
/** "Action 2 (Dan Hales): …": the number, what is in brackets (an owner, an item or a status), and the action. */
export const ACTION_MARKER = /^actions?(?:\s+point)?\s*(\d+)?(?:\s*\(([^()]*)\))?\s*[:.\-–—]\s*(.*)$/i;
/** "ACTION 5.2 Review …", "ACTION 5.1: Produce …": an action numbered by its item, the separator left out at times. */
export const ACTION_REFERENCE = /^actions?\s+(\d{1,3}\.\d{1,3})\s*(?:[:\-–—]\s*|\s(?=\S))(.*)$/i;
/** An action's status in brackets ("Action 3 (open)"): the minutes review an earlier action, they do not agree a new one. */
export const STATUS = /^(?:open|closed|done|complete(?:d)?|ongoing|in[\s-]progress|dropped|carried forward|outstanding|superseded)$/i;
/** A status closing an earlier action's line ("JS to circulate the terms – ongoing"): the minutes report on it. */
export const STATUS_AFTER = /\s[–—-]\s*(?:closed|done|complete(?:d)?|ongoing|in[\s-]progress|dropped|carried forward|outstanding|superseded)\.?$/i;
/** An item marked as such: "ITEM 3. Title", "Agenda item 3: Title", "Item 3" alone. */
export const ITEM_EXPLICIT = /^(?:agenda\s+)?item\s+(\d{1,3}[a-z]?)\b\s*[.:)\-–—]*\s*(.*)$/i;
/** A numbered heading ("## 3. Title"), read as an item when it is a Markdown heading. */
export const ITEM_NUMBERED = /^(\d{1,3}[a-z]?)[.):]?\s+(?!\d)(.+)$/;
/** "3. TITLE" or "3) Title": an item only in minutes that mark no item "Item". */
export const ITEM_BARE = /^(\d{1,2}[a-z]?)[.):]\s*(?!\d)(.+)$/;
/** A numbered paragraph: "3.1 …" (groups 1, 2) or "1. …" / "1) …" (groups 3, 4). */
export const PARA_NUMBER = /^(\d{1,3}(?:\.\d{1,3})+)\.?\s+(.*)$|^(\d{1,3})[.)]\s+(.*)$/;
/** A placeholder left from the draft ("[owner]", "[Summary of the discussion.]"). */
export const PLACEHOLDER = /\[(?:owner|what|summary|name|date|tbc|insert)[^\]]*\]/i;

/** Small words that may join the names of owners ("MOPAC and the MPS", "Partners from A"). */
export const CONNECTORS = new Set(['and', 'of', 'for', 'the', 'from', '&', 'in', 'at', 'on', 'de', 'van', 'all', 'both', 'each', '/']);
/** Lower-case words that name owners as a group ("all members", "the secretariat"). */
export const COLLECTIVES = new Set([
  'all',
  'members',
  'partners',
  'officers',
  'colleagues',
  'boroughs',
  'leads',
  'representatives',
  'team',
  'secretariat',
  'chair',
  'board',
  'staff',
  'sites',
]);
/** Verbs that open an action written as an instruction ("Circulate the paper – Dan Hales"). */
export const IMPERATIVES = new Set(
  `circulate provide send share arrange prepare update review write confirm invite draft bring present report organise organize schedule consider develop
  produce contact liaise investigate explore publish add check ensure identify agree set seek establish follow convene submit propose collate compile`.split(
    /\s+/,
  ),
);
/** A past participle after "to be", which makes an action passive ("to be presented by MOPAC"). */
export const PARTICIPLE =
  /^(?:\w+ed|\w+en|brought|sent|made|held|shown|done|put|set|kept|sought|found|built|drawn|known|read|run|seen|told|met|paid|led|spread|shut|cut)$/i;
