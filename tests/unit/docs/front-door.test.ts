// The README is the project's front door and docs/ holds the rest: the README stays small, and every relative link in
// it and in docs/*.md opens a file of this repository (and a heading in it, for a #anchor), as GitHub renders them.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const repositoryRoot = fileURLToPath(new URL('../../../', import.meta.url));

/** The README's size limit in bytes (12 KiB): what it must say fits; the rest belongs in docs/. */
const readmeByteLimit = 12_288;

/** Markdown with fenced code blocks and inline code spans blanked out (their text is not markup). */
function withoutCode(markdown: string): string {
  const lines = markdown.split('\n');
  let fence: string | null = null;
  const kept = lines.map((line) => {
    const opening = /^\s{0,3}(`{3,}|~{3,})/.exec(line);
    if (fence === null && opening) {
      fence = opening[1]!;
      return '';
    }
    if (fence !== null) {
      if (line.trim().startsWith(fence)) fence = null;
      return '';
    }
    return line.replace(/(`+)[\s\S]*?\1/g, '');
  });
  return kept.join('\n');
}

/** GitHub's anchor for a heading's text: lower case, punctuation dropped, spaces to hyphens. */
function githubSlug(heading: string): string {
  const text = heading
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1') // a link in a heading keeps its text
    .replace(/<[^>]+>/g, '')
    .trim()
    .toLowerCase();
  return text.replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '').replace(/ /g, '-');
}

/** Every anchor a markdown file's headings define (a repeated slug gets -1, -2 … as on GitHub). */
function headingAnchors(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const anchors = new Set<string>();
  const lines = markdown.split('\n');
  let inFence = false;
  for (const line of lines) {
    if (/^\s{0,3}(`{3,}|~{3,})/.test(line)) inFence = !inFence;
    if (inFence) continue;
    const heading = /^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (!heading) continue;
    const slug = githubSlug(heading[1]!.replace(/`/g, ''));
    const count = seen.get(slug) ?? 0;
    anchors.add(count === 0 ? slug : `${slug}-${count}`);
    seen.set(slug, count + 1);
  }
  return anchors;
}

