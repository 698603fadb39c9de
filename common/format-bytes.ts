// Byte counts for people, in decimal units as disks and networks are sold (1 MB = 1,000,000 bytes) — the units the
// CLI, the Studio and the README all use.

/**
 * `fixed` keeps three significant digits (`1.00 kB`, `12.3 MB`, `200.0 MB`) so columns and progress lines do not
 * jitter; `compact` drops what the eye does not need (`1.5 kB`, `200 MB`).
 */
export function formatBytes(bytes: number, style: 'fixed' | 'compact' = 'compact'): string {
  if (bytes < 1000) return `${bytes} B`;
  const units = ['kB', 'MB', 'GB', 'TB'];
  let value = bytes / 1000;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  const digits = style === 'fixed' ? (value < 10 ? 2 : 1) : value >= 100 ? 0 : 1;
  return `${value.toFixed(digits)} ${units[unit]}`;
}
