import fs from 'node:fs';
import JSZip from 'jszip';
import { ValidationError } from '../../functions/shared/domain/errors';
import { draftMinutes } from '../../functions/shared/domain/minutes';
import { minutesDocx, minutesParagraphs } from '../../functions/shared/documents/minutes-docx';
import { readMinutesText } from '../../functions/shared/documents/minutes-file';
import { parseMinutes, type ParsedMinutes } from '../../functions/shared/minutes';
import { item, member } from '../support/builders';
import { fixturePath } from '../support/fixtures';

const members = [
  member('chair', 'Alex Morgan', "Mayor's Office", ['chair', 'member']),
  member('lucy', 'Lucy Bogue', 'NOMS'),
  member('tom', 'Tom Okafor', 'Metropolitan Police Service'),
  member('mopac', 'Dan Hale', 'MOPAC', ['officer']),
  member('sec', 'Grace Lin', 'Secretariat', ['secretariat']),
];

const draft = draftMinutes({
  boardName: 'Riverside Community Safety Board',
  meetingWhen: 'Tuesday 10 March 2026, 15:30',
  venue: 'City Hall',
  members,
  apologies: ['lucy'],
  items: [item(1, 'Welcome'), item(2, 'Matters arising', { source: 'matters-arising' }), item(3, 'Counter terrorism', { presenterMemberId: 'mopac' })],
  mattersArising: { openLines: [], closedLines: [] },
  presenterName: (id) => members.find((m) => m.memberId === id)?.name,
});

/** The draft as the secretariat finishes it: numbered paragraphs, actions with owners and dates. */
const written = draft
  .replace('3.1 [Summary of the discussion.]', '3.1 The Board discussed the proposals.\n\n3.2 Partners agreed a joint approach.')
  .replace(/(ITEM 3\.[\s\S]*?)Action: \[owner\] to \[what, by when\]\./, '$1Action 1: Tom Okafor to brief the Board on knife crime by 30 April 2026.');

const roundTrip = async (text: string): Promise<string> => readMinutesText('minutes.docx', await minutesDocx(text));

/** What the secretariat and the register rely on: the meeting, who came, the items and the actions. */
const essentials = (m: ParsedMinutes) => ({
  meeting: m.meeting,
  present: m.present,
  apologies: m.apologies,
  officers: m.officers,
  presenting: m.presenting,
  inAttendance: m.inAttendance,
  items: m.items,
  actions: m.actions,
  nextMeeting: m.nextMeeting,
});

async function documentXml(text: string): Promise<string> {
  const zip = await JSZip.loadAsync(await minutesDocx(text));
  return (await zip.file('word/document.xml')?.async('string')) ?? '';
}

/** Each paragraph of the document: its style, whether its runs are bold, and its text with tabs and breaks. */
function paragraphs(xml: string): { style: string | null; bold: boolean; text: string }[] {
  return [...xml.matchAll(/<w:p>([\s\S]*?)<\/w:p>/g)].map((m) => {
    const p = m[1] ?? '';
    const text = [...p.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>|<w:tab\/>|<w:br\/>/g)]
      .map((t) => (t[0] === '<w:tab/>' ? '\t' : t[0] === '<w:br/>' ? '\n' : (t[1] ?? '')))
      .join('')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&');
    return { style: /<w:pStyle w:val="([^"]+)"\/>/.exec(p)?.[1] ?? null, bold: /<w:b\/>/.test(p), text };
  });
}

