/**
 * Board-pack benchmark: is our merge fast and lean enough for a Lambda?
 *
 * Generates 30 papers of 20 pages (text and vector shapes) in a temporary directory, then on the same files
 * times our merge (`assembleBoardPack`, the members' pack: cover, agenda, outline and stamps included, each
 * paper read when the pack reaches it and the pack written out as it is serialised, as the task does) against
 * `qpdf --empty --pages … -- out.pdf` (a bare merge in C++), five runs each, interleaved, and reports the
 * medians. Each of our runs is a fresh child process, as a cold Lambda would be and as each qpdf run is: it is
 * timed from reading the papers to writing the pack (Node's start-up and module loading excluded), and its peak
 * RSS (`process.resourceUsage().maxRSS`) is that of one merge, the figure that must fit in the function's memory.
 * A warm, in-process median is printed alongside for comparison. qpdf is installed by ensure-qpdf.sh if missing.
 *
 * Usage: npx tsx bench/pack.ts [--keep]   (--keep leaves the generated files in place)
 * The last line is the summary, e.g. `pack-merge: ours=4.10s qpdf=2.60s ratio=1.58 peak=180MB pages=600`.
 * Targets (reported, never failed on): at most 2× qpdf's time, at most 256 MB peak.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PDFDocument, rgb, StandardFonts } from '@cantoo/pdf-lib';
import { assembleBoardPack } from '../functions/shared/documents/board-pack';
import type { BoardPackItem } from '../functions/shared/documents/board-pack';
import { median } from './median';

const PAPERS = 30;
const PAGES_PER_PAPER = 20;
const RUNS = 5;
const TIME_TARGET = 2;
const PEAK_TARGET_MB = 256;
const CHILD = '--merge-child';

interface ChildResult {
  seconds: number;
  peakMB: number;
  pages: number;
  bytes: number;
}

if (process.argv[2] === CHILD) {
  void mergeInChild(process.argv[3]!, process.argv[4]!);
} else {
  void main();
}

async function main(): Promise<void> {
  const ensure = spawnSync('bash', [path.join(__dirname, 'ensure-qpdf.sh')], { stdio: 'inherit' });
  if (ensure.status !== 0) process.exit(1);

  const dir = mkdtempSync(path.join(tmpdir(), 'bench-pack-'));
  try {
    console.log(`generating ${PAPERS} papers of ${PAGES_PER_PAPER} pages in ${dir}`);
    const files = await generatePapers(dir);
    const inputMB = files.reduce((sum, f) => sum + readFileSync(f).length, 0) / 1e6;
    console.log(`  ${files.length} files, ${(PAPERS * PAGES_PER_PAPER).toString()} pages, ${inputMB.toFixed(1)} MB`);

    // Interleaved, so that a busy machine slows both sides alike rather than whichever ran second.
    const qpdfTimes: number[] = [];
    const ours: ChildResult[] = [];
    for (let run = 1; run <= RUNS; run += 1) {
      const out = path.join(dir, `qpdf-${run}.pdf`);
      const started = process.hrtime.bigint();
      const result = spawnSync('qpdf', ['--empty', '--pages', ...files, '--', out], { stdio: ['ignore', 'ignore', 'pipe'] });
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      // qpdf exits 3 when it only had warnings: the output is still written.
      if (result.status !== 0 && result.status !== 3) throw new Error(`qpdf failed (${String(result.status)}): ${String(result.stderr)}`);
      qpdfTimes.push(seconds);
      const child = runChild(dir, path.join(dir, `ours-${run}.pdf`));
      ours.push(child);
      console.log(
        `run ${run}: qpdf ${seconds.toFixed(3)}s; ours ${child.seconds.toFixed(3)}s, peak ${child.peakMB.toFixed(0)}MB, ${child.pages} pages, ${(child.bytes / 1e6).toFixed(1)} MB`,
      );
    }
    const baseline = runChild(dir, '', true);
    console.log(`  a child that only loads the code peaks at ${baseline.peakMB.toFixed(0)}MB (Node, tsx, pdf-lib): the merge adds the rest`);
    const warm = await warmRuns(dir);
    console.log(`  for comparison, in one process once the JIT is warm: ${warm.toFixed(2)}s (median of ${RUNS} after a warm-up run)`);
    const qpdfBytes = readFileSync(path.join(dir, 'qpdf-1.pdf')).length;
    console.log(`  output: ours ${(ours[0]!.bytes / 1e6).toFixed(2)} MB (with cover, agenda, outline, stamps), qpdf ${(qpdfBytes / 1e6).toFixed(2)} MB`);

    const oursSeconds = median(ours.map((r) => r.seconds));
    const qpdfSeconds = median(qpdfTimes);
    const ratio = oursSeconds / qpdfSeconds;
    const peak = Math.max(...ours.map((r) => r.peakMB));
    console.log(`target time ≤ ${TIME_TARGET}× qpdf: ${ratio <= TIME_TARGET ? 'met' : 'not met'} (${ratio.toFixed(2)}×)`);
    console.log(`target peak ≤ ${PEAK_TARGET_MB}MB: ${peak <= PEAK_TARGET_MB ? 'met' : 'not met'} (${peak.toFixed(0)}MB)`);
    console.log(
      `pack-merge: ours=${oursSeconds.toFixed(3)}s qpdf=${qpdfSeconds.toFixed(3)}s ratio=${ratio.toFixed(2)} peak=${peak.toFixed(0)}MB pages=${PAPERS * PAGES_PER_PAPER}`,
    );
  } finally {
    if (!process.argv.includes('--keep')) rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Our merge timed in this process after a warm-up run. Not the headline figure: a pack is built once per
 * meeting, usually by a cold Lambda, so the fresh-process runs are the realistic ones.
 */
