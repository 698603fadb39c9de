"""Reads MMA groove files (the MMA accompaniment library) into drum hits and chord-relative bass notes per DefGroove.

Covers what the library's drum and bass parts use: Begin/End blocks, DefGroove (name and description), Groove (also
from other library files, as MMA's auto-load does), SeqClear, SeqSize, Time, TimeSig, Include, Use, Set/NewSet, $vars,
$( math ), If/Else/Endif, AllTracks, and per track Sequence (inline `{ beat length velocity; ... }` and Define'd
patterns), Define, Tone, Volume, Accent, Octave, SeqRnd, RSkip, Copy, Groove. Chord, walk, arpeggio, scale, plectrum
and solo tracks are read past; settings that only change sound (Voice, RTime, RVolume, MidiTName ...) are ignored.
Velocities follow MMA: pattern velocity × (track volume × ratio + master volume × (1 − ratio)), then Accent, 1–127.
SwingMode swings patterns as they are defined, as MMA does.
"""
from dataclasses import dataclass
from pathlib import Path

from .mma_lines import Macros, logical_lines
from .mma_commands import TrackCommands
from .mma_patterns import DRUM_TONES, TICKS_PER_QUARTER, MmaSyntaxError, parse_swing, volume_factor
from .mma_state import TRACK_KINDS, State

IGNORED_GLOBALS = {"AUTHOR", "DOC", "DOCVAR", "PRINT", "TEMPO", "KEYSIG", "DEBUG", "COMMENT", "MIDI", "MIDIDEF",
                   "PRINTACTIVE", "DEFCALL", "PLUGIN", "SEQRND", "SEQRNDWEIGHT", "CHORDADJUST", "LYRIC", "TRANSPOSE"}
SOUND_ONLY = {"VOICE", "HARMONY", "HARMONYVOLUME", "ARTICULATE", "RTIME", "RVOLUME", "MIDITNAME", "DIRECTION",
              "VOICING", "RANGE", "STRUM", "UNIFY", "INVERT", "COMPRESS", "DUPROOT", "DELAY", "CHANNEL", "OCTAVE",
              "VOLUME", "ACCENT", "RSKIP"}


@dataclass(frozen=True)
class DrumHit:
    bar: int
    tick: int  # from the bar start, MMA ticks (192 per quarter); MMA allows one on the next bar line
    note: int  # General MIDI percussion key
    velocity: int
    track: str


@dataclass(frozen=True)
class BassNote:
    bar: int
    tick: int
    duration: int  # MMA ticks, before Articulate
    degree: int  # 0-based step of the chord's scale (0 root, 2 third, 4 fifth)
    accidental: int
    octave: int  # semitones from the degree's octave marks and the track's Octave
    velocity: int
    track: str


@dataclass(frozen=True)
class MmaGroove:
    name: str
    description: str
    file: str  # relative to the library root, e.g. stdlib/rock.mma
    folder: str  # stdlib, yamaha, casio ...
    beats_per_bar: int
    time_signature: tuple
    bars: int  # SeqSize
    drums: tuple
    bass: tuple
    random_order: bool  # some track has SeqRnd on (MMA plays its bars in random order)
    random_skip: float  # the largest RSkip (MMA drops that share of hits at random)

    @property
    def ticks_per_bar(self) -> int:
        return int(self.beats_per_bar * TICKS_PER_QUARTER)


