import { EMAIL_KINDS, EMAIL_TEMPLATES, isEmailKind, renderEmail, shortDate } from '../../functions/emails';
import type { EmailDataByKind, EmailKind, RenderedEmail } from '../../functions/emails';
import { escapeHtml, html, isSafeHtml, raw, truncateForDisplay } from '../../functions/shared/domain/html';

const base = { board: 'Finance Committee', secretariatEmail: 'secretariat@example.org' };
const link = (name: string): string => `https://app.example.org/l/${name}`;

const DIGEST_ACTIONS = [
  {
    number: 12,
    text: 'Circulate the revised strategy.',
    owners: ['Ann Other'],
    status: 'in-progress',
    due: 'Friday 13 March 2015',
    timing: 'overdue by 24 days',
    lastUpdate: 'Thursday 26 March 2015: draft with the chair',
  },
  { number: 13, text: 'Book the auditors.', owners: [], status: 'open' },
] as const;

/** One realistic data object per kind; every test below runs over all of them. */
const FIXTURES: { [K in EmailKind]: EmailDataByKind[K] } = {
  'agenda-call': {
    ...base,
    meetingWhen: 'Tuesday 10 March 2015, 15:30',
    venue: 'Committee Room 2, Town Hall',
    itemDeadline: 'Friday 20 February 2015, 17:00',
    proposeUrl: link('propose'),
    keyDates: [
      { label: 'Proposals close', when: 'Friday 20 February 2015, 17:00' },
      { label: 'Papers due', when: 'Friday 27 February 2015, 17:00' },
    ],
    calendarAttached: true,
  },
  'proposal-received': { ...base, itemTitle: 'Treasury strategy', itemDeadline: 'Friday 20 February 2015, 17:00' },
  'proposal-declined': { ...base, itemTitle: 'Treasury strategy', meetingWhen: 'Tuesday 10 March 2015, 15:30' },
  'proposal-accepted': { ...base, itemTitle: 'Treasury strategy', itemNumber: 4, meetingWhen: 'Tuesday 10 March 2015, 15:30', presenting: true },
  'papers-not-received': {
    ...base,
    meetingWhen: 'Tuesday 10 March 2015, 15:30',
    circulationWhen: 'Monday 2 March 2015, 09:00',
    missing: [{ number: 4, title: 'Treasury strategy', presenter: 'Sam Reid', presenterEmail: 'sam@example.org' }],
  },
  'quorum-warning': {
    ...base,
    meetingWhen: 'Tuesday 10 March 2015, 15:30',
    quorum: 4,
    expected: 3,
    apologies: [{ name: 'Sam Reid', substitute: 'Jo Bell' }, { name: 'Ann Lee' }],
  },
  'meeting-moved': {
    ...base,
    meetingWhen: 'Tuesday 17 March 2015, 15:30',
    previousWhen: 'Tuesday 10 March 2015, 15:30',
    venue: 'City Hall',
    keyDates: [{ label: 'Paper deadline', when: 'Friday 6 March 2015, 17:00' }],
  },
  'agenda-confirmation-request': {
    ...base,
    meetingWhen: 'Tuesday 10 March 2015, 15:30',
    items: [
      { number: 1, title: 'Apologies', purpose: 'information' },
      { number: 2, title: 'Treasury strategy', presenter: 'Ann Other', purpose: 'decision' },
    ],
    confirmUrl: link('confirm'),
    confirmBy: 'Tuesday 24 February 2015, 17:00',
  },
  'paper-request': {
    ...base,
    itemNumber: 3,
    itemTitle: 'Treasury strategy',
    meetingWhen: 'Tuesday 10 March 2015, 15:30',
    paperDeadline: 'Friday 27 February 2015, 17:00',
    uploadUrl: link('upload'),
    maxSizeMb: 20,
    acceptedTypes: ['PDF', 'Word (.docx)'],
  },
  'paper-reminder': {
    ...base,
    itemNumber: 3,
    itemTitle: 'Treasury strategy',
    meetingWhen: 'Tuesday 10 March 2015, 15:30',
    paperDeadline: 'Friday 27 February 2015, 17:00',
    uploadUrl: link('upload-again'),
    maxSizeMb: 20,
    acceptedTypes: ['PDF'],
    appendixTypes: ['PDF', 'Excel (.xlsx)', 'CSV'],
  },
  'paper-receipt': {
    ...base,
    itemNumber: 3,
    itemTitle: 'Treasury strategy',
    fileName: 'treasury-strategy-v2.pdf',
    size: '1.2 MB',
    version: 2,
    receivedAt: 'Thursday 26 February 2015, 11:04',
    late: true,
    replaceUrl: link('replace'),
  },
  circulation: {
    ...base,
    meetingWhen: 'Tuesday 10 March 2015, 15:30',
    venue: 'Committee Room 2, Town Hall',
    items: [
      { number: 1, title: 'Apologies' },
      {
        number: 2,
        title: 'Treasury strategy',
        presenter: 'Ann Other',
        paperUrl: link('paper-2'),
        appendices: [{ number: 1, url: link('papers/appendix/2/3'), description: 'Excel workbook, 1.2 MB' }],
      },
    ],
    packUrl: 'https://app.example.org/l/pack?format=pdf&v=2',
    papersNote: 'The paper for item 4 will follow.',
  },
  'minutes-draft-request': {
    ...base,
    meetingDate: 'Tuesday 10 March 2015',
    draftUrl: link('draft'),
    draftBy: 'Tuesday 17 March 2015, 17:00',
    chairComment: 'Item 2: record that the vote was unanimous.\nItem 4: spell Mr Smyth correctly.',
    chairName: 'Jane Chair',
  },
  'chair-approval-request': {
    ...base,
    meetingDate: 'Tuesday 10 March 2015',
    version: 2,
    minutesText: 'Present: Jane Chair, Ann Other\n\n1. Apologies\nNone.',
    approveUrl: link('approve'),
    approveBy: 'Tuesday 24 March 2015, 17:00',
    whatChanged: 'Item 2 records the unanimous vote.',
    replyToApprove: true,
  },
  'reply-outcome': {
    ...base,
    accepted: false,
    about: 'the minutes of Tuesday 10 March 2015',
    outcome: 'we could not confirm that it came from jane@example.org (SPF PASS, DKIM FAIL, DMARC FAIL; all three must pass).',
    whatNext: 'Please use the button in the email instead.',
    quoted: 'Item 2: record the vote.',
  },
  'actions-to-reassign': {
    ...base,
    memberName: 'Tom Okafor',
    unassigned: [{ number: 12, text: 'Circulate the revised treasury strategy to all members.' }],
    kept: [{ number: 14, text: 'Brief the Board on knife crime.', owners: 'Ann Other' }],
    assignCommand: 'npx cycle actions assign --board finance --action NUMBER --to MEMBER (an id or email)',
  },
  'public-minutes-withheld': {
    ...base,
    meetingDate: 'Tuesday 10 March 2015',
    version: 2,
    reason: 'Item 3 ("Staff restructure") is exempt, but the minutes have no heading for item 3.',
  },
  'minutes-published': {
    ...base,
    meetingDate: 'Tuesday 10 March 2015',
    version: 2,
    minutesUrl: link('minutes'),
    approvedBy: 'Jane Chair',
    approvedOn: 'Monday 23 March 2015',
  },
  'next-meeting-confirmation': {
    ...base,
    meetingDay: 'Tuesday 9 June 2015',
    meetingTime: '15:30',
    source: 'the approved minutes of Tuesday 10 March 2015',
    keyDates: [
      { label: 'Agenda call', when: 'Tuesday 12 May 2015, 09:00' },
      { label: 'Circulation', when: 'Monday 1 June 2015, 09:00' },
    ],
    confirmUrl: link('confirm-next'),
    confirmBy: 'Tuesday 9 June 2015',
  },
  'action-update-request': {
    ...base,
    actionNumber: 12,
    actionText: 'Circulate the revised treasury strategy to all members.',
    due: 'Friday 27 March 2015',
    meetingDate: 'Tuesday 10 March 2015',
    updateUrl: link('action-12'),
    replyToUpdate: true,
  },
  'action-fresh-link': {
    ...base,
    actionNumber: 12,
    actionText: 'Circulate the revised treasury strategy to all members.',
    due: 'Friday 27 March 2015',
    worksUntil: 'Wednesday 24 June 2015',
    updateUrl: link('action-12-fresh'),
  },
  'action-due-proposed': {
    ...base,
    actionNumber: 12,
    actionText: 'Circulate the revised treasury strategy to all members.',
    proposedBy: 'Ann Other',
    currentDue: 'Friday 27 March 2015',
    proposedDue: 'Friday 24 April 2015',
    reason: 'The auditors report on 20 April.',
    decideUrl: link('decide-due-12'),
  },
  'action-due-decision': {
    ...base,
    accepted: false,
    actionNumber: 12,
    actionText: 'Circulate the revised treasury strategy to all members.',
    proposedDue: 'Friday 24 April 2015',
    due: 'Friday 27 March 2015',
    decidedBy: 'Grace Lin',
    reason: 'The board needs it before the April meeting.',
  },
  'action-delegation-proposed': {
    ...base,
    actionNumber: 12,
    actionText: 'Circulate the revised treasury strategy to all members.',
    due: 'Friday 27 March 2015',
    from: 'Ann Other',
    to: 'Sam Reid',
    reason: 'Sam now leads on treasury.',
    decideUrl: link('decide-handover-12'),
  },
  'action-delegation-decision': {
    ...base,
    confirmed: true,
    actionNumber: 12,
    actionText: 'Circulate the revised treasury strategy to all members.',
    to: 'Sam Reid',
    decidedBy: 'Grace Lin',
  },
  'action-reminder': {
    ...base,
    actions: [
      {
        number: 12,
        text: 'Circulate the revised treasury strategy to all members.',
        due: 'Friday 13 March 2015',
        why: 'overdue by 21 days',
        overdue: true,
        updateUrl: link('action-12-reminder'),
      },
      {
        number: 14,
        text: 'Book the auditors.',
        due: 'Monday 13 April 2015',
        why: 'due in 5 working days',
        overdue: false,
        updateUrl: link('action-14-reminder'),
      },
    ],
  },
  'follow-up-digest': {
    ...base,
    asOf: 'Monday 6 April 2015',
    counts: { open: 1, 'in-progress': 1, done: 0, dropped: 0 },
    escalate: [DIGEST_ACTIONS[0]],
    escalateAfterDays: 14,
    overdue: [DIGEST_ACTIONS[0]],
    dueSoon: [],
    dueSoonWorkingDays: 5,
    lastMeeting: 'Tuesday 10 March 2015',
    noUpdate: [DIGEST_ACTIONS[1]],
    unassigned: [DIGEST_ACTIONS[1]],
    open: DIGEST_ACTIONS,
    consoleUrl: 'https://app.example.org/console/actions',
  },
  'callback-reminder': {
    ...base,
    task: 'confirm the draft agenda for the meeting on Tuesday 10 March 2015',
    buttonLabel: 'Confirm the agenda',
    reminderNumber: 2,
    firstAskedOn: 'Friday 20 February 2015',
    dueBy: 'Tuesday 24 February 2015, 17:00',
    url: link('confirm-fresh'),
    finalReminder: true,
  },
  escalation: {
    ...base,
    who: 'Jane Chair',
    whoEmail: 'chair@example.org',
    task: 'approve the minutes of the meeting of Tuesday 10 March 2015',
    askedOn: 'Tuesday 17 March 2015',
    remindersSent: 3,
    stopsAt: 'Tuesday 31 March 2015, 17:00',
    consoleUrl: 'https://app.example.org/console',
  },
  'cycle-failed': {
    ...base,
    meetingWhen: 'Tuesday 10 March 2015, 15:30',
    step: 'RequestPapers',
    error: 'CycleFailedError',
    message: 'Item 3 has no presenter.',
    failedAt: 'Tuesday 24 February 2015, 17:02',
    consoleUrl: 'https://app.example.org/console',
  },
  'cycle-resumed': {
    ...base,
    meetingWhen: 'Tuesday 10 March 2015, 15:30',
    failedStep: 'ChaseMinutesDraft',
    resumedAt: 'WaitForMinutesDraft',
    error: 'ServiceUnavailableError',
    by: 'sam',
    reason: 'DynamoDB was down for an hour',
    when: 'Wednesday 18 March 2015, 09:12',
  },
  'cycle-closed': {
    ...base,
    meetingWhen: 'Tuesday 10 March 2015, 15:30',
    agendaItems: 7,
    papersReceived: 5,
    latePapers: 1,
    minutesVersions: 2,
    actionsRaised: 4,
    actionsOpen: 1,
    handedOverTo: 'Tuesday 14 April 2015, 15:30',
  },
  'console-sign-in': { ...base, signInUrl: 'https://app.example.org/console/sign-in/token', minutes: 15 },
  'address-undeliverable': {
    ...base,
    memberName: 'Tom Okafor',
    address: 'tom@example.org',
    what: 'bounced permanently',
    reason: 'smtp; 550 5.1.1 user unknown',
    emailSubject: 'Papers for Tuesday 10 March: read before the meeting',
    reportedAt: 'Tuesday 3 March 2015, 09:12',
    stopped: true,
    consoleUrl: 'https://app.example.org/console/boards/finance/members/tom',
  },
  'late-item-request': {
    ...base,
    itemTitle: 'Emergency repairs to the Town Hall roof',
    purpose: 'decision',
    presenter: 'Sam Reid',
    reason: 'The storm damage must be repaired before the next meeting in June.',
    addedBy: 'Jo Bell',
    meetingWhen: 'Tuesday 10 March 2015, 15:30',
    decideUrl: link('late'),
  },
  'late-item-decision': {
    ...base,
    itemTitle: 'Emergency repairs to the Town Hall roof',
    approved: true,
    chair: 'Alex Morgan',
    reason: 'The storm damage must be repaired before the next meeting in June.',
    itemNumber: 8,
    meetingWhen: 'Tuesday 10 March 2015, 15:30',
    circulates: 'now',
  },
  'deputy-papers': {
    ...base,
    deputyName: 'Sam Deputy',
    memberName: 'Lucy Bogue',
    meetingWhen: 'Tuesday 10 March 2015, 15:30',
    venue: 'Committee Room 2, Town Hall',
    items: [{ number: 1, title: 'Treasury strategy' }],
    papersUrl: link('deputy-papers'),
  },
  'meeting-cancelled': {
    ...base,
    meetingWhen: 'Tuesday 10 March 2015, 15:30',
    venue: 'Committee Room 2, Town Hall',
    reason: 'The budget papers are not ready; the business moves to the April meeting.',
    cancelledBy: 'Committee Services',
    online: { joinUrl: 'https://meet.example.org/j/123', dialIn: '020 7946 0000\nPIN 4321' },
    calendarAttached: true,
  },
};

