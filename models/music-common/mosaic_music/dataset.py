"""Training windows over tokenized songs: a conditioning header, then whole bars from a random start, with transposition."""
from dataclasses import dataclass

import numpy as np
import torch

from .keys import transpose_key
from .metrics import bar_count
from .tokenizer import MusicTokenizer


@dataclass
class TokenizedSong:
    id: str
    conditions: dict  # style, key, tempo (density is measured per window)
    bars: list  # np.int64 token array per bar
    notes_per_bar: np.ndarray


def tokenize_songs(songs, tokenizer: MusicTokenizer, profile: str) -> list:
    result = []
    for song in songs:
        bars = tokenizer.bar_tokens(song.notes, profile, bar_count(song.notes))
        if len(bars) < 2:
            continue
        note_tokens = tokenizer.vocabulary.first["velocity"], len(tokenizer.vocabulary.values["velocity"])
        counts = np.array([sum(1 for t in bar if note_tokens[0] <= t < note_tokens[0] + note_tokens[1]) for bar in bars])
        conditions = {"style": song.style, "key": song.key or "C-major", "tempo": song.tempo}
        result.append(TokenizedSong(song.id, conditions, [np.array(bar, dtype=np.int64) for bar in bars], counts))
    return result


class WindowSampler:
    """Draws [B, length + 1] windows (PAD-filled) for next-token training."""

    def __init__(self, songs: list, tokenizer: MusicTokenizer, profile: str, length: int, transpositions=(0,)):
        self.songs, self.tokenizer, self.profile, self.length = songs, tokenizer, profile, length
        self.transpositions = list(transpositions)
        vocabulary = tokenizer.vocabulary
        self.pad = vocabulary.special("PAD")
        self.eos = vocabulary.special("EOS")
        self.pitch_first, self.pitch_count = vocabulary.first["pitch"], len(vocabulary.values["pitch"])
        weights = np.array([len(song.bars) for song in songs], dtype=np.float64)
        self.weights = weights / weights.sum()

    def window(self, song: TokenizedSong, start: int, transposition: int = 0):
        """Header + bars from `start` that fit, EOS if the song ends inside; returns (tokens, bars used, notes)."""
        header_length = 1 + len(self.tokenizer.vocabulary.profiles[self.profile]["header"])
        budget = self.length + 1 - header_length
        pieces, used, end = [], 0, start
        while end < len(song.bars) and used + len(song.bars[end]) <= budget:
            pieces.append(song.bars[end])
            used += len(song.bars[end])
            end += 1
        if end == start:  # one bar longer than the window: keep its beginning
            pieces, end, used = [song.bars[start][:budget]], start + 1, budget
        body = np.concatenate(pieces)
        if transposition:
            pitches = (body >= self.pitch_first) & (body < self.pitch_first + self.pitch_count)
            shifted = body[pitches] + transposition
            if shifted.min(initial=self.pitch_first) >= self.pitch_first and \
                    shifted.max(initial=self.pitch_first) < self.pitch_first + self.pitch_count:
                body = body.copy()
                body[pitches] = shifted
            else:
                transposition = 0
        if end == len(song.bars) and used < budget:
            body = np.append(body, self.eos)
        notes = int(song.notes_per_bar[start:end].sum())
        conditions = dict(song.conditions, density=notes / (end - start))
        if "key" in conditions and transposition:
            conditions["key"] = transpose_key(conditions["key"], transposition)
        header = np.array(self.tokenizer.header(self.profile, conditions), dtype=np.int64)
        return np.concatenate([header, body]), end - start, notes

    def sample(self, generator: np.random.Generator, batch: int) -> torch.Tensor:
        rows = np.full((batch, self.length + 1), self.pad, dtype=np.int64)
        for row in range(batch):
            song = self.songs[generator.choice(len(self.songs), p=self.weights)]
            start = int(generator.integers(0, len(song.bars) - 1))
            transposition = int(generator.choice(self.transpositions))
            tokens, _, _ = self.window(song, start, transposition)
            rows[row, :len(tokens)] = tokens
        return torch.from_numpy(rows)

    def evaluation_windows(self, song: TokenizedSong):
        """Consecutive windows covering the whole song (no transposition): (tokens, header length, notes)."""
        header_length = 1 + len(self.tokenizer.vocabulary.profiles[self.profile]["header"])
        start = 0
        while start < len(song.bars):
            tokens, used, notes = self.window(song, start)
            yield tokens, header_length, notes
            start += used
