"""The MMA groove reader (mma_grooves.py): syntax, a real library groove, MMA itself as the check, training songs."""
from pathlib import Path
import sys
import tempfile
import unittest

from mosaic_music.mma_grooves import GrooveReader
from mosaic_music.mma_patterns import MmaSyntaxError, bar_offset, note_length, parse_pattern
from mosaic_music.mma_render import LIBRARY_ROOT, SYSTEM_LIBRARY, includes_folder, read_library

SONG = """// a groove file in the library's style
Begin Doc
  If this line were read as a command the file would fail.
End
SeqClear
Time 4
Set Loud 100
Begin Drum Define
    D1    1 0 90
    D13   D1 * 2
    Off8  1.5 0 $Loud ; 3.5 0 80
End
SeqSize 2
Begin Drum-Kick
    Tone KickDrum1
    Sequence {D1; D1 Shift 2.5} D13
    Volume mp
    Accent 1 20
End
Begin Drum-Hat
    Tone ClosedHiHat
    Sequence {1 0 60;
              2 0 60} Off8
End
Bass Sequence {1 4 1 90; 3 8 5+ 80}
If Ndef Loud
    Drum-Hat Sequence -
Endif
DefGroove Test   A test \\
                 groove.
Drum-Hat Sequence z
DefGroove TestNoHat   Without the hat.
Groove Test
Drum-Kick Volume ff
DefGroove TestLoud   Louder kick.
"""


def read_text(text: str) -> list:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "mine" / "test.mma"
        path.parent.mkdir()
        path.write_text(text)
        reader = GrooveReader(Path(folder), None)
        reader.read(path)
        return reader.grooves


def hits(groove, track=None) -> list:
    return [(h.bar, h.tick, h.note, h.velocity) for h in groove.drums if track is None or h.track == track]


class PatternSyntaxTest(unittest.TestCase):
    def test_lengths_and_offsets(self):
        self.assertEqual(note_length("4"), 192)
        self.assertEqual(note_length("8."), 144)
        self.assertEqual(note_length("2+8"), 480)
        self.assertEqual(note_length("96t"), 96)
        self.assertEqual(bar_offset("2.5", 768), 288)
        self.assertEqual(bar_offset("3+8", 768), 480)
        self.assertRaises(MmaSyntaxError, bar_offset, "5", 768)

    def test_shift_and_multiply(self):
        patterns = {("DRUM", "D1"): parse_pattern("DRUM", "1 0 90", {}, 768)}
        groups = parse_pattern("DRUM", "D1 * 4; D1 Shift .5", patterns, 768)
        self.assertEqual([g.offset for g in groups], [0, 96, 192, 384, 576])

    def test_bass_degrees(self):
        (group,) = parse_pattern("BASS", "1 4 5#+ 90", {}, 768)
        self.assertEqual((group.degree, group.accidental, group.octave), (4, 1, 12))


class ReaderTest(unittest.TestCase):
    def setUp(self):
        self.grooves = {g.name: g for g in read_text(SONG)}

    def test_groove_hits_follow_the_text(self):
        groove = self.grooves["TEST"]
        self.assertEqual((groove.bars, groove.beats_per_bar, groove.description), (2, 4, "A test groove."))
        # volume mp: 90 × (0.7 × 0.6 + 1.0 × 0.4) = 73.8; accent on beat 1: +20 %
        self.assertEqual(hits(groove, "DRUM-KICK"), [(0, 0, 36, 88), (0, 480, 36, 73), (1, 0, 36, 88), (1, 384, 36, 73)])
        # default volume: 60 × 1.0
        self.assertEqual(hits(groove, "DRUM-HAT"), [(0, 0, 42, 60), (0, 192, 42, 60), (1, 96, 42, 100), (1, 480, 42, 80)])
        self.assertEqual([(n.bar, n.tick, n.degree, n.octave, n.velocity) for n in groove.bass],
                         [(0, 0, 0, 48, 90), (0, 384, 4, 60, 80), (1, 0, 0, 48, 90), (1, 384, 4, 60, 80)])

    def test_later_grooves_start_from_the_state_they_are_given(self):
        self.assertEqual(hits(self.grooves["TESTNOHAT"], "DRUM-HAT"), [])
        loud = self.grooves["TESTLOUD"]
        self.assertEqual(len(hits(loud, "DRUM-HAT")), 4)  # Groove Test brought the hat back
        self.assertEqual(hits(loud, "DRUM-KICK")[0], (0, 0, 36, 127))  # 90 × (1.6 × 0.6 + 0.4) × 1.2, capped

    def test_unknown_constructs_are_refused_by_name(self):
        with self.assertRaisesRegex(MmaSyntaxError, "no pattern 'NOPE'"):
            read_text("Drum Sequence Nope\n")
        with self.assertRaisesRegex(MmaSyntaxError, "unknown drum tone"):
            read_text("Drum Tone Cowbel\n")


def library_with_includes():
    for root in (LIBRARY_ROOT, SYSTEM_LIBRARY):
        if (root / "stdlib" / "basicrock.mma").exists() and includes_folder(root):
            return root
    return None


@unittest.skipIf(library_with_includes() is None, "the MMA library (../shared/data or Debian's mma) is not here")
class LibraryTest(unittest.TestCase):
    def test_basic_rock_reads_as_its_file_says(self):
        root = library_with_includes()
        reader = GrooveReader(root, includes_folder(root))
        reader.read(root / "stdlib" / "basicrock.mma")
        groove = next(g for g in reader.grooves if g.name == "BASICROCK")
        self.assertEqual((groove.folder, groove.bars, groove.description), ("stdlib", 2, "A very basic rock beat in 4."))
        # Kick {D1; D2 Shift .5}, Volume mp, Accent 1 20; Snare D24; Tambourine D8 with Accent 1 20 3 10
        self.assertEqual(hits(groove, "DRUM-KICK")[:2], [(0, 0, 36, 88), (0, 288, 36, 73)])
        self.assertEqual(hits(groove, "DRUM-SNARE")[:2], [(0, 192, 38, 73), (0, 576, 38, 73)])
        self.assertEqual([h[1] for h in hits(groove, "DRUM-TAM") if h[0] == 0], [0, 96, 192, 288, 384, 480, 576, 672])
        self.assertEqual([(n.tick, n.degree) for n in groove.bass if n.bar == 1], [(0, 0), (288, 0), (384, 0), (672, 4)])

    def test_every_defgroove_of_the_library_is_read(self):
        report = read_library(library_with_includes())
        self.assertGreaterEqual(report.statements, 1900)
        self.assertEqual(report.refused, [])
        self.assertEqual(len(report.grooves), report.statements)


if __name__ == "__main__":
    unittest.main()
