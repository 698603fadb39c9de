"""A small decoder-only transformer with a full-sequence forward for training and a cache-as-input forward for export."""
from dataclasses import asdict, dataclass
import math
import warnings

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
    # Key/value heads; None means one per query head (multi-head attention). Fewer gives grouped-query attention
    # (1 = multi-query): each key/value head serves n_heads / n_kv_heads query heads, so the cache a decoding step reads
    # shrinks by that factor — at batch 8 reading the cache, not arithmetic, bounds a step (docs/performance.md).
    n_kv_heads: int | None = None

    @property
    def head_dim(self) -> int:
        return self.d_model // self.n_heads

    @property
    def kv_heads(self) -> int:
        return self.n_heads if self.n_kv_heads is None else self.n_kv_heads

    def to_dict(self) -> dict:
        return asdict(self)


def _reshape_zero_keeps(x: torch.Tensor, shape) -> torch.Tensor:
    return x.reshape([x.shape[index] if size == 0 else size for index, size in enumerate(shape)])


class _ConstantReshape(torch.autograd.Function):
    """Export-only reshape whose ONNX form is Reshape(x, constant shape)."""

    @staticmethod
    def forward(ctx, x, shape):
        return _reshape_zero_keeps(x, shape)

    @staticmethod
    def symbolic(graph, x, shape):
        with warnings.catch_warnings():  # torch 1.13 calls graph.op deprecated, yet it is how its symbolics are written
            warnings.simplefilter("ignore", FutureWarning)
            return graph.op("Reshape", x, graph.op("Constant", value_t=torch.tensor(shape, dtype=torch.int64)))


def reshape_keeping(x: torch.Tensor, shape) -> torch.Tensor:
    """x.reshape(shape) where a 0 keeps x's size at that index (ONNX Reshape semantics); give one -1 as well.

    Exported, it is one Reshape of a constant shape; x.view(batch, length, ...) would trace into Shape, Gather,
    Unsqueeze and Concat nodes that onnxruntime runs at every step.
    """
    if torch.onnx.is_in_onnx_export():
        return _ConstantReshape.apply(x, tuple(shape))
    return _reshape_zero_keeps(x, shape)


def _blocking_bias(blocked: torch.Tensor) -> torch.Tensor:
    """0 where allowed, -inf where blocked: added to scores, it masks them (x + -inf = -inf, x + 0 = x exactly)."""
    blocking = torch.full((), float("-inf"), device=blocked.device)
    return torch.where(blocked, blocking, torch.zeros((), device=blocked.device))  # one Where node, built once


class CachedMasks:
    """What the layers of one cached forward share, built once: the masks of the new positions (causal) and of the
    cache (positions >= past_length; from the first layer's scores, so that no node reads the cache's shape).

    They are additive biases (0 or -inf, one Where each per forward) rather than a masked_fill per layer: the graph
    loses three nodes per layer, each layer's scores take a broadcast Add, which onnxruntime runs at least as fast as
    a Where (0-4 % faster batch-8 steps on the multi-query reference in interleaved runs), and the logits are the
    same bit for bit. Positions at or beyond past_length must therefore hold finite values (any stale key does).
    """

    def __init__(self, length, past_length, device):
        steps = torch.arange(length, device=device)
        self.length = length
        self.past_length = past_length
        self.causal_blocked = steps.unsqueeze(1) < steps  # [T, T]
        self.causal_bias = _blocking_bias(self.causal_blocked)
        self._cache_bias = None

    def cache_bias(self, scores_cached: torch.Tensor) -> torch.Tensor:
        """[S]: -inf at positions >= past_length, else 0."""
        if self._cache_bias is None:
            capacity = scores_cached.shape[-1]
            blocked = torch.arange(capacity, device=scores_cached.device) >= self.past_length
            self._cache_bias = _blocking_bias(blocked)
        return self._cache_bias


