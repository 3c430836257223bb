import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// Each layer rule of DESIGN.md §2 fires on an offending file placed in that layer (and stays quiet where allowed).
const root = join(import.meta.dirname, '../..');
const eslint = new ESLint({ cwd: root });

async function layerErrors(fixture: string, pretendPath: string): Promise<string[]> {
  const code = readFileSync(join(root, 'test/fixtures/layer-violations', fixture), 'utf8');
  const [result] = await eslint.lintText(code, { filePath: join(root, pretendPath) });
  return result!.messages.filter((m) => m.ruleId === 'layers/imports').map((m) => m.message);
}

describe('layer import rules', () => {
  it.each([
    ['shared-imports-node.ts', 'shared/domain/offender.ts', /'node:fs' is not allowed here: shared\/ imports only luxon, zod/],
    ['shared-imports-react.ts', 'shared/offender.ts', /'react' is not allowed here: shared\//],
    ['shared-imports-main.ts', 'shared/offender.ts', /reaches main\/core\/, which shared\/ may not import/],
    ['core-imports-electron.ts', 'main/core/offender.ts', /'electron' is not allowed here: main\/core\/ is Electron-free/],
    ['cli-requires-electron.ts', 'main/cli/offender.ts', /'electron' is not allowed here: only main\/electron\//],
    ['web-imports-electron-dynamically.ts', 'main/web/offender.ts', /'electron' is not allowed here/],
    ['renderer-imports-main.ts', 'renderer/offender.ts', /reaches main\/core\/, which renderer\/ may not import/],
    ['renderer-imports-electron.ts', 'renderer/offender.ts', /'electron' is not allowed here: renderer\/ talks to the host only through window\.triage/],
    ['core-imports-electron.ts', 'test/unit/offender.test.ts', /tests never import 'electron'/],
  ])('%s in %s is an error', async (fixture, path, message) => {
    const errors = await layerErrors(fixture, path);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(message);
  });

  it('lets main/electron import electron and the core', async () => {
    expect(await layerErrors('electron-imports-electron-and-core.ts', 'main/electron/allowed.ts')).toEqual([]);
  });
});