async function warmRuns(dir: string): Promise<number> {
  const times: number[] = [];
  for (let run = 0; run <= RUNS; run += 1) {
    const started = process.hrtime.bigint();
    await mergeFiles(dir, path.join(dir, 'warm.pdf'));
    if (run > 0) times.push(Number(process.hrtime.bigint() - started) / 1e9);
  }
  return median(times);
}

/** Runs one merge in a fresh process, started the way this one was (tsx's loader is in execArgv). */
function runChild(dir: string, out: string, loadOnly = false): ChildResult {
  const result = spawnSync(process.execPath, [...process.execArgv, __filename, CHILD, dir, loadOnly ? '' : out], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`merge child failed (${String(result.status)}): ${result.stderr}`);
  const last = result.stdout.trim().split('\n').pop() ?? '';
  return JSON.parse(last) as ChildResult;
}

/** The child: reads the papers, builds the members' pack and writes it, timed files-in to file-out like qpdf. */
async function mergeInChild(dir: string, out: string): Promise<void> {
  let result: ChildResult = { seconds: 0, peakMB: 0, pages: 0, bytes: 0 };
  if (out) {
    const started = process.hrtime.bigint();
    const { pages, bytes } = await mergeFiles(dir, out);
    result = { seconds: Number(process.hrtime.bigint() - started) / 1e9, peakMB: 0, pages, bytes };
  }
  // maxRSS is in kilobytes.
  result.peakMB = process.resourceUsage().maxRSS / 1024;
  console.log(JSON.stringify(result));
}

/**
 * Builds the members' pack as the pack-building task does: each paper read only when the pack reaches it,
 * and the pack written out chunk by chunk as it is serialised (to a file here, to S3 in parts there).
 */
async function mergeFiles(dir: string, out: string): Promise<{ pages: number; bytes: number }> {
  const items: BoardPackItem[] = listPapers(dir).map((file, i) => ({
    number: i + 1,
    title: `Paper ${i + 1}: report on workstream ${i + 1}`,
    presenter: `Presenter ${i + 1}`,
    confidential: i % 7 === 6,
    // Read when the pack reaches the paper; synchronously, as qpdf reads, so that the thread pool's
    // round trips are not timed as ours.
    paper: { fileName: path.basename(file), load: () => Promise.resolve(readFileSync(file)) },
  }));
  const pack = await assembleBoardPack({
    boardName: 'Benchmark Board',
    meetingWhen: 'Tuesday 3 March 2026, 18:30',
    venue: 'Room 2',
    items,
    audience: 'members',
  });
  const fd = openSync(out, 'w');
  let bytes = 0;
  try {
    for await (const chunk of pack.chunks) bytes += writeSync(fd, chunk);
  } finally {
    closeSync(fd);
  }
  return { pages: pack.pages, bytes };
}

function listPapers(dir: string): string[] {
  return Array.from({ length: PAPERS }, (_, i) => path.join(dir, `paper-${String(i + 1).padStart(2, '0')}.pdf`));
}

/** Papers like the real ones: a heading, paragraphs of text, a table's rules and a chart drawn in vectors. */
async function generatePapers(dir: string): Promise<string[]> {
  const files = listPapers(dir);
  const words = 'the board notes the committee approves budget risk strategy quarter forecast variance staffing governance audit'.split(' ');
  for (const [index, file] of files.entries()) {
    const doc = await PDFDocument.create();
    const font = await doc.embedFont(StandardFonts.Helvetica);
    const bold = await doc.embedFont(StandardFonts.HelveticaBold);
    for (let p = 1; p <= PAGES_PER_PAPER; p += 1) {
      const page = doc.addPage([595.28, 841.89]);
      page.drawText(`Paper ${index + 1} \u2013 section ${p}`, { x: 56, y: 780, size: 16, font: bold });
      for (let line = 0; line < 28; line += 1) {
        const text = Array.from({ length: 14 }, (_, w) => words[(index * 7 + p * 3 + line * 5 + w) % words.length]).join(' ');
        page.drawText(text, { x: 56, y: 750 - line * 14, size: 10, font });
      }
      for (let row = 0; row <= 6; row += 1) page.drawLine({ start: { x: 56, y: 300 - row * 18 }, end: { x: 540, y: 300 - row * 18 }, thickness: 0.5 });
      for (let bar = 0; bar < 8; bar += 1) {
        const height = 20 + ((index + p + bar * 13) % 60);
        page.drawRectangle({ x: 320 + bar * 26, y: 330, width: 18, height, color: rgb(0.2, 0.4, 0.7 - bar * 0.05) });
      }
      page.drawCircle({ x: 150, y: 90, size: 30, borderColor: rgb(0.8, 0.2, 0.2), borderWidth: 2 });
      page.drawSvgPath('M 0 0 L 40 -30 L 80 -10 L 120 -50 L 160 -20', { x: 330, y: 120, borderColor: rgb(0, 0.5, 0), borderWidth: 1.5 });
    }
    writeFileSync(file, await doc.save());
  }
  return files;
}
