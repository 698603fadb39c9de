"""The second playability agent's movement rules on small levels whose answer follows from them, and on the corpus."""
import unittest

import level_data
import second_agent

AIR = "-" * 14
GROUND = "-" * 12 + "XX"


def level(*parts):
    """Rows (top first) of a level given as (column, count) pairs."""
    columns = [column for column, count in parts for _ in range(count)]
    return ["".join(column[y] for column in columns) for y in range(14)]


def wall(height):
    return "-" * (12 - height) + "X" * (height + 2)


class SecondAgentTest(unittest.TestCase):
    def playable(self, rows):
        return second_agent.check(rows)["playable"]

    def test_walks_flat_ground_and_starts_in_the_first_three_columns(self):
        self.assertTrue(self.playable(level((GROUND, 20))))
        self.assertFalse(self.playable(level((AIR, 3), (GROUND, 20))))

    def test_a_held_jump_clears_a_9_column_gap_and_no_more(self):
        # Take-off, 3 more rising ticks, 1 at the apex, 4 falling, one step onto the far side: 10 columns across.
        self.assertTrue(self.playable(level((GROUND, 5), (AIR, 9), (GROUND, 5))))
        self.assertFalse(self.playable(level((GROUND, 5), (AIR, 10), (GROUND, 5))))

    def test_climbs_4_tiles_but_not_5(self):
        self.assertTrue(self.playable(level((GROUND, 5), (wall(4), 5))))
        self.assertFalse(self.playable(level((GROUND, 5), (wall(5), 5))))

    def test_a_ceiling_cuts_the_jump_short(self):
        ceiling = "-" * 8 + "X" + "---" + "XX"  # a block 3 rows above the floor's standing row
        self.assertTrue(self.playable(level((GROUND, 5), (wall(2), 3), (GROUND, 5))))
        self.assertFalse(self.playable(level((ceiling, 5), (wall(4), 3), (GROUND, 5))))

    def test_finishes_the_15_super_mario_bros_levels(self):
        for corpus_level in level_data.load_corpus():
            if corpus_level.game == "smb":
                self.assertTrue(self.playable(corpus_level.rows), corpus_level.name)


if __name__ == "__main__":
    unittest.main()
