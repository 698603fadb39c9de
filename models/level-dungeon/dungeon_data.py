"""Reads VGLC's Legend of Zelda dungeons into rooms in the game's own orientation, matches the room graphs to them, and
turns rooms into the token rows of room-vocab.json.

VGLC's processed text is the TRANSPOSE of the original maps: a room is 11 characters wide and 16 lines tall there, and
the whole map is transposed with it (text room (row r, column c) is map room (row c, column r)). The reader undoes it:
`Room.tiles` is 11 rows of 16 tiles (walls 2 thick, interior 12 x 7), doors centred in each wall: north and south doors
are 2 tiles wide (columns 7-8 of rows 1 and 9), west and east doors 3 tiles tall (rows 4-6 of columns 1 and 14), as on
the NES screen. The transpose is confirmed by the doors: a text room's top wall holds a 3-wide door, which fits only a
west/east wall of the game (11 tiles tall); 2-wide doors sit in the text's side walls (16 tiles), the game's north/south.
"""
import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
DATA = Path(os.environ.get("MOSAIC_DATA", REPO.parent / "shared" / "data")) / "vglc" / "legend-of-zelda"
VOCAB_PATH = HERE / "room-vocab.json"

TEXT_ROOM_WIDTH, TEXT_ROOM_HEIGHT = 11, 16  # as VGLC's text holds a room (transposed)
ROOM_WIDTH, ROOM_HEIGHT = 16, 11  # the game's orientation
WALL = 2
INTERIOR_WIDTH, INTERIOR_HEIGHT = ROOM_WIDTH - 2 * WALL, ROOM_HEIGHT - 2 * WALL  # 12 x 7
SIDES = ("n", "e", "s", "w")
# Door tiles of each side in the game's orientation, (row, column): the inner wall layer, centred.
DOOR_CELLS = {
    "n": ((1, 7), (1, 8)),
    "s": ((9, 7), (9, 8)),
    "w": ((4, 1), (5, 1), (6, 1)),
    "e": ((4, 14), (5, 14), (6, 14)),
}
OFFSETS = {"n": (-1, 0), "s": (1, 0), "w": (0, -1), "e": (0, 1)}
OPPOSITE = {"n": "s", "s": "n", "e": "w", "w": "e"}
INTERIOR_TILES = ("F", "B", "M", "P", "O", "I", "S")
# Walkable for door connectivity: floor F, monster M (a monster stands on floor), stair S, and O "element + floor"
# (VGLC's legend: lava/block or water/block that can be crossed). Not walkable: B block, P lava/water, I element+block.
WALKABLE = frozenset("FMSO")


class DungeonDataError(ValueError):
    """The corpus is missing or not what the reader expects; the message says what to change."""


@dataclass
class Room:
    dungeon: str  # file stem, e.g. tloz1_1
    row: int  # grid position in the game's orientation
    col: int
    tiles: tuple  # 11 strings of 16 tiles
    neighbours: dict = field(default_factory=dict)  # side -> bool: a non-empty room lies there on the grid
    labels: tuple = None  # graph node labels (e, k, I, i, m, p, b, t, S1) where match_graph is certain, else None

    @property
    def interior(self) -> tuple:
        return tuple(line[WALL:WALL + INTERIOR_WIDTH] for line in self.tiles[WALL:WALL + INTERIOR_HEIGHT])

    @property
    def doors(self) -> dict:
        """side -> bool: the wall holds door tiles D (whether or not a room lies behind it)."""
        return {side: any(self.tiles[r][c] == "D" for r, c in DOOR_CELLS[side]) for side in SIDES}

    @property
    def is_void(self) -> bool:
        """Walls around an untranscribed interior ('-'): 42 rooms of the corpus; kept for counts, never trained on."""
        return any("-" in line for line in self.interior)

    @property
    def key(self) -> str:
        return f"{self.dungeon}@{self.row},{self.col}"


