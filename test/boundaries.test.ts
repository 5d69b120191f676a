import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import { boundaries } from '../eslint.boundaries.js';

// The dependency rules without type information, so virtual files can be linted.
const eslint = new ESLint({
  overrideConfigFile: true,
  overrideConfig: [
    { files: ['**/*.ts'], languageOptions: { parser: tseslint.parser } },
    ...boundaries,
  ],
});

async function problems(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => m.ruleId ?? m.message);
}

describe('dependency direction (ARCHITECTURE.md)', () => {
  it('refuses the server, add-ons, ui and Node from shared/core', async () => {
    const from = 'shared/core/masking/x.ts';
    expect(await problems(from, "import { a } from '../../../sync-server/src/app';")).toEqual([
      'no-restricted-imports',
    ]);
    expect(await problems(from, "import { a } from '../../../addon-sheets/src/x';")).toEqual([
      'no-restricted-imports',
    ]);
    expect(await problems(from, "import { a } from '../../ui/panel';")).toEqual([
      'no-restricted-imports',
    ]);
    expect(await problems(from, "import { a } from 'node:crypto';")).toEqual([
      'no-restricted-imports',
    ]);
    expect(await problems(from, "import { a } from '../result';")).toEqual([]);
    expect(await problems(from, "import { z } from 'zod';")).toEqual([]);
  });

  it('lets add-ons import shared but not the server or each other', async () => {
    expect(
      await problems('addon-sheets/src/x.ts', "import { a } from '../../shared/core/result';"),
    ).toEqual([]);
    expect(
      await problems('addon-sheets/src/x.ts', "import { a } from '../../sync-server/src/app';"),
    ).toEqual(['no-restricted-imports']);
    expect(
      await problems('addon-excel/src/x.ts', "import { a } from '../../addon-sheets/src/x';"),
    ).toEqual(['no-restricted-imports']);
  });

  it('keeps the server away from add-ons and tests', async () => {
    expect(
      await problems('sync-server/src/x.ts', "import { a } from '../../shared/core/result';"),
    ).toEqual([]);
    expect(
      await problems('sync-server/src/x.ts', "import { a } from '../../addon-excel/src/x';"),
    ).toEqual(['no-restricted-imports']);
    expect(
      await problems('sync-server/src/x.ts', "import { a } from '../../test/fakes/x';"),
    ).toEqual(['no-restricted-imports']);
  });

  it('keeps shared/ui away from the server', async () => {
    expect(await problems('shared/ui/panel.ts', "import { a } from '../core/result';")).toEqual([]);
    expect(
      await problems('shared/ui/panel.ts', "import { a } from '../../sync-server/src/app';"),
    ).toEqual(['no-restricted-imports']);
  });
});