/** The targets of a markdown file's inline links and images, outside code. */
function linkTargets(markdown: string): string[] {
  const targets: string[] = [];
  for (const match of withoutCode(markdown).matchAll(/!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) {
    targets.push(match[1]!);
  }
  return targets;
}

/** What is wrong with each relative link of `file` (a path under `root`); empty when every link resolves. */
function brokenLinks(root: string, file: string): string[] {
  const problems: string[] = [];
  const source = path.join(root, file);
  const markdown = readFileSync(source, 'utf8');
  for (const target of linkTargets(markdown)) {
    if (/^[a-z][a-z0-9+.-]*:/i.test(target)) {
      if (/^(https?|mailto):/i.test(target)) continue;
      problems.push(`${file}: ${target} is a ${target.split(':')[0]}: link; link a file of the repository relatively`);
      continue;
    }
    const [pathPart = '', anchor] = target.split('#', 2);
    if (pathPart.startsWith('/')) {
      problems.push(`${file}: ${target} is absolute; write it relative to ${path.dirname(file)}`);
      continue;
    }
    const resolved = pathPart === '' ? source : path.resolve(path.dirname(source), decodeURIComponent(pathPart));
    const inside = path.relative(root, resolved);
    if (inside.startsWith('..') || path.isAbsolute(inside)) {
      problems.push(`${file}: ${target} leaves the repository (a clone has no ${inside})`);
      continue;
    }
    if (!existsSync(resolved)) {
      problems.push(`${file}: ${target} names ${inside}, which does not exist`);
      continue;
    }
    if (anchor !== undefined && anchor !== '') {
      if (statSync(resolved).isDirectory() || !resolved.endsWith('.md')) {
        problems.push(`${file}: ${target} has an anchor but ${inside} is not a markdown file`);
        continue;
      }
      const anchors = headingAnchors(readFileSync(resolved, 'utf8'));
      if (!anchors.has(anchor)) {
        problems.push(`${file}: ${target}: ${inside} has no heading #${anchor} (it has ${[...anchors].join(', ')})`);
      }
    }
  }
  return problems;
}

/** docs files that may lack the link back to the README for now, each with why. */
const backLinkExceptions: Record<string, string> = {
  'docs/architecture.md': 'rewritten by the layout work of issue 22 (point 4); it adds the link back',
};

function documentationFiles(): string[] {
  const docs = readdirSync(path.join(repositoryRoot, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .map((name) => `docs/${name}`);
  return ['README.md', ...docs.sort()];
}

describe('the README as a front door', () => {
  it(`is at most ${readmeByteLimit} bytes`, () => {
    const bytes = statSync(path.join(repositoryRoot, 'README.md')).size;
    expect(bytes, `README.md is ${bytes} bytes; move detail into docs/`).toBeLessThanOrEqual(readmeByteLimit);
  });

  it('links every file in docs/, and every one of them links back to it', () => {
    const readmeTargets = linkTargets(readFileSync(path.join(repositoryRoot, 'README.md'), 'utf8'));
    for (const file of documentationFiles().filter((name) => name.startsWith('docs/'))) {
      expect(
        readmeTargets.some((target) => target.split('#')[0] === file),
        `README.md links ${file}`,
      ).toBe(true);
      if (file in backLinkExceptions) continue;
      const targets = linkTargets(readFileSync(path.join(repositoryRoot, file), 'utf8'));
      expect(
        targets.some((target) => target.split('#')[0] === '../README.md'),
        `${file} links back to ../README.md`,
      ).toBe(true);
    }
  });

  it('every relative link in README.md and docs/*.md opens a file (and heading) of this repository', () => {
    const files = documentationFiles();
    expect(files.length).toBeGreaterThan(5);
    const problems = files.flatMap((file) => brokenLinks(repositoryRoot, file));
    expect(problems).toEqual([]);
  });
});

describe('the link checker', () => {
  const scratch = mkdtempSync(path.join(tmpdir(), 'mosaic-docs-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('makes the anchors GitHub makes', () => {
    expect(githubSlug('What changed in this release')).toBe('what-changed-in-this-release');
    expect(githubSlug('The `mosaic` command')).toBe('the-mosaic-command');
    expect(githubSlug('Open Inference Protocol v2 (/v2)')).toBe('open-inference-protocol-v2-v2');
    expect(githubSlug('level-platformer 1.1.0-rc.1 against 1.0.0')).toBe('level-platformer-110-rc1-against-100');
    expect([...headingAnchors('# A\n```\n# not a heading\n```\n## A\n### B')]).toEqual(['a', 'a-1', 'b']);
  });

  it('finds links outside code only', () => {
    const markdown = 'See [cli](docs/cli.md#exit-codes) and `[not](a.md)`.\n```\n[no](b.md)\n```\n![img](x.png)';
    expect(linkTargets(markdown)).toEqual(['docs/cli.md#exit-codes', 'x.png']);
  });

  it('reports a missing file, a missing heading, a link out of the repository and an absolute one', () => {
    writeFileSync(path.join(scratch, 'target.md'), '# Target\n\n## Exit codes\n');
    writeFileSync(
      path.join(scratch, 'index.md'),
      [
        '[ok](target.md#exit-codes) [self](#index) [web](https://example.com)',
        '[gone](missing.md) [heading](target.md#nope) [out](../shared/DESIGN.md) [abs](/etc/passwd)',
        '# Index',
      ].join('\n'),
    );
    const problems = brokenLinks(scratch, 'index.md');
    expect(problems).toHaveLength(4);
    expect(problems[0]).toContain('missing.md');
    expect(problems[1]).toContain('no heading #nope');
    expect(problems[2]).toContain('leaves the repository');
    expect(problems[3]).toContain('absolute');
  });
});
