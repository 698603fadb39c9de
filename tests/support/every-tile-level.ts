// A small fixed level (24 × 14) that uses every VGLC platformer tile, for the level-file tests.
export const everyTileRows: readonly string[] = [
  ...Array.from({ length: 8 }, () => '-'.repeat(24)),
  '------SSQ?S-------------',
  '------------------------',
  '------------<>------o---',
  '---------E--[]----B-----',
  '------------[]----b-E---',
  'XXXXXXXXXXXXXXXX---XXXXX',
];
