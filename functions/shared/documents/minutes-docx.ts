import { Document, HeadingLevel, Packer, Paragraph, Tab, TabStopType, TextRun } from 'docx';
import { stripNonXmlChars } from '../domain/text';

/** How a paragraph of the minutes looks in Word; its text is never changed. */
export type MinutesParagraphKind = 'title' | 'heading' | 'attendee' | 'action' | 'paragraph';

/** A paragraph of the Word document: one line of the text, or a line and the lines that continue it. */
export interface MinutesDocxParagraph {
  kind: MinutesParagraphKind;
  lines: string[];
}

const ITEM_HEADING = /^(?:agenda\s+)?item\s+\d{1,3}[a-z]?\b/i;
const SECTION_HEADING =
  /^(?:present|members present|board members present|attendees|apologies(?: for absence)?(?: received)?|officers(?: present| in attendance)?|secretariat|presenting|presenters|also present|also in attendance|in attendance|guests|observers)\s*:?$/i;
const ACTION_LINE = /^(?:\*\*)?action(?:\s+\d+)?(?:\s*\([^)]*\))?(?:\*\*)?\s*:/i;
const NUMBERED = /^\d{1,3}(?:\.\d{1,3})*[.)]?\s/;
/** The first line is the board's name when it reads like a name, not a paragraph. */
const MAX_TITLE_CHARS = 150;

// Word will not open a document holding a character XML 1.0 cannot carry, so those are removed. Form feeds
// and vertical tabs (Word's line break in its plain-text exports) are illegal too, but end a line instead.
const LINE_BREAKS = /\r\n?|[\v\f\u2028\u2029]/g;

/**
 * The paragraphs of a minutes text as the Word document has them. Headings ("ITEM n. Title", "Present",
 * "Apologies", "Officers", and the board's name on the first line), attendees ("name<TAB>organisation"),
 * actions ("Action: …") and numbered paragraphs ("3.1 …") each start a paragraph. Any other line
 * directly under a line that is not a heading continues that line's paragraph after a line break, as
 * a wrapped "Mayor's Office for Policing and / Crime" does: blank lines are where the text's own
 * paragraphs end, and the reader of the minutes (and `readMinutesText`) tells the two apart.
 */
export function minutesParagraphs(text: string): MinutesDocxParagraph[] {
  const out: MinutesDocxParagraph[] = [];
  let current: MinutesDocxParagraph | undefined;
  for (const raw of stripNonXmlChars(text.replace(LINE_BREAKS, '\n')).split('\n')) {
    const line = raw.trim();
    if (!line) {
      current = undefined;
      continue;
    }
    let kind: MinutesParagraphKind | undefined;
    if (ITEM_HEADING.test(line) || SECTION_HEADING.test(line)) kind = 'heading';
    else if (ACTION_LINE.test(line)) kind = 'action';
    else if (line.includes('\t')) kind = 'attendee';
    if (!kind && !NUMBERED.test(line) && current && current.kind !== 'heading' && current.kind !== 'title') {
      current.lines.push(line);
      continue;
    }
    kind ??= out.length === 0 && line.length <= MAX_TITLE_CHARS ? 'title' : 'paragraph';
    current = { kind, lines: [line] };
    out.push(current);
  }
  return out;
}

/** The runs of one paragraph: its lines joined by line breaks, each tab a Word tab. */
function runs(lines: readonly string[], bold = false): TextRun[] {
  return lines.map(
    (line, i) =>
      new TextRun({
        // Only ever set: an explicit "not bold" would override the heading styles.
        ...(bold ? { bold: true } : {}),
        ...(i > 0 ? { break: 1 } : {}),
        children: line.split('\t').flatMap((part, j) => (j === 0 ? [part] : [new Tab(), part])),
      }),
  );
}

const TWIPS_PER_CM = 567;
const FONT = 'Arial';
const HOUSE_BLUE = '1D3557';

function paragraphOf(p: MinutesDocxParagraph): Paragraph {
  switch (p.kind) {
    case 'title':
      return new Paragraph({ heading: HeadingLevel.HEADING_1, children: runs(p.lines) });
    case 'heading':
      return new Paragraph({ heading: HeadingLevel.HEADING_2, keepNext: true, children: runs(p.lines) });
    case 'attendee':
      return new Paragraph({ tabStops: [{ type: TabStopType.LEFT, position: 8 * TWIPS_PER_CM }], spacing: { after: 40 }, children: runs(p.lines) });
    case 'action':
      return new Paragraph({ children: runs(p.lines, true) });
    case 'paragraph':
      // Numbers stay text: Word list numbering would renumber "3.1" when a paragraph is added.
      return new Paragraph({ children: runs(p.lines) });
  }
}

/**
 * The minutes as a Word document in the house style: Arial, the board's name, the attendance sections and
 * each item as headings, attendees in two columns, actions in bold. `readMinutesText` reads it back as the
 * same minutes, so the secretariat can edit it in Word and upload it again.
 *
 * @param meta.title the document's title property; the board's name line by default
 */
export async function minutesDocx(text: string, meta: { title?: string } = {}): Promise<Buffer> {
  const paragraphs = minutesParagraphs(text);
  const doc = new Document({
    creator: 'meeting-cycle',
    title: meta.title ?? paragraphs.find((p) => p.kind === 'title')?.lines[0] ?? 'Minutes',
    styles: {
      default: {
        document: { run: { font: FONT, size: 22 }, paragraph: { spacing: { after: 160 } } },
        heading1: { run: { font: FONT, size: 32, bold: true, color: HOUSE_BLUE }, paragraph: { spacing: { after: 240 } } },
        heading2: { run: { font: FONT, size: 24, bold: true, color: HOUSE_BLUE }, paragraph: { spacing: { before: 240, after: 120 } } },
      },
    },
    sections: [{ children: paragraphs.length ? paragraphs.map(paragraphOf) : [new Paragraph('')] }],
  });
  return Packer.toBuffer(doc);
}
