import { zonedToUtc } from '../../functions/shared/domain/calendar';
import { ValidationError } from '../../functions/shared/domain/errors';
import { meetingCancellation, meetingInvitation, meetingUid } from '../../functions/shared/documents/ics';
import type { MeetingInvitationInput } from '../../functions/shared/documents/ics';

interface Property {
  name: string;
  params: Record<string, string>;
  value: string;
}

/**
 * A strict reading of RFC 5545 content lines: unfold CRLF + one space or tab, split on CRLF, then cut
 * each line at the first `;` or `:` outside double quotes. Strict on purpose: a value that breaks out
 * of its quotes shows up here as an extra parameter or property.
 */
function parse(text: string): Property[] {
  const lines = text.replace(/\r\n[ \t]/g, '').split('\r\n');
  expect(lines.pop()).toBe('');
  return lines.map((line) => {
    const parts: string[] = [];
    let current = '';
    let quoted = false;
    let valueAt = -1;
    for (let i = 0; i < line.length; i++) {
      const c = line.charAt(i);
      if (c === '"') quoted = !quoted;
      if (!quoted && (c === ';' || c === ':')) {
        parts.push(current);
        current = '';
        if (c === ':') {
          valueAt = i + 1;
          break;
        }
        continue;
      }
      current += c;
    }
    if (valueAt < 0) throw new Error(`Not a content line: ${JSON.stringify(line)}`);
    const [name = '', ...rawParams] = parts;
    const params = Object.fromEntries(
      rawParams.map((p) => {
        const eq = p.indexOf('=');
        if (eq < 0) throw new Error(`Parameter without a value in ${JSON.stringify(line)}`);
        return [p.slice(0, eq), p.slice(eq + 1).replace(/^"(.*)"$/, '$1')];
      }),
    );
    return { name, params, value: line.slice(valueAt) };
  });
}

function unescapeText(value: string): string {
  return value.replace(/\\([\\;,nN])/g, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c));
}

function only(props: Property[], name: string): Property {
  const found = props.filter((p) => p.name === name);
  expect(found).toHaveLength(1);
  return found[0] as Property;
}

function names(props: Property[]): string[] {
  return props.map((p) => p.name);
}

const base: MeetingInvitationInput = {
  cycleId: 'finance-committee-2026-06-10',
  sequence: 0,
  // 15:30 on 10 June in London is British Summer Time, UTC+1.
  start: zonedToUtc('2026-06-10', '15:30', 'Europe/London'),
  board: 'Finance Committee',
  venue: 'Committee Room 2, Town Hall',
  description: 'Agenda\n1. Apologies\n2. Budget monitoring',
  organizer: { name: 'Committee Services', email: 'committees@example.org' },
  attendee: { name: 'Alex Morgan', email: 'alex.morgan@example.org' },
  issuedAt: '2026-05-20T09:00:00Z',
};

const EVENT_PROPERTIES = ['UID', 'SUMMARY', 'DTSTAMP', 'DTSTART', 'DTEND', 'SEQUENCE', 'DESCRIPTION', 'LOCATION', 'STATUS', 'ORGANIZER', 'ATTENDEE'];

