import { readFileSync } from 'node:fs';
import type { PDFRawStream } from '@cantoo/pdf-lib';
import { decodePDFRawStream, PDFBool, PDFDict, PDFDocument, PDFName } from '@cantoo/pdf-lib';
import fontkit from '@pdf-lib/fontkit';
import { buildBoardPack } from '../../functions/shared/documents/board-pack';
import type { BoardPackInput } from '../../functions/shared/documents/board-pack';
import { minutesPdf } from '../../functions/shared/documents/minutes-pdf';
import { fontFile } from '../../functions/shared/documents/pdf-fonts';
import { log } from '../../functions/shared/runtime/observability';
import { extractLines as linesOf } from '../support/pdf-parse';

/** Names and titles in the scripts the issue names: Polish, Vietnamese, Greek and Russian. */
const NAMES = {
  polish: 'Łukasz Wróblewski-Żółć',
  vietnamese: 'Nguyễn Thị Ánh Tuyết',
  greek: 'Γεώργιος Παπαδόπουλος',
  russian: 'Ольга Сергеевна Смирнова',
};

function pack(overrides: Partial<BoardPackInput> = {}): BoardPackInput {
  return {
    boardName: 'Rada Fundacji Łódź',
    meetingWhen: 'Thứ Ba 3 tháng 3 năm 2026, 18:30',
    venue: 'Αίθουσα Ολομέλειας, Москва',
    items: [
      { number: 1, title: 'Sprawozdanie finansowe za rok 2025', presenter: NAMES.polish, confidential: false },
      { number: 2, title: 'Báo cáo của Ban Kiểm soát', presenter: NAMES.vietnamese, confidential: false },
      { number: 3, title: 'Έκθεση του Ταμία', presenter: NAMES.greek, confidential: false },
      { number: 4, title: 'Отчёт председателя правления', presenter: NAMES.russian, confidential: false },
    ],
    audience: 'members',
    ...overrides,
  };
}

/** Every /FontFile2 (an embedded TrueType font) of the document with the /ToUnicode of its font. */
function embeddedFonts(doc: PDFDocument): { file: Uint8Array; toUnicode: Map<number, string> }[] {
  const fonts: { file: Uint8Array; toUnicode: Map<number, string> }[] = [];
  for (const [, object] of doc.context.enumerateIndirectObjects()) {
    if (!(object instanceof PDFDict) || object.get(PDFName.of('Subtype'))?.toString() !== '/Type0') continue;
    const descendant = object.lookup(PDFName.of('DescendantFonts'));
    const cid = doc.context.lookup((descendant as unknown as { get(i: number): unknown }).get(0) as never, PDFDict);
    const descriptor = cid.lookup(PDFName.of('FontDescriptor'), PDFDict);
    const file = decodePDFRawStream(descriptor.lookup(PDFName.of('FontFile2')) as PDFRawStream).decode();
    const cmap = Buffer.from(decodePDFRawStream(object.lookup(PDFName.of('ToUnicode')) as PDFRawStream).decode()).toString('latin1');
    const toUnicode = new Map<number, string>();
    for (const [, glyph, utf16] of cmap.matchAll(/<([0-9a-fA-F]{4})>\s*<([0-9a-fA-F]+)>/g)) {
      toUnicode.set(parseInt(glyph!, 16), Buffer.from(utf16!, 'hex').swap16().toString('utf16le'));
    }
    fonts.push({ file, toUnicode });
  }
  return fonts;
}

