import { newReplyToken, readActionReply, readMinutesReply, replyAddress, replyBody, replyTokenOf } from '../../functions/shared/domain/reply';
import { describeChanges } from '../../functions/shared/domain/text-diff';

const DOMAIN = 'mail.example.org';

describe('one-time reply addresses', () => {
  it('are 32 lower-case base32 characters of fresh randomness each time', () => {
    const tokens = new Set(Array.from({ length: 200 }, () => newReplyToken()));
    expect(tokens.size).toBe(200);
    for (const t of tokens) expect(t).toMatch(/^[a-z2-7]{32}$/);
  });

  it('are found among the recipients whatever case a mail system gave them, on our domain only', () => {
    const token = newReplyToken();
    expect(replyTokenOf(['Someone@Other.org', replyAddress(token, DOMAIN).toUpperCase()], DOMAIN)).toBe(token);
    expect(replyTokenOf([`reply+${token}@other.org`], DOMAIN)).toBeUndefined();
    expect(replyTokenOf([`reply+${token}x@${DOMAIN}`, `noreply@${DOMAIN}`, `reply+@${DOMAIN}`], DOMAIN)).toBeUndefined();
  });
});

// What common mail clients put below the reply, byte for byte as their plain-text parts read.
const ORIGINAL =
  'Please approve the minutes of the London Crime Reduction Board meeting of Tuesday 10 March 2015.\nApprove or request changes: https://app.example.org/l/abc';
const CLIENTS: Record<string, (reply: string) => string> = {
  gmail: (r) => `${r}\n\nOn Tue, 17 Mar 2015 at 09:12, Meeting cycle <noreply@example.org> wrote:\n\n> ${ORIGINAL.split('\n').join('\n> ')}\n`,
  'gmail, header line wrapped': (r) =>
    `${r}\r\n\r\nOn Tue, 17 Mar 2015 at 09:12, London Crime Reduction Board secretariat <\r\nnoreply@example.org> wrote:\r\n\r\n> ${ORIGINAL}\r\n`,
  'apple mail': (r) => `${r}\n\nSent from my iPhone\n\n> On 17 Mar 2015, at 09:12, Meeting cycle <noreply@example.org> wrote:\n>\n> ${ORIGINAL}\n`,
  'outlook desktop': (r) =>
    `${r}\r\n\r\n________________________________\r\nFrom: Meeting cycle <noreply@example.org>\r\nSent: 17 March 2015 09:12\r\nTo: Jane Chair <jane@example.org>\r\nSubject: Approve the minutes\r\n\r\n${ORIGINAL}\r\n`,
  'outlook, original message': (r) =>
    `${r}\n\n-----Original Message-----\nFrom: Meeting cycle [mailto:noreply@example.org]\nSent: 17 March 2015 09:12\n\n${ORIGINAL}\n`,
  'outlook web (html converted)': (r) =>
    `${r}\n\nFrom: Meeting cycle <noreply@example.org>\nSent: Tuesday, March 17, 2015 9:12 AM\nTo: Jane Chair\n\n${ORIGINAL}\n`,
  'signature delimiter': (r) => `${r}\n\n-- \nJane Chair\nMayor's Office for Policing and Crime\n`,
  'outlook mobile': (r) => `${r}\n\nGet Outlook for iOS\n________________________________\nFrom: Meeting cycle\n`,
  'thunderbird, french': (r) => `${r}\n\nLe 17/03/2015 à 09:12, Meeting cycle a écrit :\n> ${ORIGINAL}\n`,
};

describe('what the person wrote in a reply', () => {
  it.each(Object.entries(CLIENTS))('is read above the quoted message and signature: %s', (_client, wrap) => {
    expect(replyBody(wrap('Approved'))).toBe('Approved');
    expect(replyBody(wrap('Item 3.2: the figure is 12%, not 21%.\n\nItem 5: add Tom Okafor to those present.'))).toBe(
      'Item 3.2: the figure is 12%, not 21%.\n\nItem 5: add Tom Okafor to those present.',
    );
  });

  it('keeps a signature nobody marked as one, which does not stop an approval', () => {
    const reply = 'Approved\r\n\r\nJane Chair\r\nChair, London Crime Reduction Board\r\n\r\n-----Original Message-----\r\nFrom: x\r\n';
    expect(replyBody(reply)).toBe('Approved\n\nJane Chair\nChair, London Crime Reduction Board');
    expect(readMinutesReply(reply)).toEqual({ decision: 'approve' });
  });

  it('keeps a line that merely starts with "From:" when no quoted header follows it', () => {
    expect(replyBody('From: the chair — item 4 needs the date.\nThanks')).toBe('From: the chair — item 4 needs the date.\nThanks');
  });

  it('leaves inline quoted lines out but keeps the answers between them', () => {
    expect(replyBody('> Item 3.1 The Board noted the paper.\nPlease say "agreed", not "noted".\n> Item 4\nFine.')).toBe(
      'Please say "agreed", not "noted".\nFine.',
    );
  });
});

