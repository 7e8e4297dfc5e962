import { execFile } from 'node:child_process';

/**
 * pdf-parse, in a Node process of its own: pdf.js loads its worker with a dynamic `import()`, which jest's
 * module system cannot run. The PDF goes in on stdin, the text comes back on stdout.
 */
const EXTRACT = `
const { PDFParse } = require('pdf-parse');
const chunks = [];
process.stdin.on('data', (c) => chunks.push(c)).on('end', async () => {
  const parser = new PDFParse({ data: new Uint8Array(Buffer.concat(chunks)) });
  const { text } = await parser.getText();
  await parser.destroy();
  process.stdout.write(text);
});`;

/** The text a PDF reader extracts from `pdf` (pdf.js, through each font's /ToUnicode), one string per line, trimmed. */
export function extractLines(pdf: Uint8Array): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = execFile(process.execPath, ['-e', EXTRACT], { cwd: __dirname, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`pdf-parse failed: ${stderr || error.message}`));
      else resolve(stdout.split('\n').map((line) => line.trim()));
    });
    child.stdin!.end(Buffer.from(pdf));
  });
}
