import { cycleIdFor, makeStartCycle } from '../functions/admin/start-cycle';
import { formatCalendarDate } from '../functions/shared/domain/calendar';
import { STATES } from '../functions/shared/domain/states';
import { isPaper, type Cycle } from '../functions/shared/domain/types';
import type { LocalCloud } from './cloud';
import { replyTo } from './mail/inbound';
import type { CapturedEmail } from './mail/mail-capture';
import { appLinks, follow, makePdf, submit, upload, type FetchedPage } from './people';
import type { LocalEvent } from './runtime/local-step-functions';

export interface DriveOptions {
  boardId: string;
  meetingDate: string;
  meetingTime?: string;
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
  /** Act as a mail security scanner too: GET every link of every email twice as it arrives. */
  scanLinks?: boolean;
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
  /**
   * The cycle was confirmed as a next cycle and starts by itself at its agenda call: drive the one
   * already scheduled (moving the clock until it starts) instead of starting one.
   */
  scheduled?: boolean;
  /** How the owner of action N answers its update request: the link's page (default), a reply to the email, or not at all. */
  updateBy?: (actionNumber: number) => 'link' | 'reply' | 'none';
  /**
   * Days after the meeting that the action follow-up ends if no later cycle takes it over: the board's
   * `actionReminders.followUpMaxDays`, set before the cycle starts. Default 7, so that a driven cycle
   * ends within a week of daily follow-up runs rather than the 200 days of the default policy.
   */
  followUpDays?: number;
  /** Drive to the end of the execution (default), or only until its daily action follow-up has begun. */
  until?: 'end' | 'follow-up';
  onState?: (event: LocalEvent) => void;
  onAction?: (line: string) => void;
}

export interface DriveResult {
  cycle: Cycle;
  status: string;
  statesVisited: string[];
  emailsByKind: Record<string, number>;
  papers: number;
  minutesVersionApproved?: number;
  actionsUpdated: number;
  scannedGets: { url: string; status: number }[];
  actionsTaken: string[];
}

/** A confirmed next cycle, once its schedule has started it: the virtual clock moves on until then. */
async function startedBySchedule(cloud: LocalCloud, boardId: string, cycleId: string): Promise<Cycle> {
  for (let guard = 0; guard < 200; guard++) {
    const cycle = await cloud.deps.cycles.getCycle(boardId, cycleId);
    if (!cycle) throw new Error(`There is no cycle ${cycleId}: was the next meeting confirmed?`);
    if (cycle.status === 'cancelled') throw new Error(`Cycle ${cycleId} was cancelled before it started.`);
    if (cycle.executionArn && cloud.sfn.describe(cycle.executionArn)) return cycle;
    await cloud.sfn.settle();
    if (!(await cloud.sfn.advanceToNext())) throw new Error(`Cycle ${cycleId} is scheduled, but nothing on the clock starts it.`);
  }
  throw new Error(`Cycle ${cycleId} did not start.`);
}

/** Sets how long the board's action follow-up runs at most, as its secretariat could. */
async function setFollowUpDays(cloud: LocalCloud, boardId: string, days: number): Promise<void> {
  const board = await cloud.deps.boards.getBoard(boardId);
  if (!board || board.actionReminders?.followUpMaxDays === days) return;
  await cloud.deps.boards.putBoard({ ...board, actionReminders: { ...board.actionReminders, followUpMaxDays: days } }, board.version);
}

const PROPOSALS = ['Serious youth violence: partnership plan for 2027', 'Domestic abuse: commissioning update'];

/**
 * Runs one whole cycle on the local cloud, with a program in the place of each person: it reads every
 * email as it arrives and does what its recipient would (propose an item, confirm the agenda, upload a
 * paper, write the minutes, approve them, update an action), and moves the virtual clock on whenever
 * nobody has anything left to do.
 */