describe('meetingInvitation', () => {
  it('is an iTIP REQUEST for one confirmed event', async () => {
    const props = parse(await meetingInvitation(base));

    expect(only(props, 'METHOD').value).toBe('REQUEST');
    expect(only(props, 'VERSION').value).toBe('2.0');
    expect(only(props, 'STATUS').value).toBe('CONFIRMED');
    expect(props.filter((p) => p.name === 'BEGIN').map((p) => p.value)).toEqual(['VCALENDAR', 'VEVENT']);
    expect(only(props, 'SUMMARY').value).toBe('Finance Committee meeting');
    expect(unescapeText(only(props, 'LOCATION').value)).toBe('Committee Room 2, Town Hall');
    expect(unescapeText(only(props, 'DESCRIPTION').value)).toBe('Agenda\n1. Apologies\n2. Budget monitoring');
  });

  it('writes a BST meeting in UTC: 15:30 in London on 10 June 2026 is 14:30Z, two hours by default', async () => {
    const props = parse(await meetingInvitation(base));

    expect(only(props, 'DTSTART')).toEqual({ name: 'DTSTART', params: {}, value: '20260610T143000Z' });
    expect(only(props, 'DTEND').value).toBe('20260610T163000Z');
    expect(only(props, 'DTSTAMP').value).toBe('20260520T090000Z');
  });

  it('takes the length from durationMinutes and an instant with an offset', async () => {
    const props = parse(await meetingInvitation({ ...base, start: '2026-06-10T15:30:00+01:00', durationMinutes: 90 }));

    expect(only(props, 'DTSTART').value).toBe('20260610T143000Z');
    expect(only(props, 'DTEND').value).toBe('20260610T160000Z');
  });

  it('keeps the UID of the cycle when the sequence changes', async () => {
    const first = parse(await meetingInvitation(base));
    const moved = parse(await meetingInvitation({ ...base, sequence: 3, venue: 'Council Chamber' }));

    expect(only(first, 'UID').value).toBe('finance-committee-2026-06-10@meeting-cycle');
    expect(only(moved, 'UID').value).toBe(only(first, 'UID').value);
    expect(meetingUid(base.cycleId)).toBe(only(first, 'UID').value);
    expect(only(first, 'SEQUENCE').value).toBe('0');
    expect(only(moved, 'SEQUENCE').value).toBe('3');
  });

  it('names the secretariat as organizer and asks the member to reply', async () => {
    const props = parse(await meetingInvitation(base));

    const organizer = only(props, 'ORGANIZER');
    expect(organizer.params).toEqual({ CN: 'Committee Services' });
    expect(organizer.value.toLowerCase()).toBe('mailto:committees@example.org');
    const attendee = only(props, 'ATTENDEE');
    expect(attendee.params).toMatchObject({ CN: 'Alex Morgan', RSVP: 'TRUE', ROLE: 'REQ-PARTICIPANT', PARTSTAT: 'NEEDS-ACTION' });
    expect(attendee.value.toLowerCase()).toBe('mailto:alex.morgan@example.org');
  });

  it('ends every line with CRLF and folds at 75 octets, never inside a UTF-8 character', async () => {
    const text = await meetingInvitation({
      ...base,
      board: 'Pwyllgor Cyllid ac Adnoddau Cyngor Sir Gâr — Cyfarfod Blynyddol ✓ 😀 '.repeat(3),
      venue: 'Siambr y Cyngor, Neuadd y Sir, Caerfyrddin, ' + 'é'.repeat(100),
      description: 'Eitem '.repeat(40),
    });

    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const lines = text.split('\r\n').slice(0, -1);
    for (const line of lines) {
      expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
      // A split surrogate pair would have turned into U+FFFD on the way through UTF-8.
      expect(Buffer.from(line, 'utf8').toString('utf8')).toBe(line);
      expect(line).not.toMatch(/[\uD800-\uDFFF]/u);
    }
    expect(lines.some((l) => l.startsWith(' '))).toBe(true);
    expect(unescapeText(only(parse(text), 'LOCATION').value)).toBe('Siambr y Cyngor, Neuadd y Sir, Caerfyrddin, ' + 'é'.repeat(100));
  });

  it('gives the same bytes for the same input', async () => {
    expect(await meetingInvitation(base)).toBe(await meetingInvitation({ ...base }));
  });

  describe('hostile text', () => {
    let hostile = '';
    let props: ReturnType<typeof parse> = [];
    beforeAll(async () => {
      hostile = await meetingInvitation({
        ...base,
        board: 'Finance\r\nMETHOD:PUBLISH\rATTENDEE:mailto:evil@example.com\nX-INJECTED:1',
        venue: 'Room 1;X-ALT:2,\u2028DTSTART:19700101T000000Z\u0085STATUS:CANCELLED \u202Etxt.exe',
        description: 'Item 1\r\nEND:VEVENT\r\nBEGIN:VEVENT\\n',
        organizer: { name: 'Sec" ;SENT-BY="mailto:evil@example.com', email: 'committees@example.org' },
        attendee: { name: 'Alex\r\nATTENDEE:mailto:evil@example.com', email: 'alex.morgan@example.org' },
      });
      props = parse(hostile);
    });

    it('cannot add a property or a component', () => {
      // A lone CR or LF ends a line for lenient parsers, even though RFC 5545 only splits on CRLF.
      expect(hostile.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
      expect(names(props)).toEqual(['BEGIN', 'VERSION', 'CALSCALE', 'PRODID', 'METHOD', 'X-PUBLISHED-TTL', 'BEGIN', ...EVENT_PROPERTIES, 'END', 'END']);
      expect(only(props, 'METHOD').value).toBe('REQUEST');
      expect(only(props, 'STATUS').value).toBe('CONFIRMED');
      expect(only(props, 'DTSTART').value).toBe('20260610T143000Z');
    });

    it('keeps the text as one escaped value, without control or bidi characters', () => {
      expect(unescapeText(only(props, 'SUMMARY').value)).toBe('Finance METHOD:PUBLISH ATTENDEE:mailto:evil@example.com X-INJECTED:1 meeting');
      expect(unescapeText(only(props, 'LOCATION').value)).toBe('Room 1;X-ALT:2, DTSTART:19700101T000000Z STATUS:CANCELLED txt.exe');
      expect(only(props, 'LOCATION').value).toContain('Room 1\\;X-ALT:2\\,');
      expect(unescapeText(only(props, 'DESCRIPTION').value)).toBe('Item 1\nEND:VEVENT\nBEGIN:VEVENT\\n');
      // eslint-disable-next-line no-control-regex -- matching control characters is the point
      expect(hostile).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069\u2028\u2029]/);
    });

    it('cannot add a parameter through a name', () => {
      expect(only(props, 'ORGANIZER').params).toEqual({ CN: "Sec' ;SENT-BY='mailto:evil@example.com" });
      expect(only(props, 'ATTENDEE').params.CN).toBe('Alex ATTENDEE:mailto:evil@example.com');
      expect(Object.keys(only(props, 'ATTENDEE').params).sort()).toEqual(['CN', 'PARTSTAT', 'ROLE', 'RSVP']);
    });
  });

  it.each([
    ['an address that could end the value', { attendee: { name: 'A', email: 'a@example.org;ROLE=CHAIR' } }],
    ['an address with a line break', { organizer: { name: 'S', email: 'a@example.org\r\nX:1' } }],
    ['a start without an offset', { start: '2026-06-10T14:30:00' }],
    ['a start that is not a date', { start: 'next Tuesday' }],
    ['a negative sequence', { sequence: -1 }],
    ['a fractional sequence', { sequence: 1.5 }],
    ['a zero duration', { durationMinutes: 0 }],
    ['a cycle id that is not a token', { cycleId: 'a b\r\nX:1' }],
    ['an empty board name', { board: ' \u202E ' }],
  ])('refuses %s', async (_, change) => {
    await expect(meetingInvitation({ ...base, ...change })).rejects.toThrow(ValidationError);
  });
});

