"""Writes fixtures/rooms-sample.json: 48 rooms of the corpus (derived from VGLC, see its "provenance") for the
engine's tests. Deterministic: the first room of each distinct (doors, role) combination, then the rest in map order."""
import json

import dungeon_data
from room_tokens import conditions_of, room_ids

LIMIT = 48


def sample() -> dict:
    rooms = dungeon_data.training_rooms()
    chosen, seen = [], set()
    for room in rooms:
        signature = (tuple(room.doors.values()), dungeon_data.room_role(room))
        if signature not in seen:
            seen.add(signature)
            chosen.append(room)
    for room in rooms:
        if len(chosen) >= LIMIT:
            break
        if room not in chosen:
            chosen.append(room)
    entries = []
    for room in chosen[:LIMIT]:
        conditions = conditions_of(room.interior, room.doors, dungeon_data.room_role(room))
        entries.append({"dungeon": room.dungeon, "row": room.row, "col": room.col, "tiles": list(room.tiles),
                        "interior": list(room.interior), "doors": room.doors, "neighbours": room.neighbours,
                        "conditions": conditions, "tokenIds": room_ids(room.interior, conditions)})
    return {
        "provenance": ("Derived from VGLC (github.com/TheVGLC/TheVGLC, commit 0e86a8f, 'The Legend of Zelda/Processed', "
                       "MIT transcriptions; room designs (c) Nintendo) by models/level-dungeon/make_fixtures.py: "
                       "rooms transposed back to the game's orientation (16 x 11), tokenized with room-vocab.json. "
                       "For tests only."),
        "rooms": entries,
    }


if __name__ == "__main__":
    path = dungeon_data.HERE / "fixtures" / "rooms-sample.json"
    path.parent.mkdir(exist_ok=True)
    path.write_text(json.dumps(sample(), separators=(",", ":")) + "\n")
    print(f"wrote {path}")