describe("the chair's reply to the minutes", () => {
  it.each(['Approved', 'approved', 'APPROVED.', 'Approve', 'Approved!', 'Approved, thanks', 'approved - many thanks', 'I approve the minutes.'])(
    'approves on a first line of %j',
    (line) => {
      for (const wrap of Object.values(CLIENTS)) expect(readMinutesReply(wrap(line))).toEqual({ decision: 'approve' });
    },
  );

  it('approves when "approved" is on the first line, whatever follows it', () => {
    expect(readMinutesReply('Approved\n\nA lovely meeting, thank you all.')).toEqual({ decision: 'approve' });
  });

  it.each(['Not approved: item 3 is wrong', 'Approved subject to changes in item 3', 'approved?', 'Disapproved', 'Item 3: approved the budget, not noted it'])(
    'reads %j as a change request carrying the whole reply',
    (line) => {
      const answer = readMinutesReply(CLIENTS.gmail!(`${line}\nSee my notes.`));
      expect(answer).toEqual({ decision: 'request-changes', comment: `${line}\nSee my notes.` });
    },
  );

  it('finds nothing to read in an empty reply or one that only quotes', () => {
    expect(readMinutesReply('')).toEqual({ decision: 'empty' });
    expect(readMinutesReply(CLIENTS['outlook desktop']!('\n\n'))).toEqual({ decision: 'empty' });
    expect(readMinutesReply('> Approved\n> quoted only')).toEqual({ decision: 'empty' });
  });
});

describe("an owner's reply to an action email", () => {
  it.each([
    ['Done', { status: 'done', note: '' }],
    ['done - sent to all partners on Friday', { status: 'done', note: 'sent to all partners on Friday' }],
    ['Completed.\nThe plan is on the shared drive.', { status: 'done', note: 'The plan is on the shared drive.' }],
    ['In progress: draft shared with partners', { status: 'in-progress', note: 'draft shared with partners' }],
    ['in-progress\nWaiting for the police figures.', { status: 'in-progress', note: 'Waiting for the police figures.' }],
    ['Ongoing; meeting the council next week', { status: 'in-progress', note: 'meeting the council next week' }],
    ['We met the council; figures next week.', { note: 'We met the council; figures next week.' }],
    ['Not done yet, sorry', { note: 'Not done yet, sorry' }],
  ])("reads %j below any client's quoting", (reply, expected) => {
    for (const wrap of Object.values(CLIENTS)) expect(readActionReply(wrap(reply))).toEqual(expected);
  });

  it('finds nothing in an empty reply', () => {
    expect(readActionReply(CLIENTS.gmail!(''))).toEqual({ empty: true });
  });
});

describe('what changed between two versions of the minutes', () => {
  it('lists removed and added lines in order, and nothing unchanged', () => {
    const before = 'ITEM 1. Welcome\n\n1.1 The chair welcomed members.\n\nITEM 2. Budget\n2.1 The Board noted the budget.\n';
    const after = 'ITEM 1. Welcome\n\n1.1 The chair welcomed members.\n\nITEM 2. Budget\n2.1 The Board approved the budget.\n2.2 The vote was unanimous.\n';
    expect(describeChanges(before, after)).toBe('- 2.1 The Board noted the budget.\n+ 2.1 The Board approved the budget.\n+ 2.2 The vote was unanimous.');
  });

  it('says so when nothing but spacing changed, and caps a long list with a count', () => {
    expect(describeChanges('a\n\nb\n', 'a\nb  \n\n\n')).toBe('No change to the text.');
    const many = describeChanges('', Array.from({ length: 50 }, (_, i) => `line ${i}`).join('\n'), 10);
    expect(many.split('\n')).toHaveLength(11);
    expect(many).toMatch(/… and 40 more changed lines\.$/);
  });
});