/** What each subject must name: the ask (or news) and, where there is one, the date it is due by. */
const SUBJECT_SAYS: Record<EmailKind, readonly string[]> = {
  'agenda-call': ['Agenda items due', 'Friday 20 February'],
  'proposal-received': ['Proposal received', 'Treasury strategy'],
  'proposal-declined': ['Not on the agenda', 'Treasury strategy'],
  'proposal-accepted': ['On the agenda', 'item 4', 'Treasury strategy'],
  'meeting-moved': ['Meeting moved to Tuesday 17 March'],
  'papers-not-received': ['1 paper not received', 'Tuesday 10 March'],
  'quorum-warning': ['Quorum at risk', '3 of 4'],
  'agenda-confirmation-request': ['Confirm the agenda', 'Tuesday 24 February'],
  'paper-request': ['Paper due Friday 27 February', 'item 3'],
  'paper-reminder': ['Reminder', 'Friday 27 February', 'item 3'],
  'paper-receipt': ['Paper received', 'item 3', 'version 2'],
  circulation: ['Papers', 'Tuesday 10 March', 'read before the meeting'],
  'minutes-draft-request': ['revised minutes due Tuesday 17 March'],
  'chair-approval-request': ['Approve the minutes by Tuesday 24 March', 'version 2'],
  'reply-outcome': ['Your reply was not accepted', 'Tuesday 10 March'],
  'public-minutes-withheld': ['Public minutes not published', 'Tuesday 10 March'],
  'actions-to-reassign': ['1 action to reassign', 'Tom Okafor has left'],
  'minutes-published': ['Approved minutes', 'Tuesday 10 March'],
  'next-meeting-confirmation': ['Confirm the next meeting: Tuesday 9 June 2015'],
  'action-update-request': ['Update requested', 'action 12', 'Friday 27 March'],
  'action-fresh-link': ['new link', 'update action 12'],
  'action-due-proposed': ['Action 12: new due date proposed', 'Friday 24 April'],
  'action-due-decision': ['Action 12', 'new due date not accepted'],
  'action-delegation-proposed': ['Action 12', 'confirm hand-over to Sam Reid'],
  'action-delegation-decision': ['Action 12 handed to Sam Reid'],
  'action-reminder': ['Actions due: 2 of yours', '1 overdue'],
  'follow-up-digest': ['Actions digest', 'Monday 6 April', '2 open', '1 overdue', '1 to escalate'],
  'callback-reminder': ['Reminder 2', 'confirm the draft agenda', 'by Tuesday 24 February'],
  escalation: ['follow up', 'Jane Chair', 'Tuesday 17 March'],
  'cycle-failed': ['Action needed', 'RequestPapers'],
  'cycle-resumed': ['Resumed', 'WaitForMinutesDraft'],
  'cycle-closed': ['Cycle closed', 'Tuesday 10 March'],
  'console-sign-in': ['sign in', 'console'],
  'address-undeliverable': ['Tom Okafor', 'bounced permanently', 'tom@example.org'],
  'late-item-request': ['Urgent item', 'Tuesday 10 March', 'approve or refuse', 'Emergency repairs'],
  'late-item-decision': ['Approved as urgent business', 'Tuesday 10 March', 'Emergency repairs'],
  'deputy-papers': ['Papers for Tuesday 10 March', 'for Lucy Bogue'],
  'meeting-cancelled': ['Meeting cancelled', 'Tuesday 10 March'],
};

