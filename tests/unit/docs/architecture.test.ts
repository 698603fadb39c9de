// docs/architecture.md stays true to the tree: every repository path it names in backticks exists, and its capability
// table names every contract method area and every task of the task table.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { methodIds, taskIds } from '../../../contract/index.js';
import { findPackageRoot } from '../../../main/platform/paths.js';

const root = findPackageRoot();
const page = readFileSync(join(root, 'docs', 'architecture.md'), 'utf8');
/** Everything in single backticks outside the fenced blocks. */
const spans = [...page.replace(/^```[\s\S]*?^```/gm, '').matchAll(/`([^`\n]+)`/g)].map((match) => match[1] as string);

/**
 * A span is a repository path when it has a slash and its first segment is an entry at the repository's root
 * (`main/…`, `contract/…`, `docs/…`); placeholders (`<domain>`) and ellipses make it a pattern, not a path.
 */
const topLevel = new Set(readdirSync(root).filter((name) => !name.startsWith('.') && name !== 'node_modules'));
const isRepositoryPath = (span: string): boolean =>
  /^[\w.-]+(\/[\w.-]+)*\/?$/.test(span) && span.includes('/') && topLevel.has(span.split('/')[0] as string);

describe('docs/architecture.md', () => {
  const paths = [...new Set(spans.filter(isRepositoryPath))];

  it('names only paths that exist', () => {
    // Enough paths that the check means something (the capability table alone names over a hundred).
    expect(paths.length).toBeGreaterThan(100);
    const missing = paths.filter((path) => !existsSync(join(root, path)));
    expect(missing, 'paths named in docs/architecture.md that do not exist').toEqual([]);
  });

  it('names no path-like span outside the repository (a typo in the first segment would escape the check)', () => {
    const strays = spans.filter(
      (span) => /^[a-z][\w.-]*(\/[\w.-]+)+\/?$/.test(span) && !topLevel.has(span.split('/')[0] as string),
    );
    expect(strays).toEqual([]);
  });

  it('has a row for every contract method area and every task of the task table', () => {
    const table = page.slice(page.indexOf('## Capability → where it lives'), page.indexOf('## The inference host'));
    const areas = [...new Set(methodIds.map((id) => id.split('.')[0] as string))];
    expect(areas.length).toBeGreaterThanOrEqual(7);
    for (const area of areas) expect(table, `a row for ${area}.*`).toContain(`\`${area}.*\``);
    for (const task of taskIds) expect(table, `a row for task ${task}`).toContain(`task \`${task}\``);
  });
});
