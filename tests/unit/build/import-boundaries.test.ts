// The dependency lines of DESIGN.md, checked against the lint configuration itself.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { findPackageRoot } from '../../../main/platform/paths.js';

const eslint = new ESLint({ cwd: findPackageRoot() });

async function restrictedImports(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((message) => message.ruleId === 'no-restricted-imports').map((m) => m.message);
}

const electron = "import { app } from 'electron';\nexport const a = app;\n";
const ort = "import * as ort from 'onnxruntime-node';\nexport const o = ort;\n";
const fs = "import { readFileSync } from 'node:fs';\nexport const r = readFileSync;\n";

describe('import boundaries', () => {
  it('lets only main/app and main/preload import electron', async () => {
    expect(await restrictedImports('main/app/x.ts', electron)).toEqual([]);
    expect(await restrictedImports('main/preload/x.ts', electron)).toEqual([]);
    for (const file of [
      'main/services/x.ts',
      'main/inference/x.ts',
      'main/http/x.ts',
      'renderer/src/x.ts',
      'contract/x.ts',
      'common/x.ts',
    ]) {
      expect(await restrictedImports(file, electron)).toHaveLength(1);
    }
  });

  it('lets only main/inference import onnxruntime-node', async () => {
    expect(await restrictedImports('main/inference/x.ts', ort)).toEqual([]);
    for (const file of ['main/services/x.ts', 'main/app/x.ts', 'renderer/src/x.ts', 'contract/x.ts', 'common/x.ts']) {
      expect(await restrictedImports(file, ort)).toHaveLength(1);
    }
  });

  it('keeps Node out of the renderer, the contract and common/', async () => {
    expect(await restrictedImports('main/services/x.ts', fs)).toEqual([]);
    expect(await restrictedImports('renderer/src/x.ts', fs)).toHaveLength(1);
    expect(await restrictedImports('contract/x.ts', fs)).toHaveLength(1);
    expect(await restrictedImports('common/x.ts', fs)).toHaveLength(1);
  });

  it('keeps the contract free of everything outside it, common/ included', async () => {
    const helper = "import { formatBytes } from '../common/format-bytes.js';\nexport const f = formatBytes;\n";
    expect(await restrictedImports('contract/x.ts', helper)).toHaveLength(1);
    expect(await restrictedImports('renderer/src/x.ts', helper)).toEqual([]);
    expect(
      await restrictedImports('contract/x.ts', "import { z } from 'zod';\nexport const s = z.string();\n"),
    ).toEqual([]);
  });
});
