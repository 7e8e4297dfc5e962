import {
  decodePDFRawStream,
  degrees,
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFRawStream,
  PDFRef,
  PDFString,
  StandardFonts,
} from '@cantoo/pdf-lib';
import type { PDFObject } from '@cantoo/pdf-lib';
import { EXEMPT_ITEM_TEXT } from '../../functions/shared/domain/agenda';
import { assembleBoardPack, buildBoardPack, itemPageLabel, packPageLabel } from '../../functions/shared/documents/board-pack';
import type { BoardPackInput, BoardPackItem } from '../../functions/shared/documents/board-pack';
import { UploadRejectedError, ValidationError } from '../../functions/shared/domain/errors';
import { pageTexts } from '../support/pdf-text';

/** A paper whose page i reads "<label> page i", so that each page of the pack can be traced to its source. */
async function paper(label: string, pages: number, options: { rotate?: number } = {}): Promise<{ bytes: Uint8Array; fileName: string }> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let i = 1; i <= pages; i += 1) {
    const page = doc.addPage([595, 842]);
    page.drawText(`${label} page ${i}`, { x: 72, y: 720, size: 14, font });
    if (options.rotate) page.setRotation(degrees(options.rotate));
  }
  return { bytes: await doc.save(), fileName: `${label}.pdf` };
}

// Controls, bidi embeddings/overrides/isolates and lone surrogates: what no title may carry into the pack.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const TRICKS = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\ud800-\udfff]/u;

interface OutlineEntry {
  title: string;
  page: number;
}

/** Reads /Outlines back with the low-level API: each entry's title and the 1-based page its /Dest names. */
function readOutline(doc: PDFDocument): OutlineEntry[] {
  const outlinesRef = doc.catalog.get(PDFName.of('Outlines'));
  const outlines = doc.context.lookup(outlinesRef, PDFDict);
  const pageRefs = doc.getPages().map((p) => p.ref);
  const entries: OutlineEntry[] = [];
  let ref: PDFObject | undefined = outlines.get(PDFName.of('First'));
  let previous: PDFObject | undefined;
  while (ref instanceof PDFRef && entries.length < 1_000) {
    const item = doc.context.lookup(ref, PDFDict);
    expect(item.get(PDFName.of('Prev'))).toBe(previous);
    previous = ref;
    const title = item.lookup(PDFName.of('Title'));
    const dest = item.lookup(PDFName.of('Dest'), PDFArray);
    expect(item.get(PDFName.of('Parent'))).toBe(outlinesRef);
    entries.push({
      title: title instanceof PDFHexString || title instanceof PDFString ? title.decodeText() : '',
      page: pageRefs.indexOf(dest.get(0) as PDFRef) + 1,
    });
    ref = item.get(PDFName.of('Next'));
  }
  expect(outlines.get(PDFName.of('Last'))).toBe(previous);
  expect(outlines.lookup(PDFName.of('Count'))?.toString()).toBe(String(entries.length));
  return entries;
}

async function agendaOf(overrides: Partial<BoardPackInput> = {}): Promise<BoardPackInput> {
  const items: BoardPackItem[] = [
    { number: 1, title: 'Welcome and apologies', presenter: 'Chair', confidential: false },
    { number: 2, title: 'Finance report', presenter: 'Ann Treasurer', confidential: false, paper: await paper('Finance', 3) },
    { number: 3, title: 'Chief executive appraisal', presenter: 'Ben Hr', confidential: true, paper: await paper('Appraisal', 2) },
    { number: 4, title: 'Strategy 2027', confidential: false, paper: await paper('Strategy', 4) },
  ];
  return {
    boardName: 'Riverside Trust Board',
    meetingWhen: 'Tuesday 3 March 2026, 18:30',
    venue: 'Room 2, Town Hall',
    items,
    audience: 'members',
    ...overrides,
  };
}

