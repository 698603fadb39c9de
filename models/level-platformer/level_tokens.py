"""MarioGPT-style prompt attributes, the conditioning tokens, and the two tokenizations compared: whole columns and tiles."""
import json

from level_data import PIPE_LEFT, PIPE_RIGHT, ROWS, TILES, cannon_problems, pipe_runs, run_is_well_formed

# MarioGPT's thresholds (prompter.py), applied with np.digitize(..., right=True) to counts per 50 columns.
WINDOW_COLUMNS = 50
ELEVATION_ROWS = 6
THRESHOLDS = {"pipes": (0, 2, 5), "enemies": (1, 3, 7), "blocks": (50, 75, 176)}
LABELS = {
    "pipes": ("none", "little", "some", "many"),
    "enemies": ("none", "little", "some", "many"),
    "blocks": ("little", "little", "some", "many"),
    "elevation": ("low", "high"),
}
ATTRIBUTES = ("pipes", "enemies", "blocks", "elevation")

# Token ids: conditioning 0-12, window markers 13-14, 15 reserved, then the level's own tokens.
CONDITIONING = {
    "pipes": {"none": 0, "little": 1, "some": 2, "many": 3},
    "enemies": {"none": 4, "little": 5, "some": 6, "many": 7},
    "blocks": {"little": 8, "some": 9, "many": 10},
    "elevation": {"low": 11, "high": 12},
}
START = 13  # the window begins at the level's first column
CONTINUE = 14  # the window begins inside a level
FIRST_LEVEL_TOKEN = 16
PROMPT_LENGTH = 5
TILE_ALPHABET = TILES


def bucket(value: float, thresholds) -> int:
    """np.digitize(value, thresholds, right=True): how many thresholds lie strictly below the value."""
    return sum(1 for threshold in thresholds if threshold < value)


def attribute_counts(rows: list) -> dict:
    """Raw counts over a grid: pipes (`<>` pairs), enemies (E and cannon tops B), blocks (X S ? Q), elevated tiles."""
    text = "".join(rows)
    return {
        "pipes": sum(row.count("<>") for row in rows),
        "enemies": text.count("E") + text.count("B"),
        "blocks": sum(text.count(tile) for tile in "XS?Q"),
        "elevation": sum(row.count("X") + row.count("<") + row.count(">") for row in rows[:ELEVATION_ROWS]),
    }


def attributes(rows: list) -> dict:
    """The prompt words a grid earns: counts scaled to 50 columns, bucketed with MarioGPT's thresholds."""
    counts = attribute_counts(rows)
    scale = WINDOW_COLUMNS / len(rows[0])
    words = {name: LABELS[name][bucket(counts[name] * scale, THRESHOLDS[name])] for name in THRESHOLDS}
    words["elevation"] = "high" if counts["elevation"] > 0 else "low"
    return words


def prompt_text(words: dict) -> str:
    return f"{words['pipes']} pipes, {words['enemies']} enemies, {words['blocks']} blocks, {words['elevation']} elevation"


def prompt_tokens(words: dict, start: bool) -> list:
    return [CONDITIONING[name][words[name]] for name in ATTRIBUTES] + [START if start else CONTINUE]


def column_is_well_formed(column: str) -> bool:
    """Checks one column on its own: each run of pipe halves is capped at one end and supported; cannons stand on support."""
    for halves, as_left in ((PIPE_LEFT, {}), (PIPE_RIGHT, {">": "<", "]": "["})):
        tiles = "".join(as_left.get(tile, tile) if tile in halves else ("-" if tile in PIPE_LEFT | PIPE_RIGHT else tile)
                        for tile in column)
        rows = [tile for tile in tiles]
        for top, bottom in pipe_runs(rows, 0):
            if not run_is_well_formed(tiles, top, bottom):
                return False
    return not cannon_problems(list(column))


class ColumnVocabulary:
    """Whole-column tokens: every distinct (well-formed) 14-tile column of the training levels, most frequent first."""

    kind = "column"

    def __init__(self, columns: list):
        self.columns = list(columns)
        self.index = {column: FIRST_LEVEL_TOKEN + i for i, column in enumerate(self.columns)}

    @classmethod
    def from_levels(cls, levels: list) -> "ColumnVocabulary":
        counts = {}
        for level in levels:
            for column in level.columns():
                counts[column] = counts.get(column, 0) + 1
        bad = [column for column in counts if not column_is_well_formed(column)]
        if bad:
            raise ValueError(f"malformed training columns: {bad[:3]}")
        return cls(sorted(counts, key=lambda column: (-counts[column], column)))

    @property
    def size(self) -> int:
        return FIRST_LEVEL_TOKEN + len(self.columns)

    tokens_per_column = 1

    def nearest(self, column: str) -> str:
        """The vocabulary column with the fewest differing tiles (ties: the more frequent)."""
        if column in self.index:
            return column
        return min(self.columns, key=lambda known: sum(a != b for a, b in zip(known, column)))

    def encode(self, columns: list) -> list:
        return [self.index[self.nearest(column)] for column in columns]

    def decode(self, tokens: list) -> list:
        return [self.columns[token - FIRST_LEVEL_TOKEN] for token in tokens]

    def to_json(self) -> dict:
        return {
            "format": "mosaic-level-columns-v1",
            "rows": ROWS,
            "tiles": TILE_ALPHABET,
            "conditioning": CONDITIONING,
            "markers": {"start": START, "continue": CONTINUE},
            "promptLength": PROMPT_LENGTH,
            "firstColumnToken": FIRST_LEVEL_TOKEN,
            "columns": self.columns,
            "attributes": {
                "windowColumns": WINDOW_COLUMNS,
                "elevationRows": ELEVATION_ROWS,
                "thresholds": {name: list(values) for name, values in THRESHOLDS.items()},
                "labels": {name: list(values) for name, values in LABELS.items()},
            },
        }

    def save(self, path) -> None:
        with open(path, "w") as handle:
            json.dump(self.to_json(), handle, separators=(",", ":"))

    @classmethod
    def load(cls, path) -> "ColumnVocabulary":
        with open(path) as handle:
            return cls(json.load(handle)["columns"])


class TileVocabulary:
    """MarioGPT's tokenization: one token per tile, each column read bottom to top."""

    kind = "tile"
    tokens_per_column = ROWS

    def __init__(self):
        self.index = {tile: FIRST_LEVEL_TOKEN + i for i, tile in enumerate(TILE_ALPHABET)}

    @property
    def size(self) -> int:
        return FIRST_LEVEL_TOKEN + len(TILE_ALPHABET)

    def encode(self, columns: list) -> list:
        return [self.index[tile] for column in columns for tile in reversed(column)]

    def decode(self, tokens: list) -> list:
        tiles = [TILE_ALPHABET[token - FIRST_LEVEL_TOKEN] for token in tokens]
        return ["".join(reversed(tiles[x:x + ROWS])) for x in range(0, len(tiles) - ROWS + 1, ROWS)]
