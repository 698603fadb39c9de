// Super Mario Bros jump arcs in tiles, from VGLC's SMB_estimated_jumps.json (MIT, Summerville et al.): 26 to the right.

/**
 * Each arc lists the cells the player passes through, relative to where the jump starts (dx right, dy down; negative dy
 * is up). Arcs rise at most 4 tiles and reach at most 9 tiles across; the player falls straight down after the last cell.
 */
// prettier-ignore
const rightArcs: readonly (readonly [number, number])[][] = [
  [[0,-1],[1,-1],[2,-1],[2,-1],[3,-1],[4,-1],[4,0]],
  [[0,-1],[1,-1],[2,-1],[2,-1],[3,-1],[4,-1],[4,0],[5,0],[5,1],[6,1],[6,2]],
  [[0,-1],[1,-1],[2,-1],[2,-1],[3,-1],[3,0],[4,0],[5,0],[5,1],[5,2],[6,2],[6,3]],
  [[0,-1],[1,-1],[1,-2],[2,-2],[2,-3],[3,-3],[3,-3],[4,-3],[5,-3],[5,-2],[6,-2],[6,-1],[7,-1],[7,0]],
  [[0,-1],[1,-1],[1,-2],[2,-2],[2,-3],[3,-3],[3,-3],[4,-3],[4,-2],[5,-2],[6,-2],[6,-1],[6,0],[7,0],[7,1]],
  [[0,-1],[1,-1],[1,-2],[2,-2],[2,-3],[3,-3],[3,-4],[4,-4],[5,-4],[5,-4],[6,-4],[6,-3],[7,-3],[8,-3],[8,-2],[8,-1],[9,-1],[9,0]],
  [[0,-1],[1,-1],[1,-1],[2,-1],[3,-1],[3,0]],
  [[0,-1],[1,-1],[1,-1],[2,-1],[3,-1],[3,0],[4,0],[4,1],[5,1],[5,2]],
  [[0,-1],[1,-1],[1,-1],[2,-1],[2,0],[3,0],[4,0],[4,1],[4,2],[5,2],[5,3]],
  [[0,-1],[1,-1],[1,-2],[2,-2],[2,-3],[3,-3],[3,-4],[4,-4],[4,-4],[5,-4],[5,-3],[6,-3],[7,-3],[7,-2],[7,-1],[8,-1],[8,0]],
  [[0,-1],[1,-1],[1,-2],[1,-3],[2,-3],[2,-3],[3,-3],[4,-3],[4,-2],[5,-2],[5,-1],[6,-1],[6,0]],
  [[0,-1],[1,-1],[1,-2],[1,-3],[2,-3],[2,-3],[3,-3],[3,-2],[4,-2],[5,-2],[5,-1],[5,0],[6,0],[6,1]],
  [[0,-1],[1,-1],[1,-2],[1,-3],[2,-3],[2,-4],[3,-4],[4,-4],[4,-4],[5,-4],[5,-3],[6,-3],[7,-3],[7,-2],[7,-1],[8,-1],[8,0]],
  [[0,-1],[1,-1],[1,-2],[1,-3],[2,-3],[2,-4],[3,-4],[3,-4],[4,-4],[4,-3],[5,-3],[6,-3],[6,-2],[6,-1],[7,-1],[7,0]],
  [[0,-1],[0,-2],[1,-2],[1,-3],[1,-3],[2,-3],[3,-3],[3,-2],[4,-2],[4,-1],[5,-1],[5,0]],
  [[0,-1],[0,-2],[1,-2],[1,-3],[1,-3],[2,-3],[2,-2],[3,-2],[4,-2],[4,-1],[4,0],[5,0],[5,1]],
  [[0,-1],[0,-2],[1,-2],[1,-3],[1,-4],[2,-4],[2,-4],[3,-4],[3,-3],[4,-3],[5,-3],[5,-2],[5,-1],[6,-1],[6,0]],
  [[0,-1],[0,-1],[1,-1],[2,-1],[2,0]],
  [[0,-1],[0,-1],[1,-1],[2,-1],[2,0],[3,0],[3,1],[4,1],[4,2]],
  [[0,-1],[0,-1],[1,-1],[1,0],[2,0],[3,0],[3,1],[3,2],[4,2],[4,3]],
  [[0,-1],[0,-2],[0,-3],[1,-3],[1,-3],[2,-3],[3,-3],[3,-2],[4,-2],[4,-1],[5,-1],[5,0]],
  [[0,-1],[0,-2],[0,-3],[1,-3],[1,-3],[2,-3],[2,-2],[3,-2],[4,-2],[4,-1],[4,0],[5,0],[5,1]],
  [[0,-1],[0,-2],[0,-3],[1,-3],[1,-4],[1,-4],[2,-4],[2,-3],[3,-3],[4,-3],[4,-2],[4,-1],[5,-1],[5,0]],
  [[0,-1],[0,-2],[0,-3],[0,-3],[1,-3],[2,-3],[2,-2],[3,-2],[3,-1],[4,-1],[4,0]],
  [[0,-1],[0,-2],[0,-3],[0,-3],[1,-3],[1,-2],[2,-2],[3,-2],[3,-1],[3,0],[4,0],[4,1]],
  [[0,-1],[0,-2],[0,-3],[0,-4],[1,-4],[1,-4],[2,-4],[2,-3],[3,-3],[4,-3],[4,-2],[4,-1],[5,-1],[5,0]],
];

/** An arc as flat offsets without repeated cells: dx at even indices, dy at odd ones. */
export type JumpArc = Int8Array;

/**
 * Arcs end before they reach 7 or more columns out while still 3 or more rows up: the longest high jumps VGLC estimated
 * are at the edge of what the game allows (a running jump is 2.7 tiles up 7 columns out, 1.1 at 8), and the second,
 * independent agent (models/level-platformer/second_agent.py) cannot make them; a level that needs one is repaired.
 */
const farAndHigh = (dx: number, dy: number) => dx >= 7 && dy <= -3;

function compact(arc: readonly (readonly [number, number])[], direction: 1 | -1): JumpArc {
  const cells: number[] = [];
  for (const [dx, dy] of arc) {
    if (farAndHigh(dx, dy)) break;
    const last = cells.length - 2;
    if (last >= 0 && cells[last] === dx * direction && cells[last + 1] === dy) continue;
    cells.push(dx * direction, dy);
  }
  return Int8Array.from(cells);
}

/** The 26 arcs to the right followed by their 26 mirror images to the left. */
export const jumpArcs: readonly JumpArc[] = [
  ...rightArcs.map((arc) => compact(arc, 1)),
  ...rightArcs.map((arc) => compact(arc, -1)),
];
