"""Prompt attributes as MarioGPT computes them, and both tokenizations round-tripping the corpus."""
import unittest

import level_data
import level_tokens as tokens


def grid(columns: int, fill: str = "-", ground: bool = True) -> list:
    rows = [fill * columns for _ in range(level_data.ROWS - 1)]
    return rows + ["X" * columns if ground else fill * columns]


class AttributeTest(unittest.TestCase):
    def test_bucket_edges_follow_np_digitize_right(self):
        self.assertEqual([tokens.bucket(value, (0, 2, 5)) for value in (0, 1, 2, 3, 5, 6)], [0, 1, 1, 2, 2, 3])

    def test_counts_are_per_50_columns(self):
        rows = grid(100)
        rows[11] = "-" * 10 + "<>" + "-" * 30 + "<>" + "-" * 56
        rows[12] = "-" * 10 + "[]" + "-" * 30 + "[]" + "-" * 56
        words = tokens.attributes(rows)
        # 2 pipes in 100 columns is 1 per 50: little; 100 ground blocks is 50 per 50: little.
        self.assertEqual(words, {"pipes": "little", "enemies": "none", "blocks": "little", "elevation": "low"})
        rows[3] = "-" * 50 + "X" + "-" * 49
        rows[10] = "E" * 10 + "-" * 90
        self.assertEqual(tokens.attributes(rows)["elevation"], "high")
        self.assertEqual(tokens.attributes(rows)["enemies"], "some")

    def test_prompt_tokens_and_text(self):
        words = {"pipes": "many", "enemies": "none", "blocks": "some", "elevation": "high"}
        self.assertEqual(tokens.prompt_tokens(words, True), [3, 4, 9, 12, tokens.START])
        self.assertEqual(tokens.prompt_text(words), "many pipes, none enemies, some blocks, high elevation")


class TokenizationTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.split = level_data.split_levels(level_data.load_corpus())
        cls.vocabulary = tokens.ColumnVocabulary.from_levels(cls.split["train"])

    def test_column_tokens_round_trip_training_levels(self):
        for level in self.split["train"]:
            columns = level.columns()
            encoded = self.vocabulary.encode(columns)
            self.assertTrue(all(token >= tokens.FIRST_LEVEL_TOKEN for token in encoded))
            self.assertEqual(self.vocabulary.decode(encoded), columns)

    def test_every_vocabulary_column_is_well_formed(self):
        for column in self.vocabulary.columns:
            self.assertTrue(tokens.column_is_well_formed(column), column)
        self.assertFalse(tokens.column_is_well_formed("-------<[[[[[-"))
        self.assertFalse(tokens.column_is_well_formed("----B---------"))

    def test_unknown_columns_map_to_the_nearest(self):
        known = self.vocabulary.columns[0]
        changed = known[:5] + ("o" if known[5] != "o" else "-") + known[6:]
        if changed not in self.vocabulary.index:
            nearest = self.vocabulary.nearest(changed)
            self.assertLessEqual(sum(a != b for a, b in zip(nearest, changed)), 1)

    def test_tile_tokens_round_trip_every_level(self):
        tile = tokens.TileVocabulary()
        for level in self.split["test"]:
            columns = level.columns()
            encoded = tile.encode(columns)
            self.assertEqual(len(encoded), len(columns) * level_data.ROWS)
            self.assertEqual(tile.decode(encoded), columns)

    def test_vocabulary_file_round_trips(self):
        data = self.vocabulary.to_json()
        self.assertEqual(data["firstColumnToken"], tokens.FIRST_LEVEL_TOKEN)
        self.assertEqual(data["promptLength"], tokens.PROMPT_LENGTH)
        self.assertEqual(tokens.ColumnVocabulary(data["columns"]).columns, self.vocabulary.columns)


if __name__ == "__main__":
    unittest.main()
