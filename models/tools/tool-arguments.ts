// Command-line arguments of the Node tools in models/tools: `--name value` flags, positional arguments, and graphs
// given as `[label=]model.onnx`.
import { basename } from 'node:path';

/** Splits `--name value` pairs (a flag takes the next argument) from the positional arguments, in order. */
export function splitArguments(argv: readonly string[]): { named: Map<string, string>; positional: string[] } {
  const named = new Map<string, string>();
  const positional: string[] = [];
  for (let index = 0; index < argv.length; index += 1) {
    const argument = argv[index]!;
    if (argument.startsWith('--')) named.set(argument.slice(2), argv[(index += 1)] ?? '');
    else positional.push(argument);
  }
  return { named, positional };
}

/** `label=path` → that label; a bare path → `fallback(path)`. */
export function labelledPath(argument: string, fallback: (path: string) => string): { label: string; file: string } {
  const equals = argument.indexOf('=');
  return equals > 0
    ? { label: argument.slice(0, equals), file: argument.slice(equals + 1) }
    : { label: fallback(argument), file: argument };
}

/** A variant graph's name from its file: "model.int8-dynamic.onnx" → "int8-dynamic"; `fallback` for "model.onnx". */
export function variantLabel(file: string, fallback: string): string {
  const parts = basename(file, '.onnx').split('.');
  return parts.length > 1 ? parts[parts.length - 1]! : fallback;
}
