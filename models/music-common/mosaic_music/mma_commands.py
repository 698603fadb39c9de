"""Per-track MMA commands for GrooveReader: Sequence (with multi-line braces), Define, Tone, Volume, Accent, Octave,
Articulate, RSkip, Mallet, SeqRnd, SeqClear, Copy ([Groove::]Track) and Groove, and Time (which clears every sequence)."""
from .mma_patterns import MmaSyntaxError, bar_offset, drum_key, note_length, parse_pattern, volume_factor
from .mma_state import expand_slashes, seq_bump

# Time n/d -> quarters per bar (MMA/tempo.py timeTable)
TIME_SIGNATURES = {"2/2": 4, "2/4": 2, "6/4": 6, "6/8": 6, "3/2": 6, "3/4": 3, "3/8": 1.5, "9/8": 4.5, "4/4": 4,
                   "12/8": 6, "5/4": 5, "5/8": 2.5, "7/4": 7, "7/8": 3.5}


def _step(text: str, old: int) -> int:
    """An Octave or Articulate value: absolute, or +n / -n from the old one."""
    value = int(text)
    return old + value if text[:1] in "+-" else value


class TrackCommands:
    """Mixed into GrooveReader (which provides state, patterns, saved, macros, ignored and _groove_name)."""

    def track_command(self, name: str, args: list, lines) -> None:
        track = self.state.track(name)
        action, size = (args[0].upper() if args else ""), self.state.g.seq_size
        if action == "SEQUENCE":
            text = self.whole_sequence(" ".join(args[1:]), lines)
            if track.played:
                self.sequence(track, text)
            return
        args = args[1:]
        if action == "DEFINE":
            if track.played:
                self.define(track.kind, args[0].upper(), " ".join(args[1:]))
        elif action == "TONE" and track.kind == "DRUM":
            track.tones = seq_bump([drum_key(n) for n in expand_slashes(args, size)], size)
        elif action == "VOLUME":
            values = seq_bump(expand_slashes(args, size), size)
            track.volume = [volume_factor(v, old) for v, old in zip(values, track.volume)]
        elif action == "ACCENT":
            track.accent = self.accent(args)
        elif action in ("OCTAVE", "ARTICULATE"):
            old = track.octave if action == "OCTAVE" else track.articulate
            values = [_step(v, o // 12 if action == "OCTAVE" else o)
                      for v, o in zip(seq_bump(expand_slashes(args, size), size), old)]
            if action == "OCTAVE":
                track.octave = [v * 12 for v in values]
            else:
                track.articulate = values
        elif action == "RSKIP":
            values = expand_slashes([a for a in args if a.replace(".", "", 1).isdigit() or a == "/"], size)
            track.rskip = seq_bump([float(v) / 100 for v in values] or [0.0], size)
        elif action == "MALLET":
            options = dict(arg.upper().split("=", 1) for arg in args)
            rate = options.get("RATE", "0")
            track.mallet = (0 if rate in ("0", "NONE") else note_length(rate), float(options.get("DECAY", "0")) / 100)
        elif action == "SEQRND":
            track.seqrnd = args[0].upper() in ("ON", "1", "TRUE")
        elif action == "SEQCLEAR":
            track.clear(size)
        elif action == "COPY":
            self.copy(track, args[-1].upper())
        elif action == "GROOVE":
            self.state.restore(self.saved[self._groove_name(args[0])], only=track.name)
        elif track.played:
            self.ignored[f"track {action}"] = self.ignored.get(f"track {action}", 0) + 1

    def copy(self, track, source: str) -> None:
        """Copy [Groove::]Track: that track's settings (as saved in the groove) into this one."""
        if "::" in source:
            groove, source = source.split("::", 1)
            settings = self.saved[self._groove_name(groove.split(":")[0])]["tracks"].get(source)
        else:
            settings = self.state.tracks[source].settings() if source in self.state.tracks else None
        if source.split("-")[0] != track.kind or (settings is None and track.played):
            raise MmaSyntaxError(f"cannot copy {source} into {track.name}")
        track.restore(settings, self.state.g.seq_size)

    def time(self, value: str) -> None:
        """Time N or Time n/d (MMA/tempo.py): quarters per bar; a change clears every track's sequence."""
        g, value = self.state.g, {"COMMON": "4/4", "CUT": "2/2"}.get(value.upper(), value)
        if "/" in value:
            if value not in TIME_SIGNATURES:
                raise MmaSyntaxError(f"unknown time signature {value!r}")
            g.time_signature = tuple(int(n) for n in value.split("/"))
            beats = TIME_SIGNATURES[value]
        else:
            beats = float(value)
        beats = int(beats) if beats == int(beats) else beats
        if beats != g.beats_per_bar:
            g.beats_per_bar = beats
            for track in self.state.tracks.values():
                track.clear(g.seq_size)

    def define(self, kind: str, name: str, text: str) -> None:
        g = self.state.g
        self.patterns[(kind, name)] = parse_pattern(kind, text, self.patterns, g.bar_length, g.swing)

    def whole_sequence(self, text: str, lines) -> str:
        """A Sequence's text with the lines that complete its braces."""
        while text.count("{") != text.count("}"):
            more = next(lines, None)
            if more is None:
                raise MmaSyntaxError("Sequence braces do not match")
            text += " " + " ".join(self.macros.expand(more))
        return text

    def sequence(self, track, text: str) -> None:
        names, inline = [], 0
        while "{" in text:
            start = text.index("{")
            end = text.index("}", start)
            inline += 1
            self.define(track.kind, f"_{inline}", text[start + 1:end])
            text = text[:start] + f" _{inline} " + text[end + 1:]
        size = self.state.g.seq_size
        for index, name in enumerate(expand_slashes(text.split(), size)):
            name = name.upper()
            if name in ("Z", "-"):
                names.append(None)
            elif name == "*":
                names.append(track.sequence[index])
            elif (track.kind, name) in self.patterns:
                names.append(self.patterns[(track.kind, name)])
            else:
                raise MmaSyntaxError(f"{track.name} has no pattern {name!r}")
        track.sequence = seq_bump(names, size)

    def accent(self, args: list) -> list:
        text = " ".join(args)
        text = text if text.startswith("{") else "{" + text + "}"
        groups = []
        while text.strip():
            text = text.strip()
            if text.startswith("/"):
                groups.append("/")
                text = text[1:]
                continue
            end = text.index("}")
            groups.append(text[1:end].split())
            text = text[end + 1:]
        size, result = self.state.g.seq_size, []
        for group in expand_slashes(groups, size):
            pairs = list(zip(group[::2], group[1::2]))
            result.append([(bar_offset(b, self.state.g.bar_length), int(v) / 100) for b, v in pairs])
        return seq_bump(result, size)

