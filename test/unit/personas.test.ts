import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { EMAIL_KINDS } from '../../functions/emails';
import { NO_ACTION, PERSONAS, personaFor } from '../../local/personas';

const ROOT = path.join(__dirname, '..', '..');
const PERSONAS_DIR = path.join(ROOT, 'local', 'personas');
const LINKS_DIR = path.join(ROOT, 'functions', 'http', 'links');

const personaSources = readdirSync(PERSONAS_DIR)
  .filter((f) => f.endsWith('.ts'))
  .map((f) => ({ file: f, source: readFileSync(path.join(PERSONAS_DIR, f), 'utf8') }));

/** The text of the second argument of each call `name(…)` in `source`, read up to its closing comma or parenthesis. */
function secondArguments(source: string, name: string): string[] {
  const found: string[] = [];
  for (const m of source.matchAll(new RegExp(`\\b${name}\\(`, 'g'))) {
    let depth = 0;
    let start = -1;
    for (let i = (m.index ?? 0) + m[0].length; i < source.length; i++) {
      const ch = source[i] ?? '';
      if ('([{'.includes(ch)) depth++;
      else if (')]}'.includes(ch)) {
        if (depth === 0) {
          if (start >= 0) found.push(source.slice(start, i).trim());
          break;
        }
        depth--;
      } else if (ch === ',' && depth === 0) {
        if (start >= 0) {
          found.push(source.slice(start, i).trim());
          break;
        }
        start = i + 1;
      }
    }
  }
  return found;
}

/** The names a source imports from the link pages' modules. */
function pageImports(source: string): Set<string> {
  const names = new Set<string>();
  for (const m of source.matchAll(/import\s*\{([^}]*)\}\s*from\s*'[./]*functions\/http\/links\/[a-z-]+\/page'/g)) {
    for (const name of (m[1] ?? '').split(',')) if (name.trim()) names.add(name.trim());
  }
  return names;
}

describe('the local robot’s personas', () => {
  it('decide what happens to every kind of email, and only to kinds that exist', () => {
    expect(Object.keys(PERSONAS).sort()).toEqual([...EMAIL_KINDS].sort());
    for (const value of Object.values(PERSONAS)) expect(typeof value === 'function' || value === NO_ACTION).toBe(true);
  });

  it('answer the emails that ask for something, and leave the rest and unknown kinds alone', () => {
    expect(personaFor({ kind: 'agenda-call' })).toBe(PERSONAS['agenda-call']);
    expect(personaFor({ kind: 'paper-reminder' })).toBe(PERSONAS['paper-request']);
    expect(personaFor({ kind: 'cycle-closed' })).toBeUndefined();
    expect(personaFor({ kind: '' })).toBeUndefined();
  });

  it('press buttons by the labels the link pages export, never by a label written out', () => {
    let submits = 0;
    for (const { file, source } of personaSources) {
      const imported = pageImports(source);
      for (const label of secondArguments(source, 'submit')) {
        submits++;
        // A label read from the page's own form is what the page rendered; any other must be a page's export.
        const fromPage = imported.has(label) || /^\w+\.submitLabel$/.test(label);
        expect({ file, label, fromPage }).toEqual({ file, label, fromPage: true });
      }
      expect({ file, literals: source.match(/submitLabel(\s*===\s*|\.startsWith\(\s*)['"`]/g) ?? [] }).toEqual({ file, literals: [] });
    }
    expect(submits).toBeGreaterThanOrEqual(10);
  });

  it('find each exported button label written once in its page, which renders it through the constant', () => {
    const pages = readdirSync(LINKS_DIR, { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => path.join(LINKS_DIR, e.name, 'page.ts'))
      .filter((file) => readdirSync(path.dirname(file)).includes('page.ts'));
    const used = new Set(personaSources.flatMap(({ source }) => [...pageImports(source)]));
    const exported = new Set<string>();
    for (const file of pages) {
      const source = readFileSync(file, 'utf8');
      for (const m of source.matchAll(/export const (\w+_BUTTON\w*) = '([^']+)';/g)) {
        const [, name = '', label = ''] = m;
        exported.add(name);
        const literals = source.split(`'${label}'`).length - 1;
        const uses = source.match(new RegExp(`\\b${name}\\b`, 'g'))?.length ?? 0;
        expect({ name, literals, usedInPage: uses > 1 }).toEqual({ name, literals: 1, usedInPage: true });
      }
    }
    for (const name of used) if (name.endsWith('_BUTTON') || name.endsWith('_BUTTON_PREFIX')) expect(exported).toContain(name);
    expect(exported.size).toBeGreaterThanOrEqual(10);
  });
});
