"""The corpus as the model sees it: 14 rows, well-formed pipes and cannons, and a split that keeps near-duplicates together."""
import unittest

import level_data


class CorpusTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.levels = level_data.load_corpus()

    def test_all_levels_load_as_14_row_grids(self):
        self.assertEqual(len(self.levels), 37)
        self.assertEqual(sum(level.game == "smb" for level in self.levels), 15)
        for level in self.levels:
            self.assertEqual(len(level.rows), level_data.ROWS, level.name)
            self.assertEqual(len({len(row) for row in level.rows}), 1, level.name)

    def test_pipes_and_cannons_are_well_formed_after_cleaning(self):
        for level in self.levels:
            self.assertEqual(level_data.pipe_problems(level.rows), [], level.name)
            self.assertEqual(level_data.cannon_problems(level.rows), [], level.name)
        fixed = {level.name for level in self.levels if level.fixes}
        self.assertEqual(fixed, {"smb-7-1", "lost-1-2", "lost-3-3", "lost-4-2", "lost-D-1"})

    def test_pipe_checker_catches_broken_pipes(self):
        floating = ["----", "-<>-", "-[]-", "----"]
        self.assertTrue(level_data.pipe_problems(floating))
        half = ["----", "-<--", "-X--", "XXXX"]
        self.assertTrue(level_data.pipe_problems(half))
        standing = ["----", "-<>-", "-[]-", "XXXX"]
        self.assertEqual(level_data.pipe_problems(standing), [])
        hanging = ["SSSS", "-[]-", "-<>-", "----"]
        self.assertEqual(level_data.pipe_problems(hanging), [])

    def test_split_keeps_near_duplicates_on_one_side(self):
        groups = level_data.near_duplicate_groups(self.levels)
        self.assertIn(["smb-1-3", "smb-5-3"], groups)
        split = level_data.split_levels(self.levels)
        side = {level.name: part for part, levels in split.items() for level in levels}
        self.assertEqual(len(side), 37)
        for group in groups:
            self.assertEqual(len({side[name] for name in group}), 1, group)
        self.assertEqual(sorted(level.name for level in split["test"]), sorted(level_data.TEST_LEVELS))
        self.assertEqual(sorted(level.name for level in split["validation"]), sorted(level_data.VALIDATION_LEVELS))


if __name__ == "__main__":
    unittest.main()
