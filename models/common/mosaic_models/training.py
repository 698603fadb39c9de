"""A minimal next-token training loop for Decoder (AdamW, cosine decay, gradient clipping) used by the fixtures and small models."""
import math
from typing import Callable

import torch
from torch.nn import functional as F

from .transformer import Decoder


def next_token_loss(model: Decoder, tokens: torch.Tensor) -> torch.Tensor:
    """Mean cross-entropy of predicting tokens[:, 1:] from tokens[:, :-1]."""
    logits = model(tokens[:, :-1])
    return F.cross_entropy(logits.reshape(-1, logits.shape[-1]), tokens[:, 1:].reshape(-1))


def train(
    model: Decoder,
    sample_batch: Callable[[torch.Generator], torch.Tensor],
    steps: int,
    learning_rate: float = 3e-3,
    weight_decay: float = 0.01,
    seed: int = 0,
    log_every: int = 0,
) -> list:
    """Trains in place on batches from sample_batch(generator) ([B, T+1] int64); returns the loss of every step."""
    generator = torch.Generator().manual_seed(seed)
    optimizer = torch.optim.AdamW(model.parameters(), lr=learning_rate, weight_decay=weight_decay)
    warmup = max(1, steps // 20)
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimizer,
        lambda step: min(1.0, (step + 1) / warmup) * 0.5 * (1 + math.cos(math.pi * min(step, steps) / steps)),
    )
    model.train()
    losses = []
    for step in range(steps):
        losses.append(optimizer_step(model, optimizer, schedule, next_token_loss(model, sample_batch(generator))))
        if log_every and (step + 1) % log_every == 0:
            print(f"step {step + 1}/{steps} loss {losses[-1]:.4f}")
    model.eval()
    return losses


def optimizer_step(model: torch.nn.Module, optimizer, schedule, loss: torch.Tensor) -> float:
    """One update as every trainer here makes it: backward, gradients clipped to norm 1, step, schedule; the loss."""
    optimizer.zero_grad(set_to_none=True)
    loss.backward()
    torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
    optimizer.step()
    schedule.step()
    return loss.item()


@torch.no_grad()
def greedy_continuation(model: Decoder, prompt_rows, new_tokens: int) -> list:
    """Greedy decoding with the full-sequence forward (no cache): an independent reference for the ONNX decoders."""
    tokens = torch.tensor(prompt_rows, dtype=torch.int64)
    model.eval()
    for _ in range(new_tokens):
        next_tokens = model(tokens)[:, -1].argmax(dim=-1, keepdim=True)
        tokens = torch.cat([tokens, next_tokens], dim=1)
    return tokens[:, len(prompt_rows[0]):].tolist()
