// The released versions of level-platformer and where each one's reports live (recipes/<version>.json; the same rule
// as package_level.py's report_paths: a recipe's "reports" names them, else reports/<version>/).
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { newestFirst } from '../../common/semantic-version.js';

const here = new URL('.', import.meta.url).pathname;
const defaults = { evaluation: 'evaluation.json', variants: 'variants-report.json', bench: 'bench.md' } as const;
export type ReportKind = keyof typeof defaults;

/** Versions with a recipe, newest first. */
export function recipeVersions(): string[] {
  return newestFirst(
    readdirSync(join(here, 'recipes'))
      .filter((name) => name.endsWith('.json'))
      .map((name) => name.slice(0, -'.json'.length)),
  );
}

/** True when a version is released and frozen: its package is never rewritten (recipes/<version>.json "frozen"). */
export function isFrozen(version: string): boolean {
  const file = join(here, 'recipes', `${version}.json`);
  return existsSync(file) && (JSON.parse(readFileSync(file, 'utf8')) as { frozen?: boolean }).frozen === true;
}

/** The path of one version's report (evaluation.json, variants-report.json, bench.md). */
export function reportPath(version: string, kind: ReportKind): string {
  const file = join(here, 'recipes', `${version}.json`);
  if (!existsSync(file)) {
    throw new Error(`no recipe for level-platformer ${version}: add ${file} (recipes: ${recipeVersions().join(', ')})`);
  }
  const recipe = JSON.parse(readFileSync(file, 'utf8')) as { reports?: Partial<Record<ReportKind, string>> };
  return join(here, recipe.reports?.[kind] ?? join('reports', version, defaults[kind]));
}