describe('minutesDocx', () => {
  it('reads back as the same minutes as the pre-filled draft', async () => {
    expect(essentials(parseMinutes(await roundTrip(draft)))).toEqual(essentials(parseMinutes(draft)));
  });

  it('reads back as the same minutes once the secretariat has written them', async () => {
    const parsed = parseMinutes(await roundTrip(written));
    expect(essentials(parsed)).toEqual(essentials(parseMinutes(written)));
    expect(parsed.actions).toEqual([
      { number: 1, item: '3', owners: ['Tom Okafor'], text: 'Tom Okafor to brief the Board on knife crime by 30 April 2026.', due: '2026-04-30' },
    ]);
  });

  it.each(['lcrb-2012-03-12.txt', 'lcrb-2015-03-10.txt'])('reads back real minutes (%s) as the same minutes', async (name) => {
    const text = fs.readFileSync(fixturePath(`minutes/${name}`), 'utf8');
    const before = parseMinutes(text);
    const after = parseMinutes(await roundTrip(text));
    expect(essentials(after)).toEqual(essentials(before));
    expect(after.flags).toEqual(before.flags);
    expect(before.actions.length).toBeGreaterThan(0);
  });

  it('makes the headings Word headings, attendees two tab-separated columns, actions bold and numbered paragraphs plain', async () => {
    const found = paragraphs(await documentXml(written));
    const of = (text: string) => found.find((p) => p.text === text);

    expect(found[0]).toEqual({ style: 'Heading1', bold: false, text: 'Riverside Community Safety Board' });
    for (const heading of ['Present', 'Apologies', 'Officers', 'ITEM 1. Welcome', 'ITEM 3. Counter terrorism']) {
      expect(of(heading)).toEqual({ style: 'Heading2', bold: false, text: heading });
    }
    expect(of('Alex Morgan\tChair')).toEqual({ style: null, bold: false, text: 'Alex Morgan\tChair' });
    expect(of('Dan Hale\tMOPAC')).toMatchObject({ style: null });
    expect(of('Action 1: Tom Okafor to brief the Board on knife crime by 30 April 2026.')).toEqual({
      style: null,
      bold: true,
      text: 'Action 1: Tom Okafor to brief the Board on knife crime by 30 April 2026.',
    });
    expect(of('3.1 The Board discussed the proposals.')).toEqual({ style: null, bold: false, text: '3.1 The Board discussed the proposals.' });
    expect(await documentXml(written)).not.toContain('<w:numPr>');
  });

  it('keeps a wrapped line as a line break inside its paragraph, and it reads back as a line', async () => {
    const text = 'Officers\n\nDeputy Chief Executive Jane Harwood Mayor’s Office for Policing and\nCrime\n\nITEM 1. Welcome\n';
    expect(minutesParagraphs(text)).toEqual([
      { kind: 'heading', lines: ['Officers'] },
      { kind: 'paragraph', lines: ['Deputy Chief Executive Jane Harwood Mayor’s Office for Policing and', 'Crime'] },
      { kind: 'heading', lines: ['ITEM 1. Welcome'] },
    ]);
    expect(await roundTrip(text)).toBe('Officers\n\nDeputy Chief Executive Jane Harwood Mayor’s Office for Policing and\nCrime\n\nITEM 1. Welcome\n\n');
  });

  it('keeps hostile text as text: markup, right-to-left overrides and entities are not interpreted', async () => {
    const hostile = '<script>alert("x")</script> &amp; ]]> \u202Egnp.exe\u202C \u2067مرحبا\u2069';
    const text = `${draft}\nITEM 4. ${hostile}\n\n4.1 ${hostile}\n`;
    const xml = await documentXml(text);
    expect(xml).not.toContain('<script>');
    expect(xml).toContain('&lt;script&gt;');
    const back = await roundTrip(text);
    expect(back).toContain(`ITEM 4. ${hostile}\n\n4.1 ${hostile}\n`);
    expect(parseMinutes(back).items.at(-1)?.paragraphs[0]?.text).toBe(hostile);
  });

  it('drops the control characters a Word document cannot hold, and the document still opens', async () => {
    const text = `${draft}\nITEM 4. Bell\u0007 and NUL\u0000 and lone \ud800 surrogate\fpage two\n`;
    const back = await roundTrip(text);
    expect(back).toContain('ITEM 4. Bell and NUL and lone  surrogate\n\npage two\n');
  });

  it('keeps a 10,000-character line whole', async () => {
    const long = `4.1 ${'word '.repeat(2_000).trim()}.`;
    const back = await roundTrip(`${draft}\nITEM 4. Long\n\n${long}\n`);
    expect(back).toContain(`\n${long}\n`);
    expect(long.length).toBeGreaterThan(10_000);
    expect(parseMinutes(back).items.at(-1)?.paragraphs[0]?.text.length).toBe(long.length - 4);
  });

  it('makes a valid document of empty text', async () => {
    await expect(roundTrip('')).resolves.toBe('\n\n');
  });
});

describe('readMinutesText of an upload named as text', () => {
  it('refuses a Word document named .txt, saying what it is', async () => {
    const read = readMinutesText('minutes.txt', await minutesDocx(draft));
    await expect(read).rejects.toThrow(ValidationError);
    await expect(read).rejects.toThrow('minutes.txt is not a .txt file: it is a zip archive (a .docx is one).');
  });

  it('refuses a PDF, an old .doc and binary data named .md', async () => {
    await expect(readMinutesText('minutes.md', Buffer.from('%PDF-1.4\n%âãÏÓ\n'))).rejects.toThrow('minutes.md is not a .md file: it is a PDF.');
    const doc = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]);
    await expect(readMinutesText('minutes.md', doc)).rejects.toThrow(/old-style Word \(\.doc\)/);
    await expect(readMinutesText('minutes.md', Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0x03]))).rejects.toThrow(/binary data/);
  });

  it('still reads UTF-16 text, whose NULs are its encoding', async () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('ITEM 1. Welcome\n', 'utf16le')]);
    await expect(readMinutesText('minutes.txt', bytes)).resolves.toBe('ITEM 1. Welcome\n');
  });
});