export async function driveCycle(cloud: LocalCloud, opts: DriveOptions): Promise<DriveResult> {
  const d = cloud.deps;
  const changeRounds = opts.changeRounds ?? 1;
  const actionsTaken: string[] = [];
  const scannedGets: { url: string; status: number }[] = [];
  const did = (line: string) => {
    actionsTaken.push(line);
    opts.onAction?.(line);
  };
  await setFollowUpDays(cloud, opts.boardId, opts.followUpDays ?? 7);
  // Listen before starting: the first states run as soon as the execution starts.
  const cycleId = cycleIdFor(opts.boardId, opts.meetingDate);
  const unsubscribe = cloud.sfn.onEvent((execution, event) => {
    if (execution.name === cycleId && event.type === 'StateEntered') opts.onState?.(event);
  });
  // Only what this cycle sends: a second cycle in the same cloud does not re-read the first's emails.
  const handled = new Set<number>(cloud.mail.emails().map((e) => e.seq));
  const cycle = opts.scheduled
    ? await startedBySchedule(cloud, opts.boardId, cycleId)
    : (await makeStartCycle(d)({ boardId: opts.boardId, meetingDate: opts.meetingDate, meetingTime: opts.meetingTime ?? '10:00' })).cycle;
  const members = await d.boards.listMembers(opts.boardId);
  const byEmail = new Map(members.map((m) => [m.email, m]));
  let proposalsMade = 0;
  let changeRequests = 0;
  let lateLeft = opts.latePresenters ?? 0;
  let missingLeft = opts.missingPresenters ?? 0;
  let apologiesLeft = opts.apologies ?? 0;
  let afterCirculationLeft = opts.uploadAfterCirculation ?? 0;
  /** Upload links held back until the circulation email arrives. */
  const heldUploads: { who: string; link: string; subject: string }[] = [];
  const uploadPaper = async (link: string, who: string, subject: string) => {
    const uploaded = await upload(await follow(link), { name: 'paper.pdf', type: 'application/pdf', content: makePdf(subject) });
    const submitted = uploaded.status === 200 ? await submit(uploaded, 'Submit this paper') : uploaded;
    if (submitted.status !== 200) throw new Error(`${who} could not upload a paper: HTTP ${submitted.status} ${submitted.title}`);
    did(`${who} uploaded a paper (${subject})`);
  };
  const neverUpload = new Set<string>();

  const act = async (email: CapturedEmail): Promise<void> => {
    const links = appLinks(email.text, cloud.appUrl);
    const who = byEmail.get(email.to[0] ?? '')?.name ?? email.to[0] ?? '?';
    if (opts.scanLinks) {
      for (const url of links) for (let i = 0; i < 2; i++) scannedGets.push({ url, status: (await fetch(url, { redirect: 'manual' })).status });
    }
    const first = links[0];
    if (!first) return;
    const open = async (): Promise<FetchedPage> => {
      const page = await follow(first);
      if (page.status !== 200) throw new Error(`${who} opened ${email.kind} link and got HTTP ${page.status}: ${page.title}`);
      return page;
    };
    const expectOk = (page: FetchedPage, what: string) => {
      if (page.status !== 200)
        throw new Error(`${what} failed for ${who}: HTTP ${page.status} ${page.title} ${page.html.replace(/<[^>]+>/g, ' ').slice(0, 300)}`);
    };
    switch (email.kind) {
      case 'agenda-call': {
        const member = byEmail.get(email.to[0] ?? '');
        if (!member || proposalsMade >= PROPOSALS.length || !member.roles.includes('member') || member.roles.includes('chair')) return;
        const title = PROPOSALS[proposalsMade++] ?? '';
        expectOk(await submit(await open(), 'Propose this item', { title, purpose: 'decision', minutes: '20' }), 'Proposing an item');
        did(`${who} proposed "${title}"`);
        return;
      }
      case 'agenda-confirmation-request':
        expectOk(await submit(await open(), 'Confirm the agenda'), 'Confirming the agenda');
        did(`${who} confirmed the agenda`);
        return;
      case 'paper-request':
      case 'paper-reminder': {
        if (neverUpload.has(email.to[0] ?? '') || heldUploads.some((h) => h.link === first || email.to[0] === h.who)) return;
        if (email.kind === 'paper-request' && afterCirculationLeft > 0) {
          afterCirculationLeft--;
          heldUploads.push({ who: email.to[0] ?? '', link: first, subject: email.subject });
          did(`${who} will upload only after the papers have gone out`);
          return;
        }
        if (email.kind === 'paper-request' && lateLeft === 0 && missingLeft > 0) {
          missingLeft--;
          neverUpload.add(email.to[0] ?? '');
          did(`${who} will not upload a paper`);
          return;
        }
        if (email.kind === 'paper-request' && lateLeft > 0) {
          lateLeft--;
          did(`${who} will upload after a reminder`);
          return;
        }
        const page = await open();
        const uploaded = await upload(page, { name: 'paper.pdf', type: 'application/pdf', content: makePdf(`${email.subject}`) });
        expectOk(uploaded, 'Uploading');
        expectOk(await submit(uploaded, 'Submit this paper'), 'Submitting the paper');
        did(`${who} uploaded a paper (${email.subject})`);
        return;
      }
      case 'circulation': {
        for (const held of heldUploads.splice(0)) await uploadPaper(held.link, byEmail.get(held.who)?.name ?? held.who, held.subject);
        const member = byEmail.get(email.to[0] ?? '');
        if (apologiesLeft <= 0 || !member?.roles.includes('member') || member.roles.includes('chair')) return;
        // The link under the "I can’t attend" button: the plain text gives each button's address on the next line.
        const apologiesLink = /I can’t attend:\r?\n(\S+)/.exec(email.text)?.[1];
        if (!apologiesLink) throw new Error('The circulation email has no apologies link');
        const substitute = apologiesLeft === (opts.apologies ?? 0) ? 'Deputy for ' + member.name : '';
        apologiesLeft--;
        const page = await follow(apologiesLink);
        expectOk(await submit(page, 'Send apologies', { substitute }), 'Sending apologies');
        did(`${who} sent apologies${substitute ? ` (substitute: ${substitute})` : ''}`);
        return;
      }
      case 'minutes-draft-request': {
        const page = await open();
        const form = page.forms.find((f) => f.submitLabel === 'Check the actions');
        const draft = form?.fields.text ?? '';
        const owner = members.find((m) => m.roles.includes('member') && !m.roles.includes('chair'));
        const actionLines = opts.actions ?? [`Action 1: ${owner?.name ?? 'Partners'} to circulate the revised partnership plan by the next meeting.`];
        const text = draft
          .replace(/\[Summary of the discussion\.\]/g, 'The Board discussed the paper and agreed its recommendations.')
          .replace(/Action: \[owner\] to \[what, by when\]\./, actionLines.join('\n'))
          .replace(/Action: \[owner\] to \[what, by when\]\./g, '')
          .replace('[date] at [time]', opts.nextMeeting ? `${formatCalendarDate(opts.nextMeeting.date)} at ${opts.nextMeeting.time}` : '[date] at [time]')
          .concat(changeRequests > 0 ? `\nRevised after the chair's comments (round ${changeRequests}).\n` : '');
        const review = await submit(page, 'Check the actions', { text });
        expectOk(review, 'Checking the actions');
        if (!review.title.includes(`Check the actions (${actionLines.length})`) || (!opts.actions && !review.html.includes(owner?.name ?? ''))) {
          throw new Error(`The action review did not show ${actionLines.length} action(s) (the first owned by ${owner?.name}): ${review.title}`);
        }
        expectOk(await submit(review, 'Save and send to the chair'), 'Saving the minutes');
        did(`${who} checked the actions and sent the minutes to the chair`);
        return;
      }
      case 'chair-approval-request': {
        if (opts.chairAnswersBy === 'reply') {
          const asking = changeRequests < changeRounds;
          if (asking) changeRequests++;
          const text = asking ? `Please record the apologies received (round ${changeRequests}).\n\nThanks,\nAlex` : 'Approved';
          const outcome = await replyTo(d, { original: email, text });
          if (outcome.status !== 'accepted') throw new Error(`${who}'s reply was ${outcome.status}: ${outcome.reason}`);
          did(`${who} ${asking ? 'asked for changes' : 'approved the minutes'} by replying to the email`);
          return;
        }
        const page = await open();
        if (changeRequests < changeRounds) {
          changeRequests++;
          expectOk(await submit(page, 'Request changes', { comment: `Please record the apologies received (round ${changeRequests}).` }), 'Requesting changes');
          did(`${who} asked for changes`);
        } else {
          expectOk(await submit(page, 'Approve these minutes'), 'Approving');
          did(`${who} approved the minutes`);
        }
        return;
      }
      case 'action-update-request': {
        const number = Number(/action (\d+)/.exec(email.subject)?.[1]);
        const how = opts.updateBy?.(number) ?? (opts.ownersUpdate === false ? 'none' : 'link');
        if (how === 'none') return;
        if (how === 'reply') {
          const outcome = await replyTo(d, { original: email, text: 'In progress: spoke to the council; their figures are due next week.' });
          if (outcome.status !== 'accepted') throw new Error(`${who}'s reply about action ${number} was ${outcome.status}: ${outcome.reason}`);
          did(`${who} updated action ${number} by replying to the email`);
          return;
        }
        expectOk(await submit(await open(), 'Save update', { status: 'in-progress', note: 'Draft plan shared with partners.' }), 'Updating the action');
        did(`${who} updated action ${number}`);
        return;
      }
      case 'next-meeting-confirmation': {
        if (!opts.nextMeeting) return;
        const page = await open();
        const confirm = page.forms.find((f) => f.submitLabel.startsWith('Confirm the meeting on'));
        if (!confirm) throw new Error(`The next meeting could not be confirmed: ${page.html.replace(/<[^>]+>/g, ' ').slice(0, 300)}`);
        expectOk(await submit(page, confirm.submitLabel), 'Confirming the next meeting');
        did(`${who} confirmed the next meeting (${opts.nextMeeting.date}): its cycle will start by itself`);
        return;
      }
      default:
        return;
    }
  };

  try {
    for (let guard = 0; guard < 500; guard++) {
      await cloud.sfn.settle();
      const execution = cloud.sfn.describe(cycle.executionArn ?? '');
      const fresh = cloud.mail.emails().filter((e) => !handled.has(e.seq));
      for (const email of fresh) {
        handled.add(email.seq);
        await act(email);
      }
      if (fresh.length > 0) continue;
      if (!execution || execution.status !== 'RUNNING') break;
      if (opts.until === 'follow-up' && execution.currentState === STATES.WaitForNextFollowUpDay) break;
      if (!(await cloud.sfn.advanceToNext()))
        throw new Error(`The cycle is stuck in ${execution.currentState}: nothing is due on the clock and nobody has anything to do.`);
    }
  } finally {
    unsubscribe();
  }
  const execution = cloud.sfn.describe(cycle.executionArn ?? '');
  const finalCycle = (await d.cycles.getCycle(opts.boardId, cycle.cycleId)) ?? cycle;
  const emailsByKind: Record<string, number> = {};
  for (const e of cloud.mail.emails()) emailsByKind[e.kind] = (emailsByKind[e.kind] ?? 0) + 1;
  const [papers, minutes, actions] = await Promise.all([
    d.cycles.listPapers(cycle.cycleId),
    d.cycles.latestMinutes(cycle.cycleId),
    d.actions.listActions(opts.boardId, { cycleId: cycle.cycleId }),
  ]);
  const events = await Promise.all(actions.map((a) => d.actions.listEvents(a.actionId)));
  return {
    cycle: finalCycle,
    status: execution?.status ?? 'UNKNOWN',
    statesVisited: (execution?.events ?? []).filter((e) => e.type === 'StateEntered').map((e) => e.state ?? ''),
    emailsByKind,
    papers: papers.filter(isPaper).length,
    ...(minutes?.status === 'approved' ? { minutesVersionApproved: minutes.version } : {}),
    actionsUpdated: events.filter((list) => list.length > 0).length,
    scannedGets,
    actionsTaken,
  };
}
