"""A small decoder-only transformer with a full-sequence forward for training and a cache-as-input forward for export."""
from dataclasses import asdict, dataclass
import math

import torch
from torch import nn
from torch.nn import functional as F


@dataclass
class DecoderConfig:
    vocab_size: int
    d_model: int
    n_layers: int
    n_heads: int
    d_ff: int
    max_positions: int
    dropout: float = 0.0
    tied_head: bool = True

    @property
    def head_dim(self) -> int:
        return self.d_model // self.n_heads

    def to_dict(self) -> dict:
        return asdict(self)


class CausalSelfAttention(nn.Module):
    def __init__(self, config: DecoderConfig):
        super().__init__()
        assert config.d_model % config.n_heads == 0, "d_model must be a multiple of n_heads"
        self.n_heads = config.n_heads
        self.head_dim = config.head_dim
        self.qkv = nn.Linear(config.d_model, 3 * config.d_model)
        self.out = nn.Linear(config.d_model, config.d_model)
        self.dropout = nn.Dropout(config.dropout)

    def _split_heads(self, x: torch.Tensor) -> torch.Tensor:
        batch, length, _ = x.shape
        return x.view(batch, length, self.n_heads, self.head_dim).transpose(1, 2)

    def _project(self, x: torch.Tensor):
        q, k, v = self.qkv(x).chunk(3, dim=-1)
        return self._split_heads(q), self._split_heads(k), self._split_heads(v)

    def _merge_heads(self, x: torch.Tensor) -> torch.Tensor:
        batch, _, length, _ = x.shape
        return self.out(x.transpose(1, 2).reshape(batch, length, self.n_heads * self.head_dim))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """Full-sequence causal attention: x [B, T, D] -> [B, T, D]."""
        q, k, v = self._project(x)
        length = x.shape[1]
        scores = q @ k.transpose(-1, -2) / math.sqrt(self.head_dim)
        causal = torch.ones(length, length, dtype=torch.bool, device=x.device).tril()
        scores = scores.masked_fill(~causal, float("-inf"))
        probs = self.dropout(torch.softmax(scores, dim=-1))
        return self._merge_heads(probs @ v)

    def forward_cached(self, x, past_length, cache_k, cache_v):
        """Attends the new positions x [B, T, D] to cache_k/v [B, H, S, Dh] (valid below past_length) and to themselves.

        Scores against the cache and against the new keys are computed separately and only the scores are
        concatenated, so the cache itself is never copied into a bigger tensor. Returns (y, k_new, v_new).
        """
        q, k_new, v_new = self._project(x)
        scale = 1.0 / math.sqrt(self.head_dim)
        capacity, length = cache_k.shape[2], x.shape[1]
        cached_valid = torch.arange(capacity, device=x.device) < past_length  # [S]
        causal = torch.arange(length, device=x.device).unsqueeze(1) >= torch.arange(length, device=x.device)
        scores_cached = ((q @ cache_k.transpose(-1, -2)) * scale).masked_fill(~cached_valid, float("-inf"))
        scores_new = ((q @ k_new.transpose(-1, -2)) * scale).masked_fill(~causal, float("-inf"))
        probs = torch.softmax(torch.cat([scores_cached, scores_new], dim=-1), dim=-1)
        probs_cached, probs_new = probs[..., :capacity], probs[..., capacity:]
        y = probs_cached @ cache_v + probs_new @ v_new
        return self._merge_heads(y), k_new, v_new


class DecoderBlock(nn.Module):
    def __init__(self, config: DecoderConfig):
        super().__init__()
        self.ln_attention = nn.LayerNorm(config.d_model)
        self.attention = CausalSelfAttention(config)
        self.ln_mlp = nn.LayerNorm(config.d_model)
        self.mlp = nn.Sequential(
            nn.Linear(config.d_model, config.d_ff),
            nn.GELU(),
            nn.Linear(config.d_ff, config.d_model),
            nn.Dropout(config.dropout),
        )
        self.dropout = nn.Dropout(config.dropout)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = x + self.dropout(self.attention(self.ln_attention(x)))
        return x + self.mlp(self.ln_mlp(x))

    def forward_cached(self, x, past_length, cache_k, cache_v):
        attended, k_new, v_new = self.attention.forward_cached(self.ln_attention(x), past_length, cache_k, cache_v)
        x = x + attended
        return x + self.mlp(self.ln_mlp(x)), k_new, v_new


class Decoder(nn.Module):
    def __init__(self, config: DecoderConfig):
        super().__init__()
        self.config = config
        self.token_embedding = nn.Embedding(config.vocab_size, config.d_model)
        self.position_embedding = nn.Embedding(config.max_positions, config.d_model)
        self.dropout = nn.Dropout(config.dropout)
        self.blocks = nn.ModuleList(DecoderBlock(config) for _ in range(config.n_layers))
        self.ln_final = nn.LayerNorm(config.d_model)
        self.head = None if config.tied_head else nn.Linear(config.d_model, config.vocab_size, bias=False)
        self.apply(self._init_weights)

    @staticmethod
    def _init_weights(module: nn.Module) -> None:
        if isinstance(module, (nn.Linear, nn.Embedding)):
            nn.init.normal_(module.weight, mean=0.0, std=0.02)
        if isinstance(module, nn.Linear) and module.bias is not None:
            nn.init.zeros_(module.bias)

    def parameter_count(self) -> int:
        return sum(parameter.numel() for parameter in self.parameters())

    def _logits(self, x: torch.Tensor) -> torch.Tensor:
        x = self.ln_final(x)
        weight = self.token_embedding.weight if self.head is None else self.head.weight
        return x @ weight.t()

    def forward(self, input_ids: torch.Tensor) -> torch.Tensor:
        """Training forward: input_ids [B, T] int64 -> logits [B, T, V] for every position."""
        length = input_ids.shape[1]
        if length > self.config.max_positions:
            raise ValueError(f"sequence of {length} tokens exceeds max_positions {self.config.max_positions}")
        positions = torch.arange(length, device=input_ids.device)
        x = self.dropout(self.token_embedding(input_ids) + self.position_embedding(positions))
        for block in self.blocks:
            x = block(x)
        return self._logits(x)

    def forward_cached(self, input_ids, past_length, kv_cache):
        """Export forward (layout mosaic-kv-v1).

        input_ids [B, T] int64, past_length [1] int64, kv_cache [L, 2, B, H, S, Dh] float32
        -> logits [B, T, V], kv_new [L, 2, B, H, T, Dh] (keys/values of the T new positions only).
        """
        positions = past_length + torch.arange(input_ids.shape[1], device=input_ids.device)
        x = self.token_embedding(input_ids) + self.position_embedding(positions)
        # One unbind of the [2L, B, H, S, Dh] view: onnxruntime runs it as a single Split, the graph's only copy of the
        # cache. The explicit shape (no -1) lets export mark the Reshape allowzero, so S = 0 stays 0.
        cached = kv_cache.reshape((2 * self.config.n_layers,) + tuple(kv_cache.shape[2:])).unbind(0)
        new_keys_values = []
        for index, block in enumerate(self.blocks):
            x, k_new, v_new = block.forward_cached(x, past_length, cached[2 * index], cached[2 * index + 1])
            new_keys_values.append(torch.stack([k_new, v_new]))
        return self._logits(x), torch.stack(new_keys_values)

    def empty_cache(self, batch: int, capacity: int = 0) -> torch.Tensor:
        c = self.config
        return torch.zeros(c.n_layers, 2, batch, c.n_heads, capacity, c.head_dim)
