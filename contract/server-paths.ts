// Request fields that name files or folders on the machine that runs the app: the CLI and the desktop app may send
// them; the HTTP API refuses them, since any token holder (any machine with `serve --host 0.0.0.0`) could then read or
// write that machine's files. A method declares such a field by using one of these schemas, so it cannot forget.
import { z } from 'zod';

/** `path`: any value is a path on the server; `path-or-url`: a path unless it is an http(s) URL. */
export type ServerPathKind = 'path' | 'path-or-url';

const serverPathRegistry = z.registry<{ kind: ServerPathKind }>();

/** An absolute path on the machine that runs the app (POSIX, drive-letter or UNC). */
export const serverPathSchema = z
  .string()
  .max(4096)
  .regex(/^(?:\/|[A-Za-z]:[\\/]|\\\\)/, 'an absolute path')
  .register(serverPathRegistry, { kind: 'path' });

/** An http(s) URL, or an absolute folder path (or file:// URL) on the machine that runs the app. */
export const urlOrServerPathSchema = z.string().min(1).max(2000).register(serverPathRegistry, { kind: 'path-or-url' });

function unwrap(schema: z.ZodType): z.ZodType {
  let current = schema;
  while (current instanceof z.ZodOptional || current instanceof z.ZodDefault || current instanceof z.ZodNullable) {
    current = current.unwrap() as z.ZodType;
  }
  return current;
}

/** The top-level request fields that take a server path, with their kind. */
export function serverPathFieldsOf(request: z.ZodType): Map<string, ServerPathKind> {
  const fields = new Map<string, ServerPathKind>();
  if (!(request instanceof z.ZodObject)) return fields;
  for (const [name, schema] of Object.entries(request.shape as Record<string, z.ZodType>)) {
    const kind = serverPathRegistry.get(unwrap(schema))?.kind;
    if (kind) fields.set(name, kind);
  }
  return fields;
}

/** Which of `fields` the unvalidated `body` fills with a server path (an http(s) URL is none for `path-or-url`). */
export function serverPathsIn(fields: ReadonlyMap<string, ServerPathKind>, body: unknown): string[] {
  if (typeof body !== 'object' || body === null) return [];
  const values = body as Record<string, unknown>;
  return [...fields]
    .filter(([name, kind]) => {
      if (!Object.hasOwn(values, name) || values[name] === undefined) return false;
      const value = values[name];
      return kind === 'path' || (typeof value === 'string' && !/^https?:\/\//i.test(value.trim()));
    })
    .map(([name]) => name);
}
