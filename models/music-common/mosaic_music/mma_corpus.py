"""MMA library drum grooves as arrange-model drum songs (config.json sources "mma", or `arrange_train ... --with-mma`).

Each 4/4 groove whose library file maps to one of arrange-v1's styles (MMA_STYLES below; files that fit none are left
out, not guessed) becomes one drums-only song: its SeqSize bars repeated to SONG_BARS bars, MMA ticks (192 per
quarter) scaled to 480, velocities as MMA plays them with its randomisers off. Intros, endings and fills are left out
(Groove MIDI's beats-only selection), and a groove whose drums equal an earlier one in the same style (the "Sus",
"Plus", "Walk" variants change other tracks) is kept once. Tempo: the median Groove MIDI bpm of the style (MMA grooves
carry none), × 0.8 for "slow" files and × 1.25 for "fast" ones. Held out: files whose crc32 % 20 == 0 (split "test"); arrange_train
reports them apart ("heldout_mma") so the corpus held-out figures stay comparable with earlier runs.
"""
import csv
import statistics
import zlib

from .arrange_corpus import ArrangeSong
from .corpus import DATA_ROOT
from .mma_render import LIBRARY_ROOT, includes_folder, read_library
from .tokenizer import Note

SONG_BARS = 8
SCALE = 480 / 192
FILLS = ("INTRO", "END", "ENDING", "FILL", "BREAK")

_STYLE_FILES = {
    "pop": "casio/16beat1 casio/16beat2 casio/16beat3 casio/16beatballad1 casio/16beatballad2 casio/16beatballad3 "
           "casio/60spop casio/80spop casio/8beat1 casio/8beat2 casio/8beat3 casio/8beatballad1 casio/8beatballad2 "
           "casio/8beatballad3 casio/8beatpop1 casio/8beatpop2 casio/8beatpop3 casio/electricpop casio/pop "
           "casio/popballad casio/popshuffle1 casio/popshuffle2 casio/slow16beat casio/oldieballad pflib/16beat1 "
           "pflib/16beat2 pflib/8beat1 pflib/8beat2 stdlib/8beat stdlib/ballad stdlib/popballad stdlib/pianoballad "
           "stdlib/guitarballad stdlib/stringballad zoom/pop zoom/beat8 zoom/beat16 zoom/bald",
    "rock": "casio/60srock casio/digitalrock casio/poprock1 casio/poprock2 casio/rock1 casio/rock2 casio/shufflerock "
            "casio/slowrock casio/heavymetal kara/K50s_rock pflib/rock1 pflib/slowrock pflib/metal1 pflib/metal2 "
            "stdlib/50srock stdlib/60srock stdlib/basicrock stdlib/bubblerock stdlib/folkrock stdlib/rock-128 "
            "stdlib/rockballad stdlib/softrock yamaha/w-rock zoom/rock zoom/hrk zoom/mtl",
    "punk": "zoom/punk",
    "funk": "casio/funk1 casio/funk2 kara/Kfunk1 stdlib/bvfunk zoom/funk",
    "jazz": "casio/jazzcombo casio/modernjazz casio/swing casio/slowswing casio/fastbigband casio/middlebigband "
            "casio/slowbigband stdlib/bebop stdlib/bigband stdlib/easyswing stdlib/evansish stdlib/fastswing "
            "stdlib/folkyjazz stdlib/gypsyjazz stdlib/jazzcombo stdlib/jazzguitar stdlib/mellowjazz "
            "stdlib/modernjazz stdlib/nitejazz stdlib/slowjazz stdlib/swing yamaha/jazzGrtrio yamaha/jazzbasie "
            "yamaha/jazzbouncy yamaha/jazzswing yamaha/jazztrio zoom/jazz zoom/jazz04",
    "latin": "casio/latinfusion stdlib/beguine stdlib/bolero stdlib/bossanova stdlib/chacha stdlib/jazzrhumba "
             "stdlib/lfusion stdlib/lighttango stdlib/mambo stdlib/merengue stdlib/rhumba stdlib/salsa stdlib/samba "
             "stdlib/slowbolero stdlib/son stdlib/tango kara/kbossa yamaha/jazzbossa yamaha/mambo yamaha/salsa1 "
             "yamaha/salsa2 zoom/bossa zoom/latin zoom/samba",
    "afrocuban": "stdlib/afro-cuban",
    "hiphop": "alexis/hiphop casio/hip-hop zoom/hiphop",
    "soul": "casio/60ssoul casio/soul casio/soulpop casio/mellowrb casio/modernrb casio/r+b kara/8beatmotown "
            "stdlib/rb stdlib/rb-ballad zoom/rnb",
    "country": "stdlib/bluegrass stdlib/countryswing stdlib/slowcountry stdlib/westernswing yamaha/western "
               "zoom/cntry zoom/country",
    "blues": "casio/blues casio/shuffleboogie stdlib/blues stdlib/blues128 stdlib/fastblues stdlib/slowblues "
             "stdlib/countryblues stdlib/boggiewoggie stdlib/shuffleboggie zoom/blues",
    "reggae": "zoom/reggae",
    "gospel": "stdlib/spiritual stdlib/popspiritual stdlib/slowspiritual",
    "neworleans": "stdlib/dixie",
    "dance": "casio/8beatdance casio/dance1 casio/dance2 casio/dancepop1 casio/dancepop2 casio/dancepop3 casio/house "
             "casio/rave casio/techno casio/trance1 casio/trance2 casio/latinhouse alexis/teamtechno stdlib/trance "
             "zoom/dance zoom/house zoom/techno zoom/dnb",
}
# library file (folder/stem) -> arrange-v1 style; every other file is left out
MMA_STYLES = {file: style for style, files in _STYLE_FILES.items() for file in files.split()}

