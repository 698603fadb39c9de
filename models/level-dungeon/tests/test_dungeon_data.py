"""The reader against the counts the data README states, the orientation, doors, roles, graphs and symmetries."""
import json
import sys
import unittest
from pathlib import Path

sys.path[:0] = [str(Path(__file__).resolve().parents[1]), str(Path(__file__).resolve().parents[2] / "common")]

import dungeon_data as data  # noqa: E402
from room_tokens import conditions_of, decode_interior, room_ids, PROMPT_LENGTH, SEQUENCE_LENGTH  # noqa: E402
import room_tokens  # noqa: E402


class CorpusTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.dungeons = data.load_dungeons()
        cls.rooms = [room for rooms in cls.dungeons.values() for room in rooms]

    def test_counts_match_the_data_readme(self):
        self.assertEqual(len(self.dungeons), 18)
        self.assertEqual(len(self.rooms), 459)
        self.assertEqual(len({room.tiles for room in self.rooms}), 267)
        self.assertEqual(len({room.interior for room in self.rooms}), 52)
        self.assertEqual(sum(room.is_void for room in self.rooms), 42)
        self.assertEqual(len(data.training_rooms(self.dungeons)), 417)

    def test_rooms_are_in_the_games_orientation(self):
        for room in self.rooms:
            self.assertEqual(len(room.tiles), 11)
            self.assertTrue(all(len(line) == 16 for line in room.tiles))
            self.assertEqual((len(room.interior), len(room.interior[0])), (7, 12))
        # tloz1_1's first text row holds one room (text column 2) and its first text column two (text rows 1, 2):
        # transposed, the game's column 0 holds one room (row 2) and its row 0 two (columns 1, 2)
        cells = {(room.row, room.col) for room in self.dungeons["tloz1_1"]}
        self.assertEqual({cell for cell in cells if cell[1] == 0}, {(2, 0)})
        self.assertEqual({cell for cell in cells if cell[0] == 0}, {(0, 1), (0, 2)})

    def test_one_entrance_per_map_in_a_south_wall_of_the_bottom_row(self):
        for name, rooms in self.dungeons.items():
            entrances = [room for room in rooms if data.is_entrance(room)]
            self.assertEqual(len(entrances), 1, name)
            room = entrances[0]
            self.assertTrue(room.doors["s"] and not room.neighbours["s"], name)
            self.assertEqual(room.row, max(other.row for other in rooms), name)

    def test_doors_of_neighbours_face_each_other_mostly(self):
        at = {(room.dungeon, room.row, room.col): room for room in self.rooms}
        facing = mismatched = 0
        for room in self.rooms:
            for side in data.SIDES:
                dr, dc = data.OFFSETS[side]
                other = at.get((room.dungeon, room.row + dr, room.col + dc))
                if other and room.doors[side]:
                    if other.doors[data.OPPOSITE[side]]:
                        facing += 1
                    else:
                        mismatched += 1
        self.assertGreater(facing, 10 * mismatched)

    def test_walls_are_checked(self):
        tiles = list(self.rooms[0].tiles)
        tiles[0] = "WWWFWWWWWWWWWWWW"
        with self.assertRaises(data.DungeonDataError):
            data.check_walls("x", tuple(tiles))

    def test_tile_roles(self):
        roles = [data.room_role(room) for room in data.training_rooms(self.dungeons)]
        self.assertEqual(roles.count("start"), 18)
        self.assertEqual(roles.count("stair"), 39)
        for room in data.training_rooms(self.dungeons):
            if data.room_role(room) == "enemy":
                self.assertTrue(any("M" in line for line in room.interior))

    def test_graph_match_of_tloz2_1_is_unique_and_puts_the_triforce_north_of_the_boss(self):
        rooms = self.dungeons["tloz2_1"]
        result = data.match_graph(rooms, data.read_graph(data.graph_path("tloz2_1")))
        self.assertEqual(result["status"], "unique")
        cells = {labels: cell for cell, labels in result["labels"].items() if labels in (("t",), ("b",))}
        self.assertEqual(abs(cells[("t",)][0] - cells[("b",)][0]) + abs(cells[("t",)][1] - cells[("b",)][1]), 1)

    def test_graph_reader_merges_directions(self):
        graph = data.read_graph(data.graph_path("tloz1_1"))
        self.assertEqual(len(graph["nodes"]), 19)
        self.assertEqual(graph["edges"][frozenset(("15", "17"))], {"k", "l"})

    def test_flips_swap_doors(self):
        for room in data.training_rooms(self.dungeons)[:60]:
            doors = room.doors
            horizontal = data.door_flags(data.flip_horizontal(room.tiles))
            vertical = data.door_flags(data.flip_vertical(room.tiles))
            self.assertEqual(horizontal, {**doors, "e": doors["w"], "w": doors["e"]})
            self.assertEqual(vertical, {**doors, "n": doors["s"], "s": doors["n"]})
            for variant in data.symmetric_variants(room.tiles):
                data.check_walls(room.dungeon, variant)

    def test_missing_corpus_is_a_coded_error(self):
        original = data.DATA
        try:
            data.DATA = Path("/nonexistent")
            with self.assertRaisesRegex(data.DungeonDataError, "MOSAIC_DATA"):
                data.map_paths()
        finally:
            data.DATA = original


class TokenTest(unittest.TestCase):
    def test_committed_vocabulary_is_what_the_code_writes(self):
        self.assertEqual(json.loads(data.VOCAB_PATH.read_text()), json.loads(json.dumps(room_tokens.vocabulary_json())))

    def test_round_trip_and_layout(self):
        room = data.training_rooms()[7]
        conditions = conditions_of(room.interior, room.doors, data.room_role(room))
        ids = room_ids(room.interior, conditions)
        self.assertEqual(len(ids), SEQUENCE_LENGTH)
        self.assertEqual(SEQUENCE_LENGTH, 95)
        self.assertEqual(ids[0], room_tokens.ROOM)
        self.assertEqual(ids[PROMPT_LENGTH - 1], room_tokens.TILES)
        self.assertEqual(ids[-1], room_tokens.END)
        self.assertEqual(decode_interior(ids[PROMPT_LENGTH:-1]), room.interior)

    def test_buckets(self):
        empty = ("F" * 12,) * 7
        crowded = ("M" * 6 + "B" * 6,) * 3 + ("P" + "F" * 11,) + ("F" * 12,) * 3
        self.assertEqual([room_tokens.bucket(name, empty) for name in room_tokens.BUCKETS], ["none", "none", "none"])
        self.assertEqual([room_tokens.bucket(name, crowded) for name in room_tokens.BUCKETS], ["many", "many", "some"])

    def test_bad_input_names_what_to_change(self):
        with self.assertRaisesRegex(room_tokens.RoomTokenError, "use one of"):
            room_tokens.prompt_ids({"doors": dict.fromkeys("nesw", True), "role": "shop", "enemies": "none",
                                    "blocks": "none", "elements": "none"})
        with self.assertRaisesRegex(room_tokens.RoomTokenError, "W"):
            room_tokens.encode_interior(("W" * 12,) * 7)

    def test_fixture_is_current(self):
        import make_fixtures
        committed = json.loads((data.HERE / "fixtures" / "rooms-sample.json").read_text())
        self.assertEqual(committed, json.loads(json.dumps(make_fixtures.sample())))
        self.assertLessEqual(len(committed["rooms"]), 50)


if __name__ == "__main__":
    unittest.main()
