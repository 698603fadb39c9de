// Renders model library answers for a terminal: aligned tables and one-line summaries.
import { formatBytes as formatBytesIn } from '../../common/format-bytes.js';
import type {
  ActivationEntry,
  CatalogStatus,
  DiskUsage,
  GcReport,
  ModelDetail,
  ModelList,
  RemoveResult,
  VerifyReport,
} from '../../contract/index.js';

/** Decimal units (1 MB = 1,000,000 bytes) at a steady width for tables and progress lines. */
export function formatBytes(bytes: number): string {
  return formatBytesIn(bytes, 'fixed');
}

export function table(rows: string[][]): string {
  const widths = rows[0]?.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length))) ?? [];
  return rows
    .map((row) =>
      row
        .map((cell, column) => cell.padEnd(widths[column] ?? 0))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

export function formatList(list: ModelList): string {
  if (list.models.length === 0)
    return 'No models installed. See what the catalogs offer with "mosaic models catalogs".';
  const rows = [['NAME', 'ACTIVE', 'INSTALLED', 'TASK', 'SIZE', 'UPDATE']];
  for (const model of list.models) {
    rows.push([
      model.name,
      model.activeVersion ?? '-',
      model.versions.map((version) => version.version).join(', '),
      model.versions[0]?.task ?? '',
      formatBytes(model.diskBytes),
      model.update ? `${model.update.version} (${model.update.catalogId})` : '',
    ]);
  }
  return `${table(rows)}\n\n${formatBytes(list.totalBytes)} in all`;
}

export function formatDetail(detail: ModelDetail): string {
  const { manifest } = detail;
  const lines = [
    `${detail.name}@${detail.version}${detail.active ? ' (active)' : ''}`,
    `  task          ${manifest.task}`,
    `  precision     ${manifest.precision}${manifest.variants?.length ? ` (+ ${manifest.variants.map((v) => v.precision).join(', ')})` : ''}`,
    `  graph layout  ${manifest.graphLayout}`,
    `  licence       ${manifest.licence}; commercial use ${manifest.commercialUse ? 'allowed' : 'not allowed'}`,
    `  needs app     ${manifest.minAppVersion} or newer`,
    `  installed     ${detail.installedAt}`,
    `  folder        ${detail.folder}`,
  ];
  for (const data of manifest.trainingData) lines.push(`  trained on    ${data.name} (${data.licence})`);
  for (const [metric, value] of Object.entries(manifest.evaluation)) lines.push(`  evaluation    ${metric} = ${value}`);
  lines.push('  files');
  for (const file of detail.files)
    lines.push(`    ${file.path}  ${file.role}  ${formatBytes(file.size)}  ${file.blobPath}`);
  return lines.join('\n');
}

export function formatCatalogs(catalogs: CatalogStatus[]): string {
  const lines: string[] = [];
  for (const catalog of catalogs) {
    const note = catalog.status === 'unreachable' ? ` — unreachable: ${catalog.error?.message ?? ''}` : '';
    lines.push(`${catalog.id}${catalog.builtIn ? ' (bundled)' : ''}  ${catalog.location}${note}`);
    if (catalog.status === 'empty') lines.push('  (no models)');
    for (const model of catalog.models) {
      const versions = model.versions
        .map((v) => `${v.version}${v.installed ? '*' : ''}${v.compatible ? '' : ` (needs app ${v.minAppVersion})`}`)
        .join(', ');
      lines.push(`  ${model.name.padEnd(24)} ${model.task.padEnd(18)} ${versions}`);
    }
  }
  const anyModels = catalogs.some((catalog) => catalog.models.length > 0);
  return anyModels ? `${lines.join('\n')}\n\n* installed` : lines.join('\n');
}

/** What a removal freed and, when it removed the active version, which version is active now (or that none is). */
export function formatRemoved(result: RemoveResult): string {
  const head = `removed ${result.name}@${result.version}; freed ${formatBytes(result.freedBytes)}`;
  if (!result.wasActive) return head;
  if (result.activeVersion) {
    return `${head}\n${result.name}@${result.activeVersion} is active again: it was active before ${result.version} (activation log).`;
  }
  if (result.installedVersions.length === 0) {
    return `${head}\n${result.name} has no version installed now; install one with "mosaic models install ${result.name}".`;
  }
  return `${head}\n${result.name} has no active version now (installed: ${result.installedVersions.join(', ')}); activate one with "mosaic models use ${result.name}@${result.installedVersions[0]}".`;
}

export function formatHistory(entries: ActivationEntry[]): string {
  if (entries.length === 0) return 'No activations yet.';
  return table([
    ['WHEN', 'MODEL', 'FROM', 'TO', 'WHY'],
    ...entries.map((entry) => [entry.at, entry.name, entry.from ?? '-', entry.to ?? '-', entry.reason]),
  ]);
}

export function formatVerify(report: VerifyReport): string {
  const head = `Checked ${report.checkedBlobs} blobs (${formatBytes(report.checkedBytes)}) in ${(report.elapsedMs / 1000).toFixed(1)} s`;
  if (report.damaged.length === 0) return `${head}: all intact.`;
  const lines = [`${head}: ${report.damaged.length} damaged.`];
  for (const damage of report.damaged) {
    const users = damage.usedBy.length > 0 ? ` (used by ${damage.usedBy.join(', ')})` : ' (unused)';
    lines.push(`  ${damage.repaired ? 'repaired' : 'DAMAGED '} ${damage.path}: ${damage.problem}${users}`);
  }
  if (!report.ok) lines.push('Run "mosaic models verify --repair" to fetch damaged files again from the catalogs.');
  return lines.join('\n');
}

export function formatGc(report: GcReport): string {
  const verb = report.dryRun ? 'Would free' : 'Freed';
  return `${verb} ${formatBytes(report.freedBytes)}: ${report.removedBlobs.length} unused blobs, ${report.removedPartials} leftover partial downloads and temp files.`;
}

export function formatUsage(usage: DiskUsage): string {
  const rows = [['MODEL', 'VERSION', 'SIZE', 'ONLY ITS OWN']];
  for (const model of usage.models) {
    rows.push([model.name, '', formatBytes(model.bytes), '']);
    for (const version of model.versions) {
      rows.push(['', version.version, formatBytes(version.bytes), formatBytes(version.exclusiveBytes)]);
    }
  }
  return [
    table(rows),
    '',
    `blobs ${formatBytes(usage.blobBytes)}, partial downloads ${formatBytes(usage.partialBytes)}, unused (gc frees) ${formatBytes(usage.unreferencedBytes)}`,
  ].join('\n');
}
