"""The VGLC Super Mario Bros and Lost Levels corpus: loading, 14-row normalisation, pipe clean-up and a grouped split."""
from dataclasses import dataclass, field
from pathlib import Path

ROWS = 14
AIR = "-"
TILES = "-XS?QE<>[]oBb"
SOLID = set("XS?QBb<>[]")
# Tiles a pipe may stand on or hang from: anything solid that is not itself part of a pipe.
SUPPORT = set("XS?QBb")
PIPE_LEFT = set("<[")
PIPE_RIGHT = set(">]")

DATA_ROOT = Path(__file__).resolve().parents[3] / "shared" / "data" / "vglc"
SOURCES = {
    "smb": ("super-mario-bros/processed", "mario-"),
    "lost": ("super-mario-bros-2-japan/processed", "SuperMarioBros2(J)-World"),
}

# The split: whole near-duplicate groups stay on one side (mario-1-3 and mario-5-3 are one group, see near_duplicate_groups).
TEST_LEVELS = ("smb-3-1", "smb-6-2", "lost-2-1", "lost-6-3")
VALIDATION_LEVELS = ("smb-7-1", "lost-3-3", "lost-A-1")


@dataclass
class Level:
    name: str
    game: str
    rows: list
    source_rows: int
    fixes: list = field(default_factory=list)

    @property
    def width(self) -> int:
        return len(self.rows[0])

    def columns(self) -> list:
        """Each column as a 14-character string read top to bottom."""
        return ["".join(row[x] for row in self.rows) for x in range(self.width)]


def level_name(game: str, path: Path) -> str:
    stem = path.stem
    prefix = SOURCES[game][1]
    return f"{game}-{stem[len(prefix):]}" if stem.startswith(prefix) else f"{game}-{stem}"


def normalise_rows(rows: list) -> list:
    """Lost Levels have 12-16 rows: drop surplus rows from the top (they are air) and pad short levels with air on top."""
    rows = list(rows)
    width = len(rows[0])
    while len(rows) > ROWS:
        if set(rows[0]) != {AIR}:
            raise ValueError("a surplus top row is not empty")
        rows = rows[1:]
    while len(rows) < ROWS:
        rows = [AIR * width] + rows
    return rows


def read_level(game: str, path: Path) -> Level:
    lines = [line.rstrip("\r\n") for line in path.read_text().splitlines() if line.strip()]
    if len({len(line) for line in lines}) != 1:
        raise ValueError(f"{path}: rows of different widths")
    unknown = set("".join(lines)) - set(TILES)
    if unknown:
        raise ValueError(f"{path}: unknown tiles {sorted(unknown)}")
    level = Level(level_name(game, path), game, normalise_rows(lines), len(lines))
    clean_pipes(level)
    ground_cannons(level)
    return level


def load_corpus(root: Path = DATA_ROOT) -> list:
    levels = []
    for game, (folder, _) in SOURCES.items():
        for path in sorted((root / folder).glob("*.txt")):
            levels.append(read_level(game, path))
    return levels


def pipe_runs(rows: list, x: int) -> list:
    """Maximal vertical runs of left-half pipe tiles in column x: (top, bottom) inclusive."""
    runs, top = [], None
    for y in range(len(rows) + 1):
        inside = y < len(rows) and rows[y][x] in PIPE_LEFT
        if inside and top is None:
            top = y
        if not inside and top is not None:
            runs.append((top, y - 1))
            top = None
    return runs


def run_is_well_formed(column: str, top: int, bottom: int) -> bool:
    """A left-half run is `<` then `[`s resting on support or the floor, or `[`s hanging from support (or the ceiling) down to a `<`."""
    tiles = column[top:bottom + 1]
    below = column[bottom + 1] if bottom + 1 < len(column) else None
    above = column[top - 1] if top > 0 else None
    upright = tiles[0] == "<" and set(tiles[1:]) <= {"["} and (below is None or below in SUPPORT)
    hanging = tiles[-1] == "<" and set(tiles[:-1]) <= {"["} and len(tiles) > 1 and (above is None or above in SUPPORT)
    return upright or hanging


def pipe_problems(rows: list) -> list:
    """Every way the pipes of a grid are malformed, as (x, y, reason); an empty list means all pipes are well-formed."""
    problems = []
    width = len(rows[0])
    for y, row in enumerate(rows):
        for x, tile in enumerate(row):
            right = row[x + 1] if x + 1 < width else None
            left = row[x - 1] if x > 0 else None
            if tile == "<" and right != ">" or tile == "[" and right != "]":
                problems.append((x, y, "left half without its right half"))
            if tile == ">" and left != "<" or tile == "]" and left != "[":
                problems.append((x, y, "right half without its left half"))
    for x in range(width):
        column = "".join(row[x] for row in rows)
        for top, bottom in pipe_runs(rows, x):
            if not run_is_well_formed(column, top, bottom):
                problems.append((x, top, "pipe without a cap at one end or without support"))
    return problems


def cannon_problems(rows: list) -> list:
    """A cannon is a `B` on `b`s on support (or the floor); a `b` needs a `B` or `b` above it."""
    problems = []
    for y, row in enumerate(rows):
        for x, tile in enumerate(row):
            below = rows[y + 1][x] if y + 1 < len(rows) else None
            above = rows[y - 1][x] if y > 0 else None
            if tile in "Bb" and below is not None and below not in SUPPORT:
                problems.append((x, y, "cannon without support"))
            if tile == "b" and above not in ("B", "b"):
                problems.append((x, y, "cannon base without a top"))
    return problems