const HOSTILE = '<script>alert(1)</script>\u202Eevil\u2066';
const RTL_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/;

const isUrlKey = (key: string): boolean => /url$/i.test(key);

/** Every URL in a data object, however deep. */
function urlsIn(value: unknown, key = ''): string[] {
  if (typeof value === 'string') return isUrlKey(key) ? [value] : [];
  if (Array.isArray(value)) return value.flatMap((v) => urlsIn(v));
  if (typeof value === 'object' && value !== null) return Object.entries(value).flatMap(([k, v]) => urlsIn(v, k));
  return [];
}

/** The same data with every string that is not a URL replaced by `make(original)`. */
function poison<T>(value: T, make: (s: string) => string, key = ''): T {
  if (typeof value === 'string') return (isUrlKey(key) ? value : make(value)) as T;
  if (Array.isArray(value)) return value.map((v) => poison(v, make)) as T;
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, poison(v, make, k)])) as T;
  }
  return value;
}

const render = (kind: EmailKind, data: unknown): RenderedEmail => (EMAIL_TEMPLATES[kind] as (d: unknown) => RenderedEmail)(data);

describe('email templates', () => {
  it('covers every kind with a fixture', () => {
    expect([...EMAIL_KINDS].sort()).toEqual(Object.keys(FIXTURES).sort());
    expect(EMAIL_KINDS).toHaveLength(38);
    expect(isEmailKind('paper-request')).toBe(true);
    expect(isEmailKind('toString')).toBe(false);
  });

  describe.each(EMAIL_KINDS)('%s', (kind) => {
    const data = FIXTURES[kind];
    const email = render(kind, data);

    it('renders a subject, an HTML part and a plain-text part', () => {
      expect(email.subject.length).toBeGreaterThan(10);
      expect(email.subject).not.toMatch(/[\r\n]/);
      expect(email.html).toMatch(/^<!DOCTYPE html>\n<html lang="en-GB">/);
      expect(email.text.length).toBeGreaterThan(50);
    });

    it('renders by its kind an HTML part titled with the subject and a plain-text part with words in it', () => {
      const rendered = renderEmail(kind, data);
      expect(rendered).toEqual(email);
      expect(rendered.html).toContain(`<title>${escapeHtml(rendered.subject)}</title>`);
      expect(rendered.text).toMatch(/\p{L}{3,}/u);
    });

    it('says in its subject what it is about and by when', () => {
      for (const part of SUBJECT_SAYS[kind]) expect(email.subject).toContain(part);
    });

    it('starts both parts with the same first line', () => {
      const firstLine = email.text.split('\n')[0] ?? '';
      expect(firstLine.length).toBeGreaterThan(20);
      expect(email.html).toContain(`font-weight:bold">${escapeHtml(firstLine)}</p>`);
    });

    it('writes every link out in full in the text part, and links it in the HTML', () => {
      const urls = urlsIn(data);
      expect(urls.length).toBeGreaterThan(
        [
          'proposal-received',
          'proposal-declined',
          'proposal-accepted',
          'meeting-moved',
          'papers-not-received',
          'quorum-warning',
          'cycle-closed',
          'cycle-resumed',
          'reply-outcome',
          'public-minutes-withheld',
          'action-due-decision',
          'action-delegation-decision',
          'actions-to-reassign',
          'late-item-decision',
        ].includes(kind)
          ? -1
          : 0,
      );
      for (const url of urls) {
        expect(email.text).toContain(url);
        expect(email.html).toContain(`href="${escapeHtml(url)}"`);
      }
    });

    it('keeps HTML out of the text part', () => {
      expect(email.text).not.toMatch(/<\/?[a-z][^>]*>/i);
      expect(email.text).not.toMatch(/&(amp|lt|gt|quot|#\d+);/);
    });

    it('ends both parts with the footer naming the board and where to reply', () => {
      expect(email.text).toContain('-- \nSent by meeting-cycle for Finance Committee — questions to secretariat@example.org');
      expect(email.html).toContain('Sent by meeting-cycle for Finance Committee — questions to <a href="mailto:secretariat@example.org"');
    });

    it('has exactly one button, or none for news that needs no action', () => {
      const buttons = email.html.match(/<td style="border-radius:4px;/g) ?? [];
      expect(buttons.length).toBeLessThanOrEqual(1);
    });

    it('escapes hostile input everywhere in the HTML and strips bidi controls from both parts', () => {
      const hostile = render(
        kind,
        poison(data, (s) => `${s} ${HOSTILE}`),
      );
      expect(hostile.html).not.toContain('<script>');
      expect(hostile.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
      for (const part of [hostile.subject, hostile.html, hostile.text]) expect(part).not.toMatch(RTL_CONTROLS);
      // Plain text is not interpreted: the words may appear, but nothing can hide or reorder them.
      expect(hostile.text).toContain('<script>alert(1)</script>evil');
    });

    it('keeps a 10,000-character value from flooding either part', () => {
      // Inlined minutes are a whole document on purpose; every other value is capped.
      const huge = render(
        kind,
        poison(data, (s) => (s === (data as { minutesText?: string }).minutesText ? s : 'A'.repeat(10_000))),
      );
      expect(huge.subject.length).toBeLessThanOrEqual(150);
      expect(huge.html).not.toContain('A'.repeat(4001));
      expect(huge.text).not.toContain('A'.repeat(4001));
    });
  });

  it('truncates a 10,000-character title to 200 characters in both parts and in the subject', () => {
    const title = `${'Treasury '.repeat(1200)}`.slice(0, 10_000);
    const email = renderEmail('paper-request', { ...FIXTURES['paper-request'], itemTitle: `<b>${title}</b>\u202E` });
    expect(email.subject.length).toBeLessThanOrEqual(150);
    expect(email.subject).toContain('…');
    expect(email.html).toContain('&lt;b&gt;Treasury');
    expect(email.html).not.toContain('<b>Treasury');
    const titleInText = /“(<b>Treasury[^”]*)”/.exec(email.text)?.[1] ?? '';
    expect(titleInText.length).toBeLessThanOrEqual(200);
    expect(titleInText.endsWith('…')).toBe(true);
    expect(email.text).not.toMatch(RTL_CONTROLS);
  });

  it('folds line breaks in a title so it cannot start a fake paragraph in the text part', () => {
    const email = renderEmail('proposal-received', {
      ...FIXTURES['proposal-received'],
      itemTitle: 'Budget\n\nURGENT: verify your account at https://evil.example',
    });
    expect(email.text).toContain('“Budget URGENT: verify your account at https://evil.example”');
  });

  it('refuses a link that is not a web address', () => {
    expect(() => renderEmail('paper-request', { ...FIXTURES['paper-request'], uploadUrl: 'javascript:alert(1)' })).toThrow(TypeError);
    expect(() => renderEmail('paper-request', { ...FIXTURES['paper-request'], uploadUrl: 'https://x.example/a b' })).toThrow(TypeError);
  });

  it('previews the first 40 lines of the minutes, escaped, with line breaks kept', () => {
    const minutes = Array.from({ length: 100 }, (_, i) => `Line ${i + 1} <i>note</i>`).join('\n');
    const email = renderEmail('chair-approval-request', { ...FIXTURES['chair-approval-request'], minutesText: minutes });
    expect(email.html).toContain('Line 1 &lt;i&gt;note&lt;/i&gt;<br>Line 2 &lt;i&gt;note&lt;/i&gt;');
    expect(email.html).toContain('Line 40 ');
    expect(email.html).not.toContain('Line 41 ');
    expect(email.text).toContain('    Line 39 <i>note</i>\n    Line 40 <i>note</i>\n');
    expect(email.text).not.toContain('Line 41 ');
    expect(email.text).toContain('100 lines in all');
  });

  it('offers approval by reply only when the reply address is set up for it', () => {
    const withReply = renderEmail('chair-approval-request', FIXTURES['chair-approval-request']);
    const without = renderEmail('chair-approval-request', { ...FIXTURES['chair-approval-request'], replyToApprove: false });
    expect(withReply.text).toContain('reply to this email');
    expect(without.text).not.toContain('reply to this email');
  });

  it('asks for a first draft, or a revision with the chair’s comments', () => {
    const first = renderEmail('minutes-draft-request', {
      ...base,
      meetingDate: 'Tuesday 10 March 2015',
      draftUrl: link('d'),
      draftBy: 'Tuesday 17 March 2015, 17:00',
    });
    expect(first.subject).toBe('Minutes draft due Tuesday 17 March: Finance Committee, Tuesday 10 March');
    expect(first.text).toMatch(/^Please write the draft minutes/);
    const redraft = renderEmail('minutes-draft-request', FIXTURES['minutes-draft-request']);
    expect(redraft.text).toContain('    Item 2: record that the vote was unanimous.\n    Item 4: spell Mr Smyth correctly.');
  });

  it('shows "No due date" for an action without one', () => {
    const { due: _due, ...noDue } = FIXTURES['action-update-request'];
    const email = renderEmail('action-update-request', noDue);
    expect(email.subject).toBe('Update requested: action 12');
    expect(email.text).toContain('Due: No due date');
  });

  it('tells an owner their proposed due date was accepted, and a delegator that the hand-over was not confirmed, with the reason', () => {
    const accepted = renderEmail('action-due-decision', { ...FIXTURES['action-due-decision'], accepted: true, due: 'Friday 24 April 2015' });
    expect(accepted.subject).toBe('Action 12: new due date accepted (Friday 24 April)');
    expect(accepted.text).toMatch(/^Action 12 is now due Friday 24 April 2015, as you proposed\./);
    const declined = renderEmail('action-delegation-decision', {
      ...FIXTURES['action-delegation-decision'],
      confirmed: false,
      reason: 'Sam is away until June.',
    });
    expect(declined.subject).toBe('Action 12 stays with you: hand-over not confirmed');
    expect(declined.text).toContain('Reason: Sam is away until June.');
  });

  it('reminds an owner of one action with its date in the subject, and of several in one email with a link each', () => {
    const [overdue, soon] = FIXTURES['action-reminder'].actions;
    expect(renderEmail('action-reminder', { ...base, actions: [soon!] }).subject).toBe('Reminder: action 14, due in 5 working days (Monday 13 April)');
    expect(renderEmail('action-reminder', { ...base, actions: [overdue!] }).subject).toBe('Reminder: action 12, overdue by 21 days (due Friday 13 March)');
    expect(renderEmail('action-reminder', { ...base, actions: [soon!, { ...soon!, number: 15 }] }).subject).toBe(
      'Actions due: 2 of yours, the first Monday 13 April',
    );
    const both = renderEmail('action-reminder', FIXTURES['action-reminder']);
    expect(both.text).toContain(
      '- Action 12: Circulate the revised treasury strategy to all members.\n  Due Friday 13 March 2015 · overdue by 21 days\n  Update action 12: https://app.example.org/l/action-12-reminder',
    );
    expect(both.text).toContain('Update action 14: https://app.example.org/l/action-14-reminder');
  });

  it('puts escalations first in the secretariat’s digest and shows each action once, under its most pressing heading', () => {
    const email = renderEmail('follow-up-digest', FIXTURES['follow-up-digest']);
    expect(email.text.indexOf('Escalate: overdue by more than 14 days')).toBeLessThan(email.text.indexOf('No owner\n'));
    expect(email.text).not.toContain('\nOverdue\n');
    expect(email.text.match(/Action 12: /g)).toHaveLength(1);
    expect(email.text.match(/Action 13: /g)).toHaveLength(1);
    expect(email.text).toMatch(/^Escalate 1 action overdue by more than 14 days/);
    const calm = renderEmail('follow-up-digest', { ...FIXTURES['follow-up-digest'], escalate: [], overdue: [], unassigned: [], noUpdate: [] });
    expect(calm.subject).toBe('Actions digest for Finance Committee, Monday 6 April: 2 open, 0 overdue');
    expect(calm.text).toContain('Other open actions');
  });

  it('says in the closing summary which cycle took over the follow-up, or that none did', () => {
    expect(renderEmail('cycle-closed', FIXTURES['cycle-closed']).text).toContain('Action follow-up: Passed to the meeting of Tuesday 14 April 2015, 15:30');
    const { handedOverTo: _next, ...alone } = FIXTURES['cycle-closed'];
    const ended = renderEmail('cycle-closed', { ...alone, followUpDays: 200 });
    expect(ended.text).toContain('Action follow-up: Ended 200 days after the meeting');
    expect(ended.text).toContain('owners are no longer reminded');
  });

  it('states the approval in the published minutes', () => {
    const email = renderEmail('minutes-published', FIXTURES['minutes-published']);
    expect(email.text).toContain('Approved by Jane Chair on Monday 23 March 2015');
  });

  it('lists each appendix as a download of its own, with its type and size, outside the pack', () => {
    const email = renderEmail('circulation', FIXTURES.circulation);
    expect(email.text).toContain(
      '- Item 2, appendix 1 (not in the board pack)\n  appendix, Excel workbook, 1.2 MB: https://app.example.org/l/papers/appendix/2/3',
    );
    expect(email.html).toContain('>appendix, Excel workbook, 1.2 MB</a>');
  });

  it('says in a supplementary circulation what is new for each item', () => {
    const email = renderEmail('circulation', {
      ...FIXTURES.circulation,
      supplementary: true,
      items: [{ ...FIXTURES.circulation.items[1]!, change: 'appendix 1 (Excel workbook, 1.2 MB)' }],
    });
    expect(email.subject).toMatch(/^Supplementary papers/);
    expect(email.text).toContain('What is new: appendix 1 (Excel workbook, 1.2 MB) · Presented by Ann Other');
  });

  it('says whether an upload was taken as the paper or as an appendix', () => {
    const paper = renderEmail('paper-receipt', FIXTURES['paper-receipt']);
    expect(paper.text).toContain('Taken as: The paper: it goes into the board pack');
    const appendix = renderEmail('paper-receipt', {
      ...FIXTURES['paper-receipt'],
      kind: 'appendix',
      fileType: 'Excel workbook',
      fileName: 'item-3-appendix-2.xlsx',
    });
    expect(appendix.subject).toBe('Appendix received: item 3, Treasury strategy (appendix 2)');
    expect(appendix.text).toContain('we have received an appendix to item 3');
    expect(appendix.text).toContain('Taken as: Appendix 2: sent to members as a file of its own');
    expect(appendix.text).toContain('Type: Excel workbook');
    expect(appendix.text).not.toContain('Version:');
  });

  it('tells a presenter the paper is a PDF for the pack and which files may go with it as appendices', () => {
    const email = renderEmail('paper-reminder', FIXTURES['paper-reminder']);
    expect(email.text).toContain('Paper: PDF, up to 20 MB, for the board pack');
    expect(email.text).toContain('Appendices: PDF, Excel (.xlsx) or CSV, up to 20 MB each, sent as files of their own');
  });

  it('shortens display dates for subjects and leaves other wording alone', () => {
    expect(shortDate('Tuesday 10 March 2015, 15:30')).toBe('Tuesday 10 March');
    expect(shortDate('Friday 27 February 2015')).toBe('Friday 27 February');
    expect(shortDate('end of next week')).toBe('end of next week');
  });
});

describe('html', () => {
  it('escapes interpolations and keeps SafeHtml as it is', () => {
    const name = '<img src=x onerror="alert(1)">';
    const out = html`<p>${name} ${html`<b>${'&'}</b>`} ${raw('<br>')}</p>`;
    expect(out.toString()).toBe('<p>&lt;img src=x onerror=&quot;alert(1)&quot;&gt; <b>&amp;</b> <br></p>');
    expect(isSafeHtml(out)).toBe(true);
  });

  it('renders lists, numbers, and nothing for null, undefined and false', () => {
    expect(html`${[1, '<', html`<i>x</i>`]}|${null}|${undefined}|${false}|${0}`.toString()).toBe('1&lt;<i>x</i>||||0');
  });

  it('does not take a look-alike object for SafeHtml', () => {
    const fake = { toString: () => '<script>' } as unknown as string;
    expect(html`${fake}`.toString()).toBe('&lt;script&gt;');
  });

  it('strips bidi override and isolate controls', () => {
    expect(escapeHtml('a\u202Ab\u202Ec\u2066d\u2069e')).toBe('abcde');
    expect(escapeHtml(`"it's"`)).toBe('&quot;it&#39;s&quot;');
  });

  it('truncates by characters people see, never splitting one', () => {
    expect(truncateForDisplay('short', 10)).toBe('short');
    expect(truncateForDisplay('abcdefghij', 5)).toBe('abcd…');
    expect(truncateForDisplay('👩‍👩‍👧‍👦👩‍👩‍👧‍👦👩‍👩‍👧‍👦', 2)).toBe('👩‍👩‍👧‍👦…');
    expect(truncateForDisplay('x'.repeat(10_000), 200)).toHaveLength(200);
  });
});