class GrooveReader(TrackCommands):
    """One MMA run: reads a file (and what it includes or auto-loads), collecting each DefGroove."""

    def __init__(self, root: Path, includes: Path | None, groove_files: dict | None = None):
        self.root, self.includes, self.groove_files = Path(root), includes, groove_files or {}
        self.state, self.patterns, self.saved, self.aliases = State(), {}, {}, {}
        self.macros = Macros(self._system)
        self.grooves: list = []
        self.ignored: dict = {}  # command -> times read past
        self.skipped: list = []  # (file, groove, reason) of DefGrooves not rendered
        self.stack: list = []  # StackValue
        self.loaded: set = set()
        self._file = ""

    # ---- files ------------------------------------------------------------------------------------------------------
    def read(self, path: Path) -> None:
        path = Path(path)
        outer, self._file = self._file, path.relative_to(self.root).as_posix() if path.is_relative_to(self.root) else path.name
        self.loaded.add(path.resolve())
        lines = logical_lines(path.read_text(encoding="latin-1"))
        begin: list = []
        for words in lines:
            macros = self.macros
            if macros.skipping or (not begin and words[0].upper() in ("IF", "ELSE", "ENDIF", "IFEND")):
                if macros.skipping and words[0].upper() not in ("IF", "ELSE", "ENDIF", "IFEND"):
                    continue
                macros.control(words)
                continue
            words = macros.expand(words)
            if not words:
                continue
            action = words[0].upper()
            if action == "BEGIN":
                begin.append(words[1:])
                continue
            if action == "END" and len(words) == 1:
                if not begin:
                    raise MmaSyntaxError("End without Begin")
                begin.pop()
                continue
            self.command([w for block in begin for w in block] + words, lines)
        self._file = outer

    def _find(self, name: str, folder: Path) -> Path:
        for candidate in (folder / f"{name}.mma", self.includes / f"{name}.mma" if self.includes else None):
            if candidate is not None and candidate.exists():
                return candidate
        raise MmaSyntaxError(f"include file {name!r} not found (MMA's includes/ folder is needed)")

    def _system(self, name: str) -> str:
        if name == "TIME":
            return str(self.state.g.beats_per_bar)
        if name == "SEQSIZE":
            return str(self.state.g.seq_size)
        if name == "SWINGMODE":
            return self.state.g.swing.text()
        if name == "DEBUG":
            return "Off"  # MMA's debug flags: none set
        if name == "STACKVALUE":
            return self.stack.pop() if self.stack else ""
        track, _, what = name.rpartition("_")
        played = self.state.tracks.get(track)
        if track.split("-")[0] in TRACK_KINDS and track.split("-")[0] not in ("DRUM", "BASS") and \
                what not in ("VOLUME", "OCTAVE", "ARTICULATE"):
            return "z" if what == "SEQUENCE" else "0"  # a setting of a track this reader does not play
        if played is not None and what == "ARTICULATE":
            return " ".join(str(a) for a in played.articulate)
        if played is not None and what == "VOLUME":
            return " ".join(str(int(v * 100)) for v in played.volume)
        if played is not None and what == "TONE":
            return " ".join(DRUM_TONES.get(key, str(key)) for key in played.tones)
        if played is not None and what == "OCTAVE":
            return " ".join(str(o // 12) for o in played.octave)
        if track.split("-")[0] in TRACK_KINDS and what in SOUND_ONLY:
            return "0"  # a setting this reader ignores (voice, harmony ...), or of a track it does not play
        raise MmaSyntaxError(f"system value $_{name} is not modelled")

    # ---- commands ---------------------------------------------------------------------------------------------------
    def command(self, words: list, lines) -> None:
        action, args, state = words[0].upper(), words[1:], self.state
        if action == "DEFGROOVE":
            self.define_groove(args)
        elif action == "GROOVE":
            self.groove(args)
        elif action == "SEQCLEAR":
            for track in state.tracks.values():
                track.clear(state.g.seq_size)
        elif action == "SEQSIZE":
            state.set_seq_size(int(args[0]))
        elif action == "TIME":
            self.time([a for a in args if "=" not in a][0])
        elif action == "TIMESIG":
            state.g.time_signature = (int(args[0]), int(args[1])) if len(args) > 1 else state.g.time_signature
        elif action in ("INCLUDE", "USE"):
            path = self._find(args[0], self.root / Path(self._file).parent) if action == "INCLUDE" else self._library(args[0])
            if action == "USE":
                saved = state.snapshot()
                self.read(path)
                state.restore(saved)
            else:
                self.read(path)
        elif action in ("SET", "NEWSET"):
            self.macros.set(args, only_new=action == "NEWSET")
        elif action == "UNSET":
            self.macros.vars.pop(args[0].upper(), None)
        elif action == "STACKVALUE":
            self.stack.append(" ".join(args))
        elif action == "DEFALIAS":
            self.aliases[args[1].upper()] = args[0].upper()
        elif action == "ALLTRACKS":
            kinds = []
            while args and args[0].upper() in TRACK_KINDS:
                kinds.append(args.pop(0).upper())
            for name in list(state.tracks):
                if state.tracks[name].kind in (kinds or TRACK_KINDS[:7]):
                    self.track_command(name, args, lines)
        elif action == "ADJUSTVOLUME":
            for pair in args:
                key, _, value = pair.partition("=")
                if key.upper() == "RATIO":
                    state.g.track_ratio = float(value) / 100
        elif action == "VOLUME":
            state.g.master = volume_factor(args[0], state.g.master)
        elif action == "SWINGMODE":
            state.g.swing = parse_swing(args, state.g.swing)
        elif action in IGNORED_GLOBALS:
            self.ignored[action] = self.ignored.get(action, 0) + 1
        elif len(words) > 1:
            self.track_command(action, args, lines)
        else:
            raise MmaSyntaxError(f"unknown command {action!r}")
    # ---- grooves ------------------------------------------------------------------------------------
    def _groove_name(self, name: str) -> str:
        name = self.aliases.get(name.upper(), name.upper())
        if name not in self.saved:
            path = self.groove_files.get(name)
            if path is None or Path(path).resolve() in self.loaded:
                raise MmaSyntaxError(f"groove {name!r} is not defined")
            saved = self.state.snapshot()
            self.read(path)  # MMA's auto-load of a library groove
            self.state.restore(saved)
        return self.aliases.get(name, name)

    def groove(self, args: list) -> None:
        names = [a for a in args if not a.isdigit() and a != "/"]
        pick = int(args[0]) - 1 if args and args[0].isdigit() else 0
        name = self._groove_name(names[pick % len(names)])
        self.state.restore(self.saved[name])

    def _library(self, name: str) -> Path:
        for candidate in (self.root / f"{name}.mma", self.root / "stdlib" / f"{name}.mma"):
            if candidate.exists():
                return candidate
        raise MmaSyntaxError(f"library file {name!r} not found")

    def define_groove(self, args: list) -> None:
        from .mma_render import render_groove

        name = args[0].upper()
        self.saved[name] = self.state.snapshot()
        self.grooves.append(render_groove(self, name, " ".join(args[1:])))
