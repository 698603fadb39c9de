"""A second, independent playability agent: breadth-first search over (column, row, jump phase) states with tick-based
Super Mario Bros movement, written from the game's rules rather than from jump templates.

The app's agent (main/inference/tasks/level/playability-agent.ts) searches standing cells with A* and moves along the
26 jump arcs VGLC estimated from the game. This one simulates movement one tick at a time instead:

- Small Mario is one tile wide and one tile tall. Each tick he moves at most one column (left, none, right: air
  control, as in the game) and at most one row, the horizontal move resolved before the vertical one, as platformer
  engines resolve collisions axis by axis; a move into a solid tile is cancelled on that axis.
- On the ground he walks, or jumps. Holding the jump button keeps him rising one row per tick for up to 4 rows (the
  game's jump reaches about 4 tiles); releasing it early gives a lower jump. Bumping his head ends the rise. After the
  rise he hangs one tick at the apex, then falls one row per tick (the game's capped fall speed) until he lands.
- Walking off a ledge starts a fall. Falling below the bottom row (a pit) loses the life. Enemies and coins are
  passable (an enemy can be stomped or jumped), the same convention as the app's agent.
- He starts on the lowest standing cell of the first three columns (the leftmost of equals), as the app defines the
  spawn; the level is playable when he can stand in the last column.

Usage: python3 second_agent.py levels.json (or - for standard input)  →  a JSON list, one {"playable", "furthest", "states"} per level, where
levels.json is a list of levels, each a list of 14 row strings (top first) or an object with a "rows" field.
"""
import json
import sys
from collections import deque

SOLID = set("XS?QBb<>[]")
MAX_RISE = 4
SPAWN_COLUMNS = 3
ABOVE = 4  # rows above the screen a jump may pass through

# Phases: GROUND; rising with k rows of rise left (1..MAX_RISE); the apex (HANG ticks); FALLING. One tick of hang
# gives the longest jump 10 columns from take-off to landing on level ground (9 columns of gap), as a running jump in
# the game (about 5 tiles up and 4 down at 2.5 pixels a frame).
GROUND = 0
HANG = 1
APEX = MAX_RISE + 1  # APEX + h: h more ticks at the apex after this one
FALLING = APEX + HANG


class Level:
    def __init__(self, rows):
        self.rows = rows
        self.height = len(rows)
        self.width = len(rows[0])

    def solid(self, x, y):
        if x < 0 or x >= self.width or y < 0 or y >= self.height:
            return False  # air above the screen, a pit below it; the sides are walls (checked by the caller)
        return self.rows[y][x] in SOLID

    def standing(self, x, y):
        return not self.solid(x, y) and self.solid(x, y + 1)


def spawn(level):
    best = None
    for x in range(min(SPAWN_COLUMNS, level.width)):
        for y in range(level.height - 2, -2, -1):
            if level.standing(x, y):
                if best is None or y > best[1]:
                    best = (x, y)
                break
    return best


def step(level, x, y, dx, dy):
    """One tick: horizontal move, then vertical; returns (x, y, blocked_vertically)."""
    nx = x + dx
    if 0 <= nx < level.width and not level.solid(nx, y):
        x = nx
    ny = y + dy
    if level.solid(x, ny):
        return x, y, True
    return x, ny, False


def successors(level, x, y, phase):
    moves = (-1, 0, 1)
    if phase == GROUND:
        for dx in (-1, 1):
            nx, ny, _ = step(level, x, y, dx, 0)
            if (nx, ny) != (x, y):
                yield nx, ny, GROUND if level.solid(nx, ny + 1) else FALLING
        # Take off: the first tick of the rise.
        for dx in moves:
            nx, ny, bumped = step(level, x, y, dx, -1)
            yield nx, ny, FALLING if bumped else MAX_RISE - 1 if MAX_RISE > 1 else APEX + HANG - 1
        return
    if 1 <= phase <= MAX_RISE:
        for dx in moves:
            # Keep holding the button: rise one more row.
            nx, ny, bumped = step(level, x, y, dx, -1)
            yield nx, ny, FALLING if bumped else phase - 1 if phase > 1 else APEX + HANG - 1
            # Release it: hang at the apex this tick.
            nx, ny, _ = step(level, x, y, dx, 0)
            yield nx, ny, FALLING
        return
    if APEX <= phase < FALLING:
        for dx in moves:
            nx, ny, _ = step(level, x, y, dx, 0)
            yield nx, ny, phase - 1 if phase > APEX else FALLING
        return
    for dx in moves:  # FALLING
        nx, ny, landed = step(level, x, y, dx, 1)
        if landed or level.solid(nx, ny + 1):
            yield nx, ny, GROUND
        elif ny < level.height:
            yield nx, ny, FALLING


def check(rows):
    level = Level(rows)
    start = spawn(level)
    if start is None:
        return {"playable": False, "furthest": -1, "states": 0}
    first = (start[0], start[1], GROUND)
    seen = {first}
    queue = deque([first])
    furthest = start[0]
    while queue:
        x, y, phase = queue.popleft()
        if phase == GROUND:
            furthest = max(furthest, x)
            if x == level.width - 1:
                return {"playable": True, "furthest": x, "states": len(seen)}
        for state in successors(level, x, y, phase):
            if state[1] < -ABOVE or state[1] >= level.height or state in seen:
                continue
            seen.add(state)
            queue.append(state)
    return {"playable": False, "furthest": furthest, "states": len(seen)}


def main(path):
    if path == "-":
        levels = json.load(sys.stdin)
    else:
        with open(path) as handle:
            levels = json.load(handle)
    verdicts = [check(level["rows"] if isinstance(level, dict) else level) for level in levels]
    json.dump(verdicts, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: second_agent.py levels.json (or - to read standard input)")
    main(sys.argv[1])
