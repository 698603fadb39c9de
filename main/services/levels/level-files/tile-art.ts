// 16×16 pixel art for each VGLC tile, drawn by the project itself: character maps over a small NES-like palette, a
// row that repeats (pipe bodies, brick courses, block sides) written once with its count.

/** Palette of the character maps ('.' is transparent). */
export const palette: Readonly<Record<string, number>> = {
  k: 0x000000,
  b: 0xc84c0c,
  l: 0xfcbcb0,
  o: 0xfc9838,
  y: 0xf8d820,
  w: 0xfcfcfc,
  g: 0x00a800,
  G: 0xb8f818,
  d: 0x005800,
  n: 0x404040,
  m: 0x7c7c7c,
  s: 0xbcbcbc,
  B: 0x8c3c0c,
  t: 0xf0d0b0,
};

/** A row of art, or a row repeated: [row, times]. */
type ArtRun = string | readonly [row: string, times: number];

/** A tile's rows from runs, top to bottom: the long runs of one row (pipes, block sides) written once. */
function rowsOf(...runs: readonly ArtRun[]): string[] {
  return runs.flatMap((run) => (typeof run === 'string' ? [run] : Array.from({ length: run[1] }, () => run[0])));
}

const mortar = 'kkkkkkkkkkkkkkkk';
/** The brick wall's courses, top to bottom: where its joints are, and how many rows it fills above its mortar line. */
const brickCourses: readonly (readonly [joints: string, rows: number])[] = [
  ['bbbbbbbkbbbbbbbk', 2],
  ['bbbkbbbbbbbkbbbb', 3],
  ['bbbbbbbkbbbbbbbk', 3],
  ['bbbkbbbbbbbkbbbb', 3],
];

/** The brick wall (S): a highlight row, then each course and its mortar line, the joints offset course by course. */
function brickWall(): string[] {
  return rowsOf('llllllllllllllll', ...brickCourses.flatMap(([joints, rows]): ArtRun[] => [[joints, rows], mortar]));
}

/** The art of every solid or visible tile (air is the map's background colour). */
// prettier-ignore
export const tileArt: Readonly<Record<string, readonly string[]>> = {
  X: [
    'lllllllllllllllk',
    'lbbbbbbbbbbbbbbk',
    'lbbbbbbbbbbbbbbk',
    'lbbkbbbbbbbbbbbk',
    'lbbbkbbbbbbbbbbk',
    'lbbbbkkbbbbbbbbk',
    'lbbbbbbkbbbbbbbk',
    'lbbbbbbbbbbbbbbk',
    'lbbbbbbbbbbbkbbk',
    'lbbbbbbbbbbkbbbk',
    'lbbbbbbbbbbbbbbk',
    'lbbbbbbbbbbbbbbk',
    'lbbbbbkbbbbbbbbk',
    'lbbbbbbkbbbbbbbk',
    'lbbbbbbbbbbbbbbk',
    'kkkkkkkkkkkkkkkk',
  ],
  S: brickWall(),
  '?': [
    'bbbbbbbbbbbbbbbb',
    'booooooooooooook',
    'bokooooooooookok',
    'booooobbbbkooook',
    'boooobbkkbbooook',
    'boooobbkobbooook',
    'booooookbbkooook',
    'boooooobbkoooook',
    'boooooobbkoooook',
    'boooooookkoooook',
    'boooooobbkoooook',
    'boooooookkoooook',
    'booooooooooooook',
    'bokooooooooookok',
    'booooooooooooook',
    'bkkkkkkkkkkkkkkk',
  ],
  Q: rowsOf(
    ['bbbbbbbbbbbbbbbk', 2],
    'bbkbbbbbbbbbbkbk',
    ['bbbbbbbbbbbbbbbk', 10],
    'bbkbbbbbbbbbbkbk',
    'bbbbbbbbbbbbbbbk',
    'kkkkkkkkkkkkkkkk',
  ),
  E: [
    '................',
    '......BBBB......',
    '.....BBBBBB.....',
    '....BBBBBBBB....',
    '...BkkBBBBkkB...',
    '..BBBwkBBkwBBB..',
    '..BBBwkkkkwBBB..',
    '.BBBBwwkkwwBBBB.',
    '.BBBBBBBBBBBBBB.',
    'BBBBBBBBBBBBBBBB',
    '.BBBBttttttBBBB.',
    '....tttttttt....',
    '....tttttttt....',
    '..kkkttttttkkk..',
    '.kkkkkttttkkkkk.',
    '.kkkkkk..kkkkkk.',
  ],
  '<': rowsOf('kkkkkkkkkkkkkkkk', ['kGGgGGgggggggggg', 13], 'kkkkkkkkkkkkkkkk', '..kkkkkkkkkkkkkk'),
  '>': rowsOf('kkkkkkkkkkkkkkkk', ['ggggggggggdgdddk', 13], 'kkkkkkkkkkkkkkkk', 'kkkkkkkkkkkkkk..'),
  '[': rowsOf(['..kGGgGGgggggggg', 16]),
  ']': rowsOf(['ggggggggdgdddk..', 16]),
  o: [
    '................',
    '......kkkk......',
    '.....kyyyyk.....',
    '....kyywyyyk....',
    '....kywyyyyk....',
    '....kywyyyyk....',
    '....kywyyyyk....',
    '....kywyyyyk....',
    '....kywyyyyk....',
    '....kywyyyyk....',
    '....kywyyyyk....',
    '....kyyyyyok....',
    '.....kyyyok.....',
    '......kkkk......',
    '................',
    '................',
  ],
  B: [
    '...kkkkkkkkkk...',
    '..knnnnnnnnnnk..',
    '.knnmmnnnnnnnnk.',
    '.knmmnnnnnnnnnk.',
    'knnmnnnkkknnnnnk',
    'knnnnnkwwwknnnnk',
    'knnnnnkwkwknnnnk',
    'knnnnnkwwwknnnnk',
    'knnnnnnkwknnnnnk',
    'knnnnnnnnnnnnnnk',
    '.knnnnnnnnnnnnk.',
    '.knnnnnnnnnnnnk.',
    '..knnnnnnnnnnk..',
    'kkkkkkkkkkkkkkkk',
    'kssssssssssssssk',
    'kkkkkkkkkkkkkkkk',
  ],
  b: [
    '..kmmmmmmmmmmk..',
    '..kmsmmmmmmmmk..',
    '..kmsmmmmmmmmk..',
    '..kmsmmmmmmmmk..',
    '..kmmmmmmmmmmk..',
    '..kmmmkkkkmmmk..',
    '..kmmkkkkkkmmk..',
    '..kmmkkkkkkmmk..',
    '..kmmmkkkkmmmk..',
    '..kmmmmmmmmmmk..',
    '..kmsmmmmmmmmk..',
    '..kmsmmmmmmmmk..',
    '..kmmmmmmmmmmk..',
    '..kmmmmmmmmmmk..',
    '..kmmmmmmmmmmk..',
    '..kkkkkkkkkkkkk.',
  ],
};