def read_map(path: Path) -> list:
    """The non-empty rooms of one processed map, transposed back to the game's orientation."""
    lines = [line.rstrip("\n") for line in path.read_text().splitlines() if line.strip()]
    if not lines or len(lines) % TEXT_ROOM_HEIGHT or any(len(line) != len(lines[0]) for line in lines) \
            or len(lines[0]) % TEXT_ROOM_WIDTH:
        raise DungeonDataError(f"{path}: expected a grid of {TEXT_ROOM_WIDTH}x{TEXT_ROOM_HEIGHT}-character rooms "
                               f"(VGLC processed Zelda text)")
    rooms = []
    for text_row in range(len(lines) // TEXT_ROOM_HEIGHT):
        for text_col in range(len(lines[0]) // TEXT_ROOM_WIDTH):
            block = [line[text_col * TEXT_ROOM_WIDTH:(text_col + 1) * TEXT_ROOM_WIDTH]
                     for line in lines[text_row * TEXT_ROOM_HEIGHT:(text_row + 1) * TEXT_ROOM_HEIGHT]]
            if all(ch == "-" for line in block for ch in line):
                continue
            tiles = tuple("".join(block[x][y] for x in range(TEXT_ROOM_HEIGHT)) for y in range(TEXT_ROOM_WIDTH))
            check_walls(path.stem, tiles)
            rooms.append(Room(path.stem, text_col, text_row, tiles))
    cells = {(room.row, room.col) for room in rooms}
    for room in rooms:
        room.neighbours = {side: (room.row + OFFSETS[side][0], room.col + OFFSETS[side][1]) in cells for side in SIDES}
    return rooms


def check_walls(dungeon: str, tiles: tuple) -> None:
    """Walls are W, with D only at the centred door cells of the inner layer."""
    doors = {cell for cells in DOOR_CELLS.values() for cell in cells}
    for r, line in enumerate(tiles):
        for c, tile in enumerate(line):
            inside = WALL <= r < ROOM_HEIGHT - WALL and WALL <= c < ROOM_WIDTH - WALL
            if not inside and tile != "W" and not (tile == "D" and (r, c) in doors):
                raise DungeonDataError(f"{dungeon}: wall tile {tile!r} at row {r}, column {c} (game orientation); "
                                       f"expected W, or D in a centred door cell: is this VGLC's processed Zelda text?")


def map_paths() -> list:
    paths = sorted((DATA / "processed").glob("tloz*_*.txt"))
    if len(paths) != 18:
        raise DungeonDataError(f"{DATA / 'processed'}: expected the 18 VGLC Zelda maps tloz1_1..tloz9_2, found "
                               f"{len(paths)}; set MOSAIC_DATA to the folder holding vglc/")
    return paths


def load_dungeons(match_graphs: bool = False) -> dict:
    """dungeon name -> its rooms, for all 18 maps; with match_graphs, rooms carry their graph labels where certain."""
    dungeons = {path.stem: read_map(path) for path in map_paths()}
    if match_graphs:
        for name, rooms in dungeons.items():
            labels = match_graph(rooms, read_graph(graph_path(name)))["labels"]
            for room in rooms:
                room.labels = labels.get((room.row, room.col))
    return dungeons


# ---------------------------------------------------------------------------------------------------------- graphs

def graph_path(dungeon: str) -> Path:
    """tlozN_1 -> LoZ_N.dot (first quest), tlozN_2 -> LoZ2_N.dot (second quest)."""
    level, quest = re.fullmatch(r"tloz(\d)_([12])", dungeon).groups()
    return DATA / "graphs" / (f"LoZ_{level}.dot" if quest == "1" else f"LoZ2_{level}.dot")


def read_graph(path: Path) -> dict:
    """{"nodes": {id: labels tuple}, "edges": {frozenset({a, b}): set of edge labels}} (directions merged)."""
    nodes, edges = {}, {}
    for line in path.read_text().splitlines():
        edge = re.match(r'\s*(\w+)\s*->\s*(\w+)\s*\[label="([^"]*)"\]', line)
        node = re.match(r'\s*(\w+)\s*\[label="([^"]*)"\]', line)
        if edge:
            a, b, label = edge.groups()
            edges.setdefault(frozenset((a, b)), set()).update(x for x in label.split(",") if x)
        elif node:
            nodes[node.group(1)] = tuple(x for x in node.group(2).split(",") if x)
    for edge in edges:  # a few graphs use a node in an edge without declaring it: no labels
        for node in edge:
            nodes.setdefault(node, ())
    return {"nodes": nodes, "edges": edges}


def match_graph(rooms: list, graph: dict, limit: int = 300000, max_solutions: int = 64) -> dict:
    """Embeds a room graph in its map and returns what is certain about it.

    The graph's start node `s` is the outside of the dungeon: it is placed on the cell south of the entrance room (see
    `is_entrance`). Every other node goes to a distinct room of the map (void rooms included: they are on the grid)
    such that every graph edge joins grid neighbours (doors are not required: bombable walls show no D). A graph has
    up to 19 more nodes than its map has rooms (rooms reached by stairs are off the grid), so up to that many nodes may
    stay unplaced. The search stops after `limit` steps or `max_solutions` embeddings.

    Returns {"status": "unique" | "several" | "stopped" | "none", "solutions": n, "labels": {(row, col): labels}}:
    labels only for rooms that every embedding found gives the same labels, and only when the search was exhaustive
    (status unique or several). Over the 18 maps: 1 unique (tloz2_1), 3 more exhaustive with several embeddings
    (tloz1_1, tloz1_2, tloz3_1), 4 with none, 10 stopped; so roles for training come from tiles (`tile_role`).
    """
    nodes = graph["nodes"]
    adjacency = {node: set() for node in nodes}
    for edge in graph["edges"]:
        if len(edge) == 2:
            a, b = tuple(edge)
            adjacency[a].add(b)
            adjacency[b].add(a)
    starts = [node for node, labels in nodes.items() if "s" in labels]
    entrances = [room for room in rooms if is_entrance(room)]
    if len(starts) != 1 or len(entrances) != 1:
        return {"status": "none", "solutions": 0, "labels": {}}
    cells = {(room.row, room.col) for room in rooms}
    outside = (entrances[0].row + 1, entrances[0].col)
    everywhere = cells | {outside}

    def around(cell):
        return {(cell[0] + dr, cell[1] + dc) for dr, dc in OFFSETS.values()} & everywhere

    spare = max(0, len(nodes) - len(everywhere))
    order, seen, queue = [], {starts[0]}, [starts[0]]
    while queue:
        node = queue.pop(0)
        order.append(node)
        for other in sorted(adjacency[node]):
            if other not in seen:
                seen.add(other)
                queue.append(other)
    order += sorted(node for node in nodes if node not in seen)
    solutions, steps, assignment, used = [], [0], {}, set()

    def extend(i: int, skipped: int) -> bool:
        steps[0] += 1
        if steps[0] > limit:
            return False
        if i == len(order):
            solutions.append(dict(assignment))
            return len(solutions) < max_solutions
        node = order[i]
        if i == 0:
            candidates = [outside]
        else:
            placed = [assignment[other] for other in adjacency[node] if assignment.get(other) is not None]
            free = set.intersection(*(around(cell) for cell in placed)) if placed else set(cells)
            candidates = sorted(free - used - {outside})
        for cell in candidates:
            assignment[node] = cell
            used.add(cell)
            if not extend(i + 1, skipped):
                return False
            used.discard(cell)
            del assignment[node]
        if i > 0 and skipped < spare:
            assignment[node] = None
            if not extend(i + 1, skipped + 1):
                return False
            del assignment[node]
        return True

    exhaustive = extend(0, 0)
    if not solutions:
        return {"status": "none" if exhaustive else "stopped", "solutions": 0, "labels": {}}
    if not exhaustive:
        return {"status": "stopped", "solutions": len(solutions), "labels": {}}
    seen_labels = {}
    for solution in solutions:
        for node, cell in solution.items():
            if cell is not None and cell != outside:
                seen_labels.setdefault(cell, set()).add(nodes[node])
    labels = {cell: next(iter(values)) for cell, values in seen_labels.items() if len(values) == 1}
    return {"status": "unique" if len(solutions) == 1 else "several", "solutions": len(solutions), "labels": labels}


# ----------------------------------------------------------------------------------------------------------- roles

def is_entrance(room: Room) -> bool:
    """The dungeon's entrance: a door in a wall with no room behind it. Every one of the 18 maps has exactly one, in the
    south wall of a bottom-row room (which also confirms the reader's orientation: the game enters dungeons from the
    south)."""
    return any(room.doors[side] and not room.neighbours[side] for side in SIDES)


def tile_role(room: Room) -> str:
    """start (the entrance room) > stair (an S tile) > enemy (an M tile) > normal."""
    if is_entrance(room):
        return "start"
    interior = room.interior
    if any("S" in line for line in interior):
        return "stair"
    if any("M" in line for line in interior):
        return "enemy"
    return "normal"


def room_role(room: Room) -> str:
    return tile_role(room)


def training_rooms(dungeons: dict = None) -> list:
    """Every room with a transcribed interior (417 of the 459), in map order."""
    dungeons = dungeons if dungeons is not None else load_dungeons()
    return [room for rooms in dungeons.values() for room in rooms if not room.is_void]


# ----------------------------------------------------------------------------------------------------- symmetries

def flip_horizontal(tiles: tuple) -> tuple:
    """Mirror west <-> east (doors e and w swap; the centred door cells map onto each other)."""
    return tuple(line[::-1] for line in tiles)


def flip_vertical(tiles: tuple) -> tuple:
    """Mirror north <-> south (doors n and s swap)."""
    return tuple(reversed(tiles))


def door_flags(tiles: tuple) -> dict:
    return {side: any(tiles[r][c] == "D" for r, c in DOOR_CELLS[side]) for side in SIDES}


def interior_of(tiles: tuple) -> tuple:
    return tuple(line[WALL:WALL + INTERIOR_WIDTH] for line in tiles[WALL:WALL + INTERIOR_HEIGHT])


def symmetric_variants(tiles: tuple) -> list:
    """The room and its mirror images that keep Zelda's geometry (16 x 11, centred doors): identity, west-east,
    north-south, both (a half turn). Quarter turns would make a 11 x 16 room and are not used."""
    return [tiles, flip_horizontal(tiles), flip_vertical(tiles), flip_vertical(flip_horizontal(tiles))]