describe('names in every script in the PDFs', () => {
  it('prints Polish, Vietnamese, Greek and Russian names and titles on the cover and the agenda as written', async () => {
    const input = pack();
    const built = await buildBoardPack(input);
    const lines = await linesOf(built.pdf);

    expect(lines).toEqual(expect.arrayContaining([input.boardName, input.meetingWhen, input.venue]));
    for (const item of input.items) {
      expect(lines).toContain(`${item.number}. ${item.title}`);
      expect(lines).toContain(`Presenter: ${item.presenter!}`);
    }
    expect(built.undrawable).toBe(0);
  });

  it('prints the names in the minutes PDF as written, on the page and in the approval statement at its foot', async () => {
    // A warm Lambda has drawn other documents with the same parsed font before: their subsets must not leak.
    await buildBoardPack(pack());
    const text = Object.values(NAMES)
      .map((name) => `Present: ${name}`)
      .join('\n');
    const approval = `Approved by ${NAMES.russian} on 5 January 2027 (version 2).`;
    const lines = await linesOf(await minutesPdf({ title: `Protokół – ${NAMES.polish}`, text, approvalStatement: approval }));

    for (const name of Object.values(NAMES)) expect(lines).toContain(`Present: ${name}`);
    expect(lines).toContain(approval);
    // pdf.js reads the two spaces before the page number as one.
    expect(lines).toContain(`${approval} Page 1 of 1`);
  });

  it('gives both PDFs their title, shown in the window bar, and their language', async () => {
    const built = await buildBoardPack(pack());
    const minutes = await minutesPdf({ title: `Протокол: ${NAMES.russian}`, text: 'Text.', approvalStatement: 'Approved.' });
    for (const [pdf, title] of [
      [built.pdf, `Rada Fundacji Łódź \u2013 Thứ Ba 3 tháng 3 năm 2026, 18:30 \u2013 Members' pack`],
      [minutes, `Протокол: ${NAMES.russian}`],
    ] as const) {
      const doc = await PDFDocument.load(pdf, { updateMetadata: false });
      expect(doc.getTitle()).toBe(title);
      expect(doc.getLanguage()).toBe('en-GB');
      const preferences = doc.catalog.lookup(PDFName.of('ViewerPreferences'), PDFDict);
      expect(preferences.get(PDFName.of('DisplayDocTitle'))).toBe(PDFBool.True);
    }
  });

  it('draws a character the font lacks as "?", counts it in the pack and logs it for the minutes', async () => {
    const built = await buildBoardPack(pack({ boardName: '理事会 Ольга' }));
    expect(await linesOf(built.pdf)).toContain('??? Ольга');
    // On the cover and again in the agenda's heading.
    expect(built.undrawable).toBe(6);

    const warn = jest.spyOn(log(), 'warn').mockImplementation(() => undefined);
    try {
      const lines = await linesOf(await minutesPdf({ title: 'Minutes', text: `${NAMES.russian} 中文`, approvalStatement: 'Approved.' }));
      expect(lines).toContain(`${NAMES.russian} ??`);
      expect(warn).toHaveBeenCalledWith(expect.stringContaining('"?"'), { undrawable: 2 });
    } finally {
      warn.mockRestore();
    }
  });

  it('embeds subsets whose glyphs are the font’s own, so no letter is blanked by the subsetter', async () => {
    const built = await buildBoardPack(pack());
    const doc = await PDFDocument.load(built.pdf);
    const original = {
      regular: fontkit.create(readFileSync(fontFile('regular'))),
      bold: fontkit.create(readFileSync(fontFile('bold'))),
    };
    const fonts = embeddedFonts(doc);
    expect(fonts).toHaveLength(2);
    const checked = new Set<string>();
    for (const { file, toUnicode } of fonts) {
      // A subset, not the 700 KB face.
      expect(file.byteLength).toBeLessThan(60_000);
      const subset = fontkit.create(Buffer.from(file));
      for (const [glyph, text] of toUnicode) {
        const drawn = subset.getGlyph(glyph).path.toSVG();
        const face = [original.regular, original.bold].find((f) => f.glyphForCodePoint(text.codePointAt(0)!).path.toSVG() === drawn);
        expect({ text, same: face !== undefined }).toEqual({ text, same: true });
        checked.add(text);
      }
    }
    for (const ch of 'ŁŻółćễủểΓώρσОльгаё') expect(checked).toContain(ch);
  });
});
