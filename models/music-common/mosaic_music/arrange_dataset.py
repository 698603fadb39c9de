"""Training sequences for the arrange model: a window of bars, a random set of cells to fill, transposition.

Which cells are masked mirrors what the app asks for: everything (arrange), whole tracks (harmonize: chords and bass
under a melody; a melody over chords), a span of bars in every track (continue, between two clips), scattered cells
(infill), a span of one track. A pitched window may also drop a track, so melody-only or melody+chords songs are in
distribution. The loss covers the fills only (tokens after Sep): the context is given at inference.
"""
from dataclasses import dataclass

import numpy as np
import torch

from .arrange_corpus import PITCHED
from .arrange_tokens import TRACKS, ArrangeTokenizer
from .keys import transpose_key

MASK_MODES = ("all", "tracks", "span", "cells", "track-span")
MASK_WEIGHTS = (0.3, 0.2, 0.2, 0.2, 0.1)


@dataclass
class TokenizedArrangeSong:
    id: str
    style: str
    key: str
    tempo: float
    bars: int
    cells: dict  # track -> list of np.int64 arrays, one per bar
    counts: dict  # track -> np.int64 events per bar


def tokenize_songs(songs, tokenizer: ArrangeTokenizer) -> list:
    result = []
    for song in songs:
        cells, counts = {}, {}
        for track, events in song.tracks.items():
            cells[track], counts[track] = tokenizer.cells(events, track, song.bars)
        result.append(TokenizedArrangeSong(song.id, song.style, song.key or "C-major", song.tempo, song.bars, cells, counts))
    return result


def choose_masked(generator: np.random.Generator, tracks, bars: int, mode: str) -> set:
    cells = [(bar, track) for bar in range(bars) for track in tracks]
    if mode == "all" or (mode == "tracks" and len(tracks) < 2):
        return set(cells)
    if mode == "tracks":
        count = int(generator.integers(1, len(tracks)))
        chosen = set(generator.choice(list(tracks), size=count, replace=False).tolist())
        return {cell for cell in cells if cell[1] in chosen}
    if mode in ("span", "track-span"):
        start = int(generator.integers(0, bars))
        end = int(generator.integers(start, bars)) + 1
        chosen = {str(generator.choice(list(tracks)))} if mode == "track-span" else set(tracks)
        return {(bar, track) for bar, track in cells if start <= bar < end and track in chosen}
    rate = float(generator.uniform(0.1, 0.6))
    masked = {cell for cell in cells if generator.random() < rate}
    return masked or {cells[int(generator.integers(0, len(cells)))]}


class ArrangeSampler:
    """Draws [B, T+1] token rows (PAD-filled to the longest row) and a [B, T] loss mask over the fills."""

    def __init__(self, songs: list, tokenizer: ArrangeTokenizer, max_length: int, bar_choices=(4, 8, 8, 12, 16),
                 transpositions=(0,)):
        self.songs, self.tokenizer, self.max_length = songs, tokenizer, max_length
        self.bar_choices, self.transpositions = list(bar_choices), list(transpositions)
        weights = np.array([song.bars for song in songs], dtype=np.float64)
        self.weights = weights / weights.sum()

    def build(self, song: TokenizedArrangeSong, start: int, bars: int, tracks, masked: set, transposition: int = 0):
        """(tokens, sep index) of one window, or None when a transposed pitch leaves its track's range."""
        tokenizer = self.tokenizer
        cells = {}
        for track in tracks:
            moved = [tokenizer.transpose_cell(cell, transposition, track) for cell in song.cells[track][start:start + bars]]
            if any(cell is None for cell in moved):
                return None
            cells[track] = moved
        densities = {track: float(song.counts[track][start:start + bars].mean()) for track in tracks}
        key = transpose_key(song.key, transposition) if transposition else song.key
        header = tokenizer.header(song.style, key, song.tempo, densities)
        return tokenizer.sequence(header, cells, tracks, bars, masked)

    def draw(self, generator: np.random.Generator, song: TokenizedArrangeSong):
        tracks = [track for track in TRACKS if track in song.cells]
        if len(tracks) > 1 and generator.random() < 0.2:
            dropped = str(generator.choice(tracks))
            tracks = [track for track in tracks if track != dropped]
        bars = min(song.bars, int(generator.choice(self.bar_choices)))
        start = int(generator.integers(0, song.bars - bars + 1))
        mode = MASK_MODES[int(generator.choice(len(MASK_MODES), p=MASK_WEIGHTS))]
        transposition = int(generator.choice(self.transpositions)) if any(t in PITCHED for t in tracks) else 0
        while True:
            masked = choose_masked(generator, tracks, bars, mode)
            built = self.build(song, start, bars, tracks, masked, transposition)
            if built is None:
                transposition, built = 0, self.build(song, start, bars, tracks, masked, 0)
            if len(built[0]) <= self.max_length + 1 or bars == 1:
                return built
            bars = max(1, bars // 2)

    def sample(self, generator: np.random.Generator, batch: int, pool: int = 1):
        """One batch; with pool > 1, rows are drawn for `pool` batches at once and grouped by length (less padding,
        so a step costs less), and the other batches are kept for the next calls."""
        queue = getattr(self, "_queue", None)
        if queue:
            return queue.pop()
        rows = []
        for _ in range(batch * pool):
            song = self.songs[generator.choice(len(self.songs), p=self.weights)]
            rows.append(self.draw(generator, song))
        rows.sort(key=lambda row: len(row[0]))
        batches = [self._pack(rows[i:i + batch]) for i in range(0, len(rows), batch)]
        order = generator.permutation(len(batches))
        self._queue = [batches[i] for i in order[1:]]
        return batches[order[0]]

    def _pack(self, rows):
        batch = len(rows)
        length = min(self.max_length + 1, max(len(tokens) for tokens, _ in rows))
        tokens = np.full((batch, length), self.tokenizer.pad, dtype=np.int64)
        mask = np.zeros((batch, length - 1), dtype=np.float32)
        for row, (sequence, sep) in enumerate(rows):
            sequence = sequence[:length]
            tokens[row, :len(sequence)] = sequence
            mask[row, sep:len(sequence) - 1] = 1.0  # predict every token after Sep (Sep itself is given)
        return torch.from_numpy(tokens), torch.from_numpy(mask)
