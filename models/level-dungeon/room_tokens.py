"""The room vocabulary (room-vocab.json) and the token rows of rooms: condition prefix, 84 interior tiles, end.

A row is: <room> door_n:X door_e:X door_s:X door_w:X role:R enemies:E blocks:B elements:L <tiles> t1 .. t84 <end>
(prompt of 10 tokens, 84 tiles read row by row from the north-west corner, 12 per row, 7 rows, in the game's orientation;
95 tokens in all). The ids are fixed here and written to room-vocab.json; the TypeScript engine reads that file.
"""
import json
from collections import OrderedDict

from dungeon_data import INTERIOR_HEIGHT, INTERIOR_TILES, INTERIOR_WIDTH, ROOM_HEIGHT, ROOM_WIDTH, SIDES, VOCAB_PATH, \
    WALKABLE, DOOR_CELLS, WALL

FORMAT = "mosaic-dungeon-rooms-v1"
ROLES = ("start", "normal", "enemy", "key", "boss", "item", "stair", "triforce")
# Roles the 1.0.0 corpus reader can give a room (from tiles and the entrance; see README "Roles"); the others keep
# their ids so a later model can learn them, and the engine falls back to ROLE_FALLBACK for them.
TRAINED_ROLES = ("start", "normal", "enemy", "stair")
ROLE_FALLBACK = {"key": "enemy", "boss": "enemy", "item": "normal", "triforce": "normal"}
# Buckets over the 84 interior tiles: count of M; count of B; count of P, O, I.
BUCKETS = OrderedDict([
    ("enemies", {"tiles": "M", "labels": ["none", "some", "many"], "upper": [0, 4]}),
    ("blocks", {"tiles": "B", "labels": ["none", "some", "many"], "upper": [0, 15]}),
    ("elements", {"tiles": "POI", "labels": ["none", "some"], "upper": [0]}),
])

SPECIAL = ["<pad>", "<room>", "<tiles>", "<end>"]
TOKENS = (
    SPECIAL
    + [f"door_{side}:{flag}" for side in SIDES for flag in (0, 1)]
    + [f"role:{role}" for role in ROLES]
    + [f"{name}:{label}" for name, spec in BUCKETS.items() for label in spec["labels"]]
    + list(INTERIOR_TILES)
)
ID = {token: i for i, token in enumerate(TOKENS)}
PAD, ROOM, TILES, END = (ID[token] for token in SPECIAL)
PROMPT_LENGTH = 10  # <room>, 4 doors, role, 3 buckets, <tiles>
INTERIOR_SIZE = INTERIOR_WIDTH * INTERIOR_HEIGHT
SEQUENCE_LENGTH = PROMPT_LENGTH + INTERIOR_SIZE + 1
FIRST_TILE = ID[INTERIOR_TILES[0]]


class RoomTokenError(ValueError):
    """A condition or tile outside the vocabulary; the message names it and the allowed values."""


def bucket(name: str, interior) -> str:
    spec = BUCKETS[name]
    count = sum(line.count(tile) for line in interior for tile in spec["tiles"])
    for label, upper in zip(spec["labels"], spec["upper"]):
        if count <= upper:
            return label
    return spec["labels"][-1]


def conditions_of(interior, doors: dict, role: str) -> dict:
    """The prompt words a room earns: its doors, its role, the density buckets of its interior."""
    return {"doors": {side: bool(doors[side]) for side in SIDES}, "role": role,
            **{name: bucket(name, interior) for name in BUCKETS}}


def prompt_ids(conditions: dict) -> list:
    if conditions["role"] not in ROLES:
        raise RoomTokenError(f"role {conditions['role']!r}: use one of {', '.join(ROLES)}")
    ids = [ROOM] + [ID[f"door_{side}:{int(bool(conditions['doors'][side]))}"] for side in SIDES]
    ids.append(ID[f"role:{conditions['role']}"])
    for name, spec in BUCKETS.items():
        if conditions[name] not in spec["labels"]:
            raise RoomTokenError(f"{name} {conditions[name]!r}: use one of {', '.join(spec['labels'])}")
        ids.append(ID[f"{name}:{conditions[name]}"])
    return ids + [TILES]


def encode_interior(interior) -> list:
    if len(interior) != INTERIOR_HEIGHT or any(len(line) != INTERIOR_WIDTH for line in interior):
        raise RoomTokenError(f"an interior is {INTERIOR_HEIGHT} rows of {INTERIOR_WIDTH} tiles")
    bad = sorted({tile for line in interior for tile in line} - set(INTERIOR_TILES))
    if bad:
        raise RoomTokenError(f"interior tiles {bad}: use {' '.join(INTERIOR_TILES)}")
    return [ID[tile] for line in interior for tile in line]


def decode_interior(ids) -> tuple:
    tiles = "".join(TOKENS[i] for i in ids)
    return tuple(tiles[r * INTERIOR_WIDTH:(r + 1) * INTERIOR_WIDTH] for r in range(INTERIOR_HEIGHT))


def room_ids(interior, conditions: dict) -> list:
    return prompt_ids(conditions) + encode_interior(interior) + [END]


def vocabulary_json() -> dict:
    return {
        "format": FORMAT,
        "tokens": TOKENS,
        "specialTokens": {"pad": PAD, "room": ROOM, "tiles": TILES, "end": END},
        "tileTokens": {tile: ID[tile] for tile in INTERIOR_TILES},
        "conditions": {
            "order": ["room", "door_n", "door_e", "door_s", "door_w", "role", *BUCKETS, "tiles"],
            "doors": {side: {"0": ID[f"door_{side}:0"], "1": ID[f"door_{side}:1"]} for side in SIDES},
            "role": {role: ID[f"role:{role}"] for role in ROLES},
            "trainedRoles": list(TRAINED_ROLES),
            "roleFallback": ROLE_FALLBACK,
            **{name: {label: ID[f"{name}:{label}"] for label in spec["labels"]} for name, spec in BUCKETS.items()},
            "buckets": {name: {"tiles": spec["tiles"], "labels": spec["labels"], "maxCount": spec["upper"]}
                        for name, spec in BUCKETS.items()},
        },
        "promptLength": PROMPT_LENGTH,
        "sequenceLength": SEQUENCE_LENGTH,
        "interior": {"width": INTERIOR_WIDTH, "height": INTERIOR_HEIGHT, "order": "row-major from the north-west"},
        "room": {"width": ROOM_WIDTH, "height": ROOM_HEIGHT, "wall": WALL, "wallTile": "W", "doorTile": "D",
                 "doorCells": {side: [list(cell) for cell in cells] for side, cells in DOOR_CELLS.items()}},
        "walkable": sorted(WALKABLE),
        "tileLegend": {"F": "floor", "B": "block", "M": "monster (on floor)", "P": "element: lava or water",
                       "O": "element + floor (crossable)", "I": "element + block", "S": "stair"},
    }


def write_vocabulary(path=VOCAB_PATH) -> None:
    path.write_text(json.dumps(vocabulary_json(), indent=1) + "\n")


if __name__ == "__main__":
    write_vocabulary()
    print(f"wrote {VOCAB_PATH} ({len(TOKENS)} tokens)")
