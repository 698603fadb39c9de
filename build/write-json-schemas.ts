// Writes the package and catalog formats as JSON Schema (contract/schemas/) from the contract's zod schemas.
// Usage: node --import tsx build/write-json-schemas.ts   (a test fails when the committed files are stale)
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as prettier from 'prettier';
import { z } from 'zod';
import { catalogIndexSchema, modelManifestSchema } from '../contract/index.js';

const root = fileURLToPath(new URL('..', import.meta.url));

export const jsonSchemaFiles: { file: string; id: string; schema: z.ZodType }[] = [
  {
    file: 'contract/schemas/model-manifest.schema.json',
    id: 'urn:mosaic-studio:schema:model-manifest:1',
    schema: modelManifestSchema,
  },
  {
    file: 'contract/schemas/catalog.schema.json',
    id: 'urn:mosaic-studio:schema:catalog:1',
    schema: catalogIndexSchema,
  },
];

/** The JSON Schema text for one file, formatted as the repository's prettier would. */
export async function renderJsonSchema(entry: (typeof jsonSchemaFiles)[number]): Promise<string> {
  // "input": the schema describes the file as written, where defaulted fields may be left out.
  const { $schema, ...rest } = z.toJSONSchema(entry.schema, { io: 'input', target: 'draft-2020-12' });
  const text = JSON.stringify({ $schema, $id: entry.id, ...rest }, null, 2);
  const options = await prettier.resolveConfig(join(root, entry.file));
  return prettier.format(text, { ...options, parser: 'json' });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const entry of jsonSchemaFiles) {
    await writeFile(join(root, entry.file), await renderJsonSchema(entry));
    console.log(`wrote ${entry.file}`);
  }
}
