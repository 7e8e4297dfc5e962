import { EXEMPT_ITEM_TEXT } from '../../functions/shared/domain/agenda';
import { packHtml, type PackHtmlInput } from '../../functions/shared/documents/pack-html';

const PDF = 'application/pdf';

function input(overrides: Partial<PackHtmlInput> = {}): PackHtmlInput {
  return {
    boardName: 'Rada Fundacji Łódź',
    meetingWhen: 'Tuesday 3 March 2026, 18:30',
    venue: 'Room 2',
    audience: 'members',
    pack: { pages: 9, size: 2_400_000 },
    items: [
      { number: 1, title: 'Apologies', confidential: false },
      {
        number: 2,
        title: 'Отчёт председателя',
        presenter: 'Ольга Смирнова',
        confidential: false,
        paper: { contentType: PDF, size: 250_000, pages: 4, packPage: 3 },
      },
      {
        number: 3,
        title: 'Chief executive appraisal',
        presenter: 'Nguyễn Văn An',
        confidential: true,
        paper: { contentType: PDF, size: 1_048_576 * 3, pages: 1, packPage: 7 },
      },
    ],
    ...overrides,
  };
}

describe('the web page twin of a board pack', () => {
  it('is a page in English with a title, a main landmark, headings and the agenda as navigation', () => {
    const page = packHtml(input());
    expect(page).toMatch(/^<!doctype html><html lang="en-GB">/);
    expect(page).toContain('<title>Rada Fundacji Łódź \u2013 Tuesday 3 March 2026, 18:30 \u2013 Members&#39; pack</title>');
    expect(page).toContain('<main><h1>Rada Fundacji Łódź</h1>');
    expect(page).toContain('<nav aria-labelledby="agenda"><h2 id="agenda">Agenda</h2>');
    expect(page.match(/<h3 id="item-\d+">/g)).toHaveLength(3);
    expect(page).toContain('<dt>Venue</dt><dd>Room 2</dd>');
  });

  it('names each paper in its link text with its item, title, size and pages, and links the whole pack', () => {
    const page = packHtml(input());
    expect(page).toContain('<a href="paper/2">Paper for item 2, Отчёт председателя (PDF, 244 KB, 4 pages)</a>');
    expect(page).toContain('In the pack on pages 3 to 6.');
    expect(page).toContain('<a href="paper/3">Paper for item 3, Chief executive appraisal (PDF, 3.0 MB, 1 page)</a>');
    expect(page).toContain('In the pack on page 7.');
    expect(page).toContain('<a href="pack">The whole pack as one PDF (9 pages, 2.3 MB)</a>');
    expect(page).toContain('Presenter: Ольга Смирнова');
    expect(page).toContain('Confidential: not for publication.');
    expect(page).toContain('<h3 id="item-1">Item 1: Apologies</h3><p class="note">No paper.</p>');
  });

  it("prints the chair's reason under an urgent item, escaped, and not for an exempt one in the public twin", () => {
    const items = [
      { number: 4, title: 'Replacement contractor', confidential: false, urgency: 'The contractor <b>failed</b> on Friday & cannot wait' },
      { number: 5, title: 'Settlement', confidential: true, urgency: 'Legal advice arrived late' },
    ];
    const page = packHtml(input({ items }));
    expect(page).toContain('<p>Urgent business: The contractor &lt;b&gt;failed&lt;/b&gt; on Friday &amp; cannot wait</p>');
    expect(page).toContain('Urgent business: Legal advice arrived late');
    const publicPage = packHtml(input({ items, audience: 'public' }));
    expect(publicPage).toContain('Urgent business: The contractor');
    expect(publicPage).not.toContain('Legal advice');
  });

  it('lists an exempt item in the public twin by its number only: no title, presenter or paper', () => {
    const page = packHtml(input({ audience: 'public' }));
    expect(page).toContain(`<h3 id="item-3">Item 3: ${EXEMPT_ITEM_TEXT}</h3></section>`);
    expect(page).not.toContain('Chief executive appraisal');
    expect(page).not.toContain('Nguyễn Văn An');
    expect(page).not.toContain('paper/3');
    expect(page).toContain('Exempt items are not included in this pack.');
    expect(page).toContain('Public pack');
  });

  it('escapes hostile titles and names, and drops their bidi tricks', () => {
    const hostile = '<script>alert(1)</script>"><img src=x onerror=alert(2)> \u202Efdp.exe';
    const page = packHtml(
      input({
        boardName: hostile,
        venue: hostile,
        items: [{ number: 1, title: hostile, presenter: hostile, confidential: false, paper: { contentType: PDF, size: 10, pages: 1, packPage: 3 } }],
      }),
    );
    expect(page).not.toMatch(/<script|<img|\u202E/);
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;&quot;&gt;&lt;img src=x onerror=alert(2)&gt; fdp.exe');
    expect(page).toContain('<a href="paper/1">Paper for item 1, &lt;script&gt;');
  });

  it('cuts a runaway title and names an untitled item', () => {
    const page = packHtml(
      input({
        items: [
          { number: 1, title: 'A'.repeat(5_000), confidential: false },
          { number: 2, title: '', confidential: false },
        ],
      }),
    );
    expect(page).toMatch(/Item 1: A{299}\u2026<\/h3>/);
    expect(page).toContain('Item 2: (untitled)');
  });
});
