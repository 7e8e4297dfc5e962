import { BARREL, barrelExports, importedNames, withoutReExports } from '../../infra/constructs/flat-barrels';

/** A barrel as the SDK writes them (@smithy/core/dist-es/submodules/serde/index.js, cut down). */
const SERDE = `import { getRandomValues } from "node:crypto";
import { toBase64 } from "./util-base64/toBase64";
import { bindV4 } from "./uuid/v4";
export { copyDocumentWithTransform } from "./copyDocumentWithTransform";
export { dateToUtcString, parseRfc3339DateTime,
  parseEpochTimestamp as parseEpoch, } from "./date-utils";
export { getSmithyContext } from "@smithy/core/transport";
export { toBase64 };
export const v4 = bindV4(getRandomValues);
`;

describe('flattening the SDK barrels (infra/constructs/flat-barrels.ts)', () => {
  it('knows the SDK core barrels by their specifiers, and nothing else', () => {
    expect(['@smithy/core', '@smithy/core/protocols', '@aws-sdk/core/protocols', '@aws-sdk/core'].every((s) => BARREL.test(s))).toBe(true);
    expect(['@aws-sdk/client-s3', '@smithy/core-extra', './protocols', '@smithy/core/protocols/x'].some((s) => BARREL.test(s))).toBe(false);
  });

  it('traces each re-exported name to the file that exports it, through renames and imports it re-exports', () => {
    const exports = barrelExports(SERDE);
    expect(Object.fromEntries(exports)).toEqual({
      copyDocumentWithTransform: { from: './copyDocumentWithTransform', name: 'copyDocumentWithTransform' },
      dateToUtcString: { from: './date-utils', name: 'dateToUtcString' },
      parseRfc3339DateTime: { from: './date-utils', name: 'parseRfc3339DateTime' },
      parseEpoch: { from: './date-utils', name: 'parseEpochTimestamp' },
      getSmithyContext: { from: '@smithy/core/transport', name: 'getSmithyContext' },
      toBase64: { from: './util-base64/toBase64', name: 'toBase64' },
    });
    // A name the barrel defines itself is not a re-export: it comes from the barrel's own code.
    expect(exports.has('v4')).toBe(false);
  });

  it('keeps a barrel’s own definitions and their imports when its re-exports are taken out', () => {
    const own = withoutReExports(SERDE);
    expect(own).toContain('export const v4 = bindV4(getRandomValues);');
    expect(own).toContain('import { bindV4 } from "./uuid/v4";');
    expect(own).not.toContain('./date-utils');
    expect(own).not.toContain('@smithy/core/transport');
  });

  it('reads the names an importer takes from a barrel, across lines and renames', () => {
    const code = `import { a, b as c,\n  d } from "@smithy/core/serde";\nimport { x } from "@smithy/core/protocols";\nexport { e } from "@smithy/core/serde";`;
    expect(importedNames(code, '@smithy/core/serde')).toEqual(['a', 'b', 'd', 'e']);
    expect(importedNames(code, '@smithy/core/protocols')).toEqual(['x']);
  });

  it('leaves an importer to the real barrel when it takes more than named bindings', () => {
    expect(importedNames(`import * as serde from "@smithy/core/serde";`, '@smithy/core/serde')).toBeUndefined();
    expect(importedNames(`import { a } from "@smithy/core/serde";\nexport * from "@smithy/core/serde";`, '@smithy/core/serde')).toBeUndefined();
    expect(importedNames(`import d, { a } from "@smithy/core/serde";`, '@smithy/core/serde')).toBeUndefined();
    expect(importedNames(`import "@smithy/core/serde";`, '@smithy/core/serde')).toBeUndefined();
    expect(importedNames(`import { a } from "@smithy/core/serde-x";`, '@smithy/core/serde')).toBeUndefined();
  });
});