describe('meetingCancellation', () => {
  it('is an iTIP CANCEL of the same event, with a higher sequence', async () => {
    const invited = parse(await meetingInvitation(base));
    const props = parse(await meetingCancellation({ ...base, sequence: 1 }));

    expect(only(props, 'METHOD').value).toBe('CANCEL');
    expect(only(props, 'STATUS').value).toBe('CANCELLED');
    expect(only(props, 'UID').value).toBe(only(invited, 'UID').value);
    expect(only(props, 'SEQUENCE').value).toBe('1');
    expect(only(props, 'DTSTART').value).toBe('20260610T143000Z');
    expect(only(props, 'ORGANIZER').value.toLowerCase()).toBe('mailto:committees@example.org');
    const attendee = only(props, 'ATTENDEE');
    expect(attendee.value.toLowerCase()).toBe('mailto:alex.morgan@example.org');
    expect(attendee.params.RSVP).toBeUndefined();
  });
});

describe('an online or hybrid meeting', () => {
  const online = { joinUrl: 'https://meet.example.org/j/81234?pwd=a,b;c', dialIn: '020 7946 0000\nPIN 4321#' };

  it('gives the joining link as URL and in DESCRIPTION, with the dial-in text, keeping the venue as LOCATION', async () => {
    const props = parse(await meetingInvitation({ ...base, description: '1. Apologies', online }));
    expect(only(props, 'URL').value).toBe(online.joinUrl);
    expect(unescapeText(only(props, 'LOCATION').value)).toBe(base.venue);
    expect(unescapeText(only(props, 'DESCRIPTION').value)).toBe(`1. Apologies\n\nJoin online: ${online.joinUrl}\nDial-in:\n020 7946 0000\nPIN 4321#`);
  });

  it('puts the joining link in LOCATION when there is no venue (an online-only meeting), and in the cancellation too', async () => {
    const props = parse(await meetingCancellation({ ...base, sequence: 2, venue: '', online }));
    expect(only(props, 'METHOD').value).toBe('CANCEL');
    expect(unescapeText(only(props, 'LOCATION').value)).toBe(online.joinUrl);
    expect(only(props, 'URL').value).toBe(online.joinUrl);
  });

  it('keeps CR/LF in dial-in text inside DESCRIPTION, so it cannot start a property of its own', async () => {
    const dialIn = '0800 000\r\nATTENDEE;CN=Evil:mailto:evil@example.com\rEND:VEVENT\u000bX-INJECTED:1';
    const text = await meetingInvitation({ ...base, online: { dialIn } });
    const props = parse(text);
    expect(props.filter((p) => p.name === 'ATTENDEE')).toHaveLength(1);
    expect(props.filter((p) => p.name === 'END' && p.value === 'VEVENT')).toHaveLength(1);
    expect(props.some((p) => p.name.startsWith('X-INJECTED'))).toBe(false);
    expect(unescapeText(only(props, 'DESCRIPTION').value)).toContain('ATTENDEE;CN=Evil:mailto:evil@example.com\nEND:VEVENT');
  });

  it.each([
    ['a javascript: link', 'javascript:alert(1)'],
    ['a plain http link', 'http://meet.example.org/j/1'],
    ['a data: link', 'data:text/html,<script>alert(1)</script>'],
    ['a link with a line break', 'https://meet.example.org/j/1\r\nX-INJECTED:1'],
    ['a link with a user name', 'https://user:pw@meet.example.org/j/1'],
  ])('refuses %s', async (_, joinUrl) => {
    await expect(meetingInvitation({ ...base, online: { joinUrl } })).rejects.toThrow(ValidationError);
  });
});