MMA_TRAINING_DATA = {
    "name": "MMA (Musical MIDI Accompaniment) groove library, drum patterns of its 4/4 grooves mapped to the "
            "arrange styles (mosaic_music/mma_corpus.py)",
    "licence": "GPL-2.0-or-later (Debian package mma 21.09-1; Bob van der Poel and contributors)",
    "url": "https://www.mellowood.ca/mma/",
}


def style_of(groove):
    return MMA_STYLES.get(groove.file.removesuffix(".mma"))


def groove_midi_tempos() -> dict:
    """Median bpm per Groove MIDI style (4/4 beats)."""
    tempos = {}
    with open(DATA_ROOT / "groove-midi" / "info.csv", newline="") as handle:
        for row in csv.DictReader(handle):
            if row["beat_type"] == "beat" and row["time_signature"] == "4-4":
                tempos.setdefault(row["style"].split("/")[0], []).append(float(row["bpm"]))
    return {style: statistics.median(values) for style, values in tempos.items()}


def drum_notes(groove, bars: int = SONG_BARS) -> list:
    """The groove's hits repeated over `bars` bars, at 480 ticks per beat (a hit on the last bar line wraps)."""
    cycle = groove.bars * groove.ticks_per_bar
    notes = []
    for repeat in range(-(-bars // groove.bars)):
        for hit in groove.drums:
            tick = (hit.bar * groove.ticks_per_bar + hit.tick) % cycle + repeat * cycle
            start = round(tick * SCALE)
            if start < bars * 4 * 480:
                notes.append(Note(start, 120, hit.note, hit.velocity))
    return sorted(notes, key=lambda note: (note.start, note.pitch))


def load_mma_drums(root=LIBRARY_ROOT) -> list:
    if includes_folder(root) is None:
        raise SystemExit("MMA's includes/ (stdpats.mma ...) is not here: apt-get install mma, or set MOSAIC_MMA_INCLUDES "
                         "to a copy of /usr/share/mma/includes (the shared corpus holds only the library files)")
    tempos = groove_midi_tempos() if (DATA_ROOT / "groove-midi" / "info.csv").exists() else {}
    songs, seen = [], set()
    for groove in sorted(read_library(root).grooves, key=lambda g: (g.file, g.name)):
        style = style_of(groove)
        if (style is None or not groove.drums or groove.beats_per_bar != 4 or groove.time_signature not in ((4, 4), (2, 2))
                or groove.name.endswith(FILLS)):
            continue
        signature = (style, groove.bars, tuple((h.bar, h.tick, h.note, h.velocity) for h in groove.drums))
        if signature in seen:
            continue
        seen.add(signature)
        stem = groove.file.split("/")[-1]
        tempo = tempos.get(style, 120.0) * (0.8 if stem.startswith("slow") else 1.25 if stem.startswith("fast") else 1.0)
        split = "test" if zlib.crc32(groove.file.encode()) % 20 == 0 else "train"
        notes = drum_notes(groove)
        songs.append(ArrangeSong(f"mma/{groove.file}/{groove.name}", "mma", style, tempo, split,
                                 max(n.start for n in notes) // 1920 + 1, {"drums": notes}))
    return songs