describe('buildBoardPack', () => {
  it("puts every paper in agenda order in the members' pack, after the cover and the agenda", async () => {
    const pack = await buildBoardPack(await agendaOf());
    const doc = await PDFDocument.load(pack.pdf);
    const texts = pageTexts(doc);

    // cover + agenda + 3 + 2 + 4
    expect(pack.pages).toBe(11);
    expect(doc.getPageCount()).toBe(11);
    expect(pack.itemStartPages).toEqual({ 2: 3, 3: 6, 4: 8 });
    expect(texts.map((t) => t.find((s) => / page \d$/.test(s) && !s.startsWith('Item')) ?? null)).toEqual([
      null,
      null,
      'Finance page 1',
      'Finance page 2',
      'Finance page 3',
      'Appraisal page 1',
      'Appraisal page 2',
      'Strategy page 1',
      'Strategy page 2',
      'Strategy page 3',
      'Strategy page 4',
    ]);
    expect(texts[0]).toEqual(expect.arrayContaining(['Riverside Trust Board', 'Tuesday 3 March 2026, 18:30', 'Room 2, Town Hall', "Members' pack"]));
    expect(texts[1]).toEqual(
      expect.arrayContaining([
        'Agenda',
        'Finance report',
        'Presenter: Ann Treasurer',
        'p. 3',
        'Chief executive appraisal',
        'Confidential: not for publication \u00b7 Presenter: Ben Hr',
        'p. 6',
        'p. 8',
        'Strategy 2027',
      ]),
    );
  });

  it('leaves the confidential paper out of the public pack and says so on the agenda', async () => {
    const pack = await buildBoardPack(await agendaOf({ audience: 'public' }));
    const doc = await PDFDocument.load(pack.pdf);
    const all = pageTexts(doc).flat();

    expect(pack.pages).toBe(9);
    expect(pack.itemStartPages).toEqual({ 2: 3, 4: 6 });
    expect(all.filter((s) => s.startsWith('Appraisal'))).toEqual([]);
    expect(all).not.toContain('Chief executive appraisal');
    expect(all.filter((s) => s.includes('Ben Hr'))).toEqual([]);
    expect(pageTexts(doc)[1]).toEqual(expect.arrayContaining([EXEMPT_ITEM_TEXT, 'p. 3', 'p. 6']));
    expect(pageTexts(doc)[0]).toContain('Public pack');
  });

  it('stamps every page with its place in the pack, and paper pages with their place in the paper', async () => {
    const pack = await buildBoardPack(await agendaOf());
    const texts = pageTexts(await PDFDocument.load(pack.pdf));

    texts.forEach((strings, i) => expect(strings).toContain(packPageLabel(i + 1, 11)));
    expect(texts[0]!.some((s) => s.startsWith('Item '))).toBe(false);
    expect(texts[2]).toContain('Item 2 \u2013 page 1 of 3');
    expect(texts[6]).toContain(itemPageLabel(3, 2, 2));
    expect(texts[10]).toEqual(expect.arrayContaining(['Item 4 \u2013 page 4 of 4', 'Page 11 of 11', 'Strategy page 4']));
  });

  it('bookmarks each item at its first page, or at its agenda line when it has no paper in the pack', async () => {
    const members = readOutline(await PDFDocument.load((await buildBoardPack(await agendaOf())).pdf));
    expect(members).toEqual([
      { title: '1. Welcome and apologies', page: 2 },
      { title: '2. Finance report', page: 3 },
      { title: '3. Chief executive appraisal', page: 6 },
      { title: '4. Strategy 2027', page: 8 },
    ]);

    const publicDoc = await PDFDocument.load((await buildBoardPack(await agendaOf({ audience: 'public' }))).pdf);
    expect(readOutline(publicDoc)).toEqual([
      { title: '1. Welcome and apologies', page: 2 },
      { title: '2. Finance report', page: 3 },
      { title: `3. ${EXEMPT_ITEM_TEXT}`, page: 2 },
      { title: '4. Strategy 2027', page: 6 },
    ]);
    expect(publicDoc.catalog.get(PDFName.of('PageMode'))).toBe(PDFName.of('UseOutlines'));
  });

  it('continues the agenda over several pages and still points at the right pages', async () => {
    const items: BoardPackItem[] = [];
    for (let n = 1; n <= 60; n += 1) {
      items.push({
        number: n,
        title: `Item about topic ${n} `.repeat(4),
        presenter: `Presenter ${n}`,
        confidential: false,
        paper: await paper(`Paper ${n}`, 1),
      });
    }
    const pack = await buildBoardPack({ ...(await agendaOf()), items });
    const doc = await PDFDocument.load(pack.pdf);
    const texts = pageTexts(doc);

    const agendaPages = pack.pages - 1 - 60;
    expect(agendaPages).toBeGreaterThan(1);
    expect(texts[2]).toContain('Agenda (continued)');
    for (let n = 1; n <= 60; n += 1) {
      const start = pack.itemStartPages[n]!;
      expect(start).toBe(1 + agendaPages + n);
      expect(texts[start - 1]).toContain(`Paper ${n} page 1`);
      expect(texts.slice(1, 1 + agendaPages).flat()).toContain(`p. ${start}`);
    }
    expect(readOutline(doc).map((e) => e.page)).toEqual(items.map((i) => pack.itemStartPages[i.number]));
  });

  it('stamps rotated pages along the edge that is at the bottom when displayed', async () => {
    const pack = await buildBoardPack({
      ...(await agendaOf()),
      items: [{ number: 1, title: 'Landscape', confidential: false, paper: await paper('Wide', 2, { rotate: 90 }) }],
    });
    const doc = await PDFDocument.load(pack.pdf);
    expect(pageTexts(doc)[2]).toEqual(expect.arrayContaining(['Item 1 \u2013 page 1 of 2', 'Page 3 of 4']));
    const content = Buffer.from(decodePDFRawStream(lastContentStream(doc, 2)).decode()).toString('latin1');
    // A text matrix turned 90° (cos ≈ 0, sin = 1), its baseline 14pt inside the unrotated right edge (595 - 14).
    expect(content).toMatch(/\S+ 1 -1 \S+ 581 28 Tm/);
  });

  it('draws hostile titles and names without throwing and without their tricks', async () => {
    const hostile = [
      '<script>alert("x")</script> & <b>bold</b>',
      'Invoice \u202Efdp.exe\u202C and \u2067isolate\u2069 \u202Aembed\u202B\u202D',
      'A'.repeat(10_000),
      'Emoji \u{1F4A9} 中文 Ωμέγα \u0000null\u0007bell\r\nnew line',
      '\ud800 lone surrogate',
      '',
    ];
    const items: BoardPackItem[] = hostile.map((title, i) => ({
      number: i + 1,
      title,
      presenter: `\u202E${title.slice(0, 50)}`,
      confidential: false,
    }));
    const pack = await buildBoardPack({
      boardName: 'Board\u202E\nName \u{1F600}',
      meetingWhen: '\u0000Monday',
      venue: 'X'.repeat(5_000),
      items,
      audience: 'members',
    });
    const doc = await PDFDocument.load(pack.pdf);
    const drawn = pageTexts(doc).flat();

    expect(drawn).toContain('<script>alert("x")</script> & <b>bold</b>');
    // DejaVu Sans draws Greek and some emoji (U+1F600); what it has no glyph for is drawn as "?" and counted.
    expect(drawn).toEqual(expect.arrayContaining(['Invoice fdp.exe and isolate embed', 'Board Name \u{1F600}']));
    expect(drawn.some((s) => s.startsWith('Emoji ? ?? Ωμέγα ') && s.includes('nullbell new line'))).toBe(true);
    // The pile of poo and two CJK characters, in the title and again in the presenter's name.
    expect(pack.undrawable).toBe(6);
    const longTitleLines = drawn.filter((s) => /^A+\u2026?$/.test(s));
    expect(longTitleLines.length).toBeGreaterThan(0);
    expect(longTitleLines.length).toBeLessThanOrEqual(4);
    expect(longTitleLines[longTitleLines.length - 1]).toMatch(/\u2026$/);
    expect(drawn).toContain('(untitled)');

    const outline = readOutline(doc);
    expect(outline).toHaveLength(hostile.length);
    expect(outline[2]!.title.length).toBeLessThanOrEqual(210);
    expect(outline[3]!.title).toContain('中文 Ωμέγα');
    expect(outline.map((e) => e.title).join('')).not.toMatch(TRICKS);
  });

  it('names the item and the file when a paper can no longer be read', async () => {
    const good = await paper('Good', 1);
    const cut = { bytes: good.bytes.subarray(0, good.bytes.length >> 1), fileName: 'minutes.pdf' };
    const input = await agendaOf({ items: [{ number: 5, title: 'Minutes', confidential: false, paper: cut }] });
    await expect(buildBoardPack(input)).rejects.toThrow(UploadRejectedError);
    await expect(buildBoardPack(input)).rejects.toThrow(/item 5 \(minutes\.pdf\).*incomplete/);
  });

  it('refuses two items with the same number, which would share a bookmark and a start page', async () => {
    const input = await agendaOf();
    await expect(buildBoardPack({ ...input, items: [...input.items, { number: 2, title: 'Again', confidential: false }] })).rejects.toThrow(ValidationError);
  });

  it('loads each paper only when the pack reaches it, one at a time, and never an exempt one for the public pack', async () => {
    const loads: string[] = [];
    let loading = 0;
    let mostAtOnce = 0;
    const lazy = async (item: BoardPackItem): Promise<BoardPackItem> => {
      if (!item.paper || !('bytes' in item.paper)) return item;
      const { bytes, fileName } = item.paper;
      const load = async (): Promise<Uint8Array> => {
        loading += 1;
        mostAtOnce = Math.max(mostAtOnce, loading);
        loads.push(fileName);
        await new Promise((resolve) => setImmediate(resolve));
        loading -= 1;
        return bytes;
      };
      return { ...item, paper: { fileName, load } };
    };
    const input = await agendaOf();
    const items = await Promise.all(input.items.map(lazy));

    const members = await buildBoardPack({ ...input, items });
    expect(loads).toEqual(['Finance.pdf', 'Appraisal.pdf', 'Strategy.pdf']);
    expect(mostAtOnce).toBe(1);
    expect(members.pages).toBe(11);

    loads.length = 0;
    const publicPack = await assembleBoardPack({ ...input, items, audience: 'public' });
    expect(loads).toEqual(['Finance.pdf', 'Strategy.pdf']);
    expect(publicPack.pages).toBe(9);
  });

  it('writes the pack as a stream of chunks that make one valid PDF', async () => {
    const pack = await assembleBoardPack(await agendaOf());
    const chunks: Uint8Array[] = [];
    for await (const chunk of pack.chunks) chunks.push(chunk);
    const pdf = Buffer.concat(chunks);

    expect(pdf.subarray(0, 8).toString('latin1')).toBe('%PDF-1.7');
    expect(pdf.toString('latin1').trimEnd()).toMatch(/startxref\n\d+\n%%EOF$/);
    const doc = await PDFDocument.load(pdf, { throwOnInvalidObject: true });
    expect(doc.getPageCount()).toBe(pack.pages);
    expect(doc.getTitle()).toBe("Riverside Trust Board \u2013 Tuesday 3 March 2026, 18:30 \u2013 Members' pack");
  });

  it("keeps what pages inherit from the paper's page tree, and stamps pages sharing one content array each once", async () => {
    const stream = 'BT /F1 12 Tf 20 20 Td (Inherited) Tj ET';
    const inherited = rawPdf([
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 /MediaBox [0 0 300 400] /Rotate 90 /Resources << /Font << /F1 6 0 R >> >> >>',
      // Both pages share one /Contents array by reference: each must still get only its own stamps.
      '<< /Type /Page /Parent 2 0 R /Contents 7 0 R >>',
      '<< /Type /Page /Parent 2 0 R /Contents 7 0 R /MediaBox [0 0 500 500] >>',
      `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
      '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
      '[5 0 R]',
    ]);
    const pack = await buildBoardPack({
      ...(await agendaOf()),
      items: [{ number: 1, title: 'Inherited', confidential: false, paper: { bytes: inherited, fileName: 'inherited.pdf' } }],
    });
    const doc = await PDFDocument.load(pack.pdf);
    const [first, second] = [doc.getPage(2), doc.getPage(3)];

    expect(first.getSize()).toEqual({ width: 300, height: 400 });
    expect(second.getSize()).toEqual({ width: 500, height: 500 });
    expect([first.getRotation().angle, second.getRotation().angle]).toEqual([90, 90]);
    for (const page of [first, second]) {
      const fonts = page.node.Resources()!.lookup(PDFName.of('Font'), PDFDict);
      expect(fonts.has(PDFName.of('F1'))).toBe(true);
    }
    const [third, fourth] = [pageTexts(doc)[2]!, pageTexts(doc)[3]!];
    expect(third.filter((t) => t.startsWith('Item ') || t.startsWith('Page '))).toEqual(['Page 3 of 4', 'Item 1 \u2013 page 1 of 2']);
    expect(fourth.filter((t) => t.startsWith('Item ') || t.startsWith('Page '))).toEqual(['Page 4 of 4', 'Item 1 \u2013 page 2 of 2']);
  });

  it("prints the chair's reason under an urgent item in the agenda, whole, and none of it for an exempt one in the public pack", async () => {
    const reason = `The contractor went into administration on Friday; ${'a decision cannot wait for the next meeting '.repeat(6).trim()}.`;
    const urgent: BoardPackItem[] = [
      { number: 1, title: 'Apologies', confidential: false },
      { number: 2, title: 'Replacement contractor', confidential: false, urgency: reason },
      { number: 3, title: 'Settlement terms', confidential: true, urgency: 'Legal advice arrived after the agenda went out.' },
    ];
    const agendaText = async (audience: 'members' | 'public') =>
      pageTexts(await PDFDocument.load((await buildBoardPack({ ...(await agendaOf()), items: urgent, audience })).pdf))[1]!;

    const members = await agendaText('members');
    const start = members.findIndex((s) => s.startsWith('Urgent business: '));
    const end = members.findIndex((s) => s.endsWith('next meeting.'));
    expect(end).toBeGreaterThan(start);
    expect(members.slice(start, end + 1).join(' ')).toBe(`Urgent business: ${reason}`);
    expect(members.indexOf('Replacement contractor')).toBeLessThan(start);
    expect(members).toContain('Urgent business: Legal advice arrived after the agenda went out.');
    const publicAgenda = await agendaText('public');
    expect(publicAgenda.join(' ')).toContain(`Urgent business: The contractor went into administration`);
    expect(publicAgenda.join(' ')).not.toContain('Legal advice');
  });

  it('builds a cover and an agenda when no item has a paper', async () => {
    const pack = await buildBoardPack({ ...(await agendaOf()), items: [{ number: 1, title: 'Apologies', confidential: false }] });
    expect(pack.pages).toBe(2);
    expect(pack.itemStartPages).toEqual({});
  });
});

function lastContentStream(doc: PDFDocument, pageIndex: number): PDFRawStream {
  const contents = doc.context.lookup(doc.getPage(pageIndex).node.get(PDFName.of('Contents')), PDFArray);
  const stream = doc.context.lookup(contents.get(contents.size() - 1));
  if (!(stream instanceof PDFRawStream)) throw new Error(`page ${pageIndex + 1} has no stamp stream`);
  return stream;
}

/** A PDF written by hand from its objects (numbered from 1), for structures pdf-lib would not write. */
function rawPdf(objects: string[]): Uint8Array {
  let pdf = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(pdf.length);
    pdf += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = pdf.length;
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf, 'latin1');
}