def set_tile(rows: list, x: int, y: int, tile: str) -> None:
    rows[y] = rows[y][:x] + tile + rows[y][x + 1:]


def clean_pipes(level: Level) -> None:
    """Mechanical repairs of the few transcription slips, recorded in level.fixes; anything left is removed."""
    rows = level.rows
    width = len(rows[0])
    for y in range(ROWS):
        for x in range(width - 1):
            pair = rows[y][x] + rows[y][x + 1]
            # A half whose partner cell is air: complete the pair.
            if pair in ("<-", "[-"):
                set_tile(rows, x + 1, y, ">" if pair[0] == "<" else "]")
                level.fixes.append(f"completed the pipe half at x={x}, y={y}")
            elif pair in ("->", "-]"):
                set_tile(rows, x, y, "<" if pair[1] == ">" else "[")
                level.fixes.append(f"completed the pipe half at x={x + 1}, y={y}")
    for x in range(width - 1):
        column = "".join(row[x] for row in rows)
        for top, bottom in pipe_runs(rows, x):
            if run_is_well_formed(column, top, bottom):
                continue
            tiles = column[top:bottom + 1]
            below = column[bottom + 1] if bottom + 1 < ROWS else None
            above = column[top - 1] if top > 0 else None
            flanked = x > 0 and x + 2 < width and rows[bottom][x - 1] in SUPPORT and rows[bottom][x + 2] in SUPPORT
            if set(tiles) == {"["} and above == AIR and (below is None or below in SUPPORT):
                # A body rising out of view (no cap): cap it.
                set_tile(rows, x, top, "<")
                set_tile(rows, x + 1, top, ">")
                level.fixes.append(f"capped the pipe at x={x}, y={top}")
            elif tiles[0] == "<" and flanked and bottom > top:
                # A pipe drawn through a floating platform: its lowest row becomes the platform it stands on.
                set_tile(rows, x, bottom, "X")
                set_tile(rows, x + 1, bottom, "X")
                level.fixes.append(f"stood the pipe at x={x} on its platform (y={bottom})")
    for x, y, reason in pipe_problems(rows):
        if rows[y][x] in PIPE_LEFT | PIPE_RIGHT:
            set_tile(rows, x, y, AIR)
            level.fixes.append(f"removed a malformed pipe tile at x={x}, y={y} ({reason})")


def ground_cannons(level: Level) -> None:
    """Two cannons float over air in the transcriptions: their bases are extended down to what they stand on."""
    rows = level.rows
    for x, y, reason in cannon_problems(rows):
        if reason != "cannon without support":
            continue
        below = y + 1
        while below < ROWS and rows[below][x] == AIR:
            set_tile(rows, x, below, "b")
            below += 1
        level.fixes.append(f"extended the cannon at x={x} down to y={below - 1}")


def column_windows(columns: list, length: int) -> set:
    """The set of `length`-column windows of a level, skipping windows of one repeated column (flat ground is shared by all)."""
    return {
        tuple(columns[x:x + length])
        for x in range(len(columns) - length + 1)
        if len(set(columns[x:x + length])) > 1
    }


def near_duplicate_groups(levels: list, window: int = 6, threshold: float = 0.5) -> list:
    """Groups levels that share more than `threshold` of their `window`-column windows (union-find); sorted lists of names."""
    windows = {level.name: column_windows(level.columns(), window) for level in levels}
    parent = {level.name: level.name for level in levels}

    def find(name):
        while parent[name] != name:
            name = parent[name]
        return name

    names = sorted(windows)
    for i, a in enumerate(names):
        for b in names[i + 1:]:
            shared = len(windows[a] & windows[b]) / max(1, min(len(windows[a]), len(windows[b])))
            if shared > threshold:
                parent[find(b)] = find(a)
    groups = {}
    for name in names:
        groups.setdefault(find(name), []).append(name)
    return sorted(groups.values())


def split_levels(levels: list) -> dict:
    """{'train', 'validation', 'test'} -> levels; a near-duplicate group is assigned where its first member is listed."""
    by_name = {level.name: level for level in levels}
    side = {}
    for group in near_duplicate_groups(levels):
        assigned = "train"
        for name in group:
            if name in TEST_LEVELS:
                assigned = "test"
            elif name in VALIDATION_LEVELS:
                assigned = "validation"
        for name in group:
            side[name] = assigned
    return {part: [by_name[name] for name in sorted(by_name) if side[name] == part] for part in ("train", "validation", "test")}


def write_prepared(path) -> None:
    """The cleaned, 14-row corpus with each level's side of the split, for the TypeScript metrics (never committed)."""
    import json

    levels = load_corpus()
    side = {level.name: part for part, members in split_levels(levels).items() for level in members}
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    Path(path).write_text(json.dumps({"levels": [
        {"name": level.name, "game": level.game, "split": side[level.name], "rows": level.rows, "fixes": level.fixes}
        for level in levels
    ]}))


if __name__ == "__main__":
    import sys

    write_prepared(sys.argv[1] if len(sys.argv) > 1 else Path(__file__).parent / ".work" / "prepared-corpus.json")