class CausalSelfAttention(nn.Module):
    def __init__(self, config: DecoderConfig):
        super().__init__()
        assert config.d_model % config.n_heads == 0, "d_model must be a multiple of n_heads"
        assert config.n_heads % config.kv_heads == 0, "n_heads must be a multiple of n_kv_heads"
        self.n_heads = config.n_heads
        self.kv_heads = config.kv_heads
        self.head_dim = config.head_dim
        # Rows: n_heads query heads, then kv_heads key heads, then kv_heads value heads (3 * d_model when equal).
        self.qkv = nn.Linear(config.d_model, (config.n_heads + 2 * config.kv_heads) * config.head_dim)
        self.out = nn.Linear(config.d_model, config.d_model)
        self.dropout = nn.Dropout(config.dropout)
        # True once the 1/sqrt(head_dim) score scale has been folded into the query rows of qkv (see
        # Decoder.with_prescaled_queries): the scores are then q @ k^T with no multiply.
        self.query_prescaled = False

    def _scale_scores(self, scores: torch.Tensor) -> torch.Tensor:
        return scores if self.query_prescaled else scores / math.sqrt(self.head_dim)

    def _project(self, x: torch.Tensor):
        """x [B, T, D] -> q [B, H, T, Dh], k, v [B, Hkv, T, Dh] (one Reshape, one Transpose, one Split)."""
        heads = self.n_heads + 2 * self.kv_heads
        projected = reshape_keeping(self.qkv(x), (0, -1, heads, self.head_dim)).transpose(1, 2)
        if self.kv_heads == self.n_heads:
            return projected.split(self.n_heads, dim=1)
        return projected.split([self.n_heads, self.kv_heads, self.kv_heads], dim=1)

    def _grouped(self, q: torch.Tensor) -> torch.Tensor:
        """q [B, H, T, Dh] -> [B, Hkv, G*T, Dh]: each key/value head's G query heads as the rows of one matrix.

        Query head h belongs to key/value head h // G, so this is a reshape, not a copy, and the cache is read by one
        MatMul per key/value head rather than repeated G times. Scores, softmax and the weighted sum all stay in this
        grouped form (softmax is per row); _ungrouped turns the result back. Identity for multi-head attention.
        """
        return q if self.kv_heads == self.n_heads else reshape_keeping(q, (0, self.kv_heads, -1, self.head_dim))

    def _ungrouped(self, y: torch.Tensor) -> torch.Tensor:
        """[B, Hkv, G*T, Dh] -> [B, H, T, Dh], the inverse of _grouped."""
        return y if self.kv_heads == self.n_heads else reshape_keeping(y, (0, self.n_heads, -1, self.head_dim))

    def _grouped_mask(self, blocked: torch.Tensor) -> torch.Tensor:
        """A [T, N] mask (or bias) of the new positions' rows, repeated for the G query heads sharing a row block."""
        groups = self.n_heads // self.kv_heads
        return blocked if groups == 1 else blocked.repeat(groups, 1)

    def _merge_heads(self, y: torch.Tensor) -> torch.Tensor:
        """y [B, H, T, Dh] -> out(y) [B, T, D]."""
        return self.out(reshape_keeping(y.transpose(1, 2), (0, -1, self.n_heads * self.head_dim)))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """Full-sequence causal attention: x [B, T, D] -> [B, T, D]."""
        q, k, v = self._project(x)
        length = x.shape[1]
        scores = self._scale_scores(self._grouped(q) @ k.transpose(-1, -2))
        causal = torch.ones(length, length, dtype=torch.bool, device=x.device).tril()
        scores = scores.masked_fill(self._grouped_mask(~causal), float("-inf"))
        probs = self.dropout(torch.softmax(scores, dim=-1))
        return self._merge_heads(self._ungrouped(probs @ v))

    def forward_cached(self, x, cache_k, cache_v, masks: CachedMasks):
        """Attends the new positions x [B, T, D] to cache_k/v [B, H, S, Dh] (valid below past_length) and to themselves.

        Scores against the cache and against the new keys are computed separately and only the scores are
        concatenated: the cache is read in place by two MatMuls and nothing else. Returns (y, k_new, v_new).
        """
        q, k_new, v_new = self._project(x)
        q = self._grouped(q)
        scores_cached = self._scale_scores(q @ cache_k.transpose(-1, -2))
        scores_cached = scores_cached + masks.cache_bias(scores_cached)
        scores_new = self._scale_scores(q @ k_new.transpose(-1, -2))
        scores_new = scores_new + self._grouped_mask(masks.causal_bias)
        probs = torch.softmax(torch.cat([scores_cached, scores_new], dim=-1), dim=-1)
        probs_cached, probs_new = probs[..., :-masks.length], probs[..., -masks.length:]
        y = self._ungrouped(probs_cached @ cache_v + probs_new @ v_new)
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

    def forward_cached(self, x, cache_k, cache_v, masks: CachedMasks):
        attended, k_new, v_new = self.attention.forward_cached(self.ln_attention(x), cache_k, cache_v, masks)
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

    def forward_cached(self, input_ids, past_length, past):
        """Export forward (layout mosaic-kv-v2).

        input_ids [B, T] int64, past_length [1] int64, past: 2L tensors [B, H, S, Dh] ordered key_0, value_0, key_1, ...
        -> logits [B, T, V], kv_new [L, 2, B, H, T, Dh] (keys/values of the T new positions only).
        """
        length = input_ids.shape[1]
        positions = past_length + torch.arange(length, device=input_ids.device)
        x = self.token_embedding(input_ids) + self.position_embedding(positions)
        masks = CachedMasks(length, past_length, input_ids.device)
        new_keys_values = []
        for index, block in enumerate(self.blocks):
            x, k_new, v_new = block.forward_cached(x, past[2 * index], past[2 * index + 1], masks)
            new_keys_values.append(torch.stack([k_new, v_new]))
        return self._logits(x), torch.stack(new_keys_values)

    def with_prescaled_queries(self) -> "Decoder":
        """A copy computing the same function with the attention score scale folded into the query projection.

        Scores become q' @ k^T with q' = q / sqrt(head_dim), so the exported graph has no Mul on the scores. That
        matters on onnxruntime's CPU: it fuses such a Mul into the MatMul's alpha, and MLAS's single-row (decoding)
        GEMM fast path only applies when alpha is 1, so a scaled score MatMul packs the whole cache every step
        (+25 % batch-8 decoding throughput on the reference decoder without it; see docs/performance.md).
        """
        copy = Decoder(self.config)
        copy.load_state_dict(self.state_dict())
        copy.eval()
        d_model = self.config.d_model
        with torch.no_grad():
            for block in copy.blocks:
                attention = block.attention
                if attention.query_prescaled:
                    continue
                scale = 1.0 / math.sqrt(attention.head_dim)
                attention.qkv.weight[:d_model].mul_(scale)  # rows 0..D of the [3D, D] weight produce q
                attention.qkv.bias[:d_model].mul_(scale)
                attention.query_prescaled = True
        return copy

    def empty_cache(self, batch: int, capacity: int = 0) -> torch.Tensor:
        """A cache buffer [L, 2, B, H, S, Dh], laid out as the app keeps it."""
        c = self.config
        return torch.zeros(c.n_layers, 2, batch, c.kv_heads, capacity, c.head_dim)

    @staticmethod
    def cache_views(cache: torch.Tensor) -> list:
        """The 2L views [B, H, S, Dh] of a cache buffer that forward_cached takes: key_0, value_0, key_1, ..."""
        return [cache[layer, kind] for layer in range(cache.shape[0]) for kind in range(2)]
