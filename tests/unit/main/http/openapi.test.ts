// The OpenAPI document's schemas: every $ref resolves from the document's root (#/components/schemas/…), as the
// generators and validators that do not follow embedded resources need.
import { describe, expect, it } from 'vitest';
import { buildOpenApiDocument, hoistDefinitions } from '../../../../main/http/openapi.js';

/** Every `$ref` in `value`, with where it stands. */
function refsIn(value: unknown, at = ''): [string, string][] {
  if (Array.isArray(value)) return value.flatMap((item, index) => refsIn(item, `${at}/${index}`));
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, inner]): [string, string][] =>
    key === '$ref' && typeof inner === 'string' ? [[at, inner]] : refsIn(inner, `${at}/${key}`),
  );
}

/** What a JSON pointer (`#/a/b`) names in `root`, or undefined. */
function resolvePointer(root: unknown, ref: string): unknown {
  if (!ref.startsWith('#/')) return undefined;
  return ref
    .slice(2)
    .split('/')
    .map((part) => part.replaceAll('~1', '/').replaceAll('~0', '~'))
    .reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], root);
}

describe('the OpenAPI document', () => {
  it('resolves every $ref from its root and embeds no schema resources', () => {
    const document = buildOpenApiDocument({ version: '1.0.0' });
    const refs = refsIn(document);
    expect(refs.length).toBeGreaterThan(0);
    for (const [at, ref] of refs) expect(resolvePointer(document, ref), `${ref} at ${at}`).toBeDefined();
    const text = JSON.stringify(document);
    expect(text).not.toContain('"$defs"');
    expect(text).not.toContain('"$id"');
    // The recursive JSON value type that models/show and models/preview answer with is one shared component.
    expect(refs.map(([, ref]) => ref)).toContain('#/components/schemas/JsonValue');
  });

  it('keeps one component for identical definitions and numbers different ones that share a name', () => {
    const tree = (leaf: string) => ({
      anyOf: [{ type: leaf }, { type: 'array', items: { $ref: '#/$defs/Tree' } }],
    });
    const embedded = (id: string, leaf: string) => ({
      $id: `urn:test:${id}`,
      $ref: '#/$defs/Tree',
      $defs: { Tree: tree(leaf) },
    });
    const document = hoistDefinitions({
      paths: { a: embedded('a', 'string'), b: embedded('b', 'string'), c: embedded('c', 'number') },
      components: { schemas: {} as Record<string, Record<string, unknown>> },
    });
    expect(Object.keys(document.components.schemas).sort()).toEqual(['Tree', 'Tree2']);
    expect(document.paths.a).toEqual({ $ref: '#/components/schemas/Tree' });
    expect(document.paths.b).toEqual({ $ref: '#/components/schemas/Tree' });
    expect(document.paths.c).toEqual({ $ref: '#/components/schemas/Tree2' });
    expect(document.components.schemas.Tree2).toEqual({
      anyOf: [{ type: 'number' }, { type: 'array', items: { $ref: '#/components/schemas/Tree2' } }],
    });
  });
});
