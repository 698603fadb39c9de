"""Decoder: shapes, causality, and the cache forward matching the full-sequence forward in torch."""
import unittest

import torch

from scratch_models import small_decoder

from mosaic_models.transformer import Decoder, DecoderConfig


class FullSequenceForwardTest(unittest.TestCase):
    def test_logits_for_every_position(self):
        model = small_decoder()
        logits = model(torch.randint(0, 40, (3, 11)))
        self.assertEqual(tuple(logits.shape), (3, 11, 40))

    def test_future_tokens_do_not_change_earlier_logits(self):
        model = small_decoder()
        tokens = torch.randint(0, 40, (1, 12))
        changed = tokens.clone()
        changed[0, 8:] = (changed[0, 8:] + 1) % 40
        with torch.no_grad():
            before, after = model(tokens), model(changed)
        torch.testing.assert_close(before[:, :8], after[:, :8])
        self.assertGreater((before[:, 8:] - after[:, 8:]).abs().max().item(), 1e-3)

    def test_rejects_sequences_longer_than_max_positions(self):
        with self.assertRaises(ValueError):
            small_decoder(max_positions=8)(torch.zeros(1, 9, dtype=torch.int64))

    def test_untied_head_has_its_own_weight(self):
        config = DecoderConfig(vocab_size=16, d_model=8, n_layers=1, n_heads=2, d_ff=16, max_positions=8, tied_head=False)
        tied = Decoder(DecoderConfig(**{**config.to_dict(), "tied_head": True}))
        self.assertEqual(Decoder(config).parameter_count() - tied.parameter_count(), 16 * 8)


class CachedForwardTest(unittest.TestCase):
    def setUp(self):
        self.model = small_decoder(seed=3)
        self.tokens = torch.randint(0, 40, (2, 10))
        with torch.no_grad():
            self.full = self.model(self.tokens)

    def run_in_chunks(self, chunks, capacity):
        """Feeds the tokens chunk by chunk into a cache of the given capacity filled with garbage."""
        cache = torch.randn(2, 2, 2, 4, capacity, 8) * 50
        outputs, position = [], 0
        with torch.no_grad():
            for chunk in chunks:
                logits, kv_new = self.model.forward_cached(
                    self.tokens[:, position:position + chunk], torch.tensor([position]), self.model.cache_views(cache))
                self.assertEqual(tuple(kv_new.shape), (2, 2, 2, 4, chunk, 8))
                cache[:, :, :, :, position:position + chunk] = kv_new
                outputs.append(logits)
                position += chunk
        return torch.cat(outputs, dim=1)

    def test_prompt_then_single_steps_match_full_forward(self):
        torch.testing.assert_close(self.run_in_chunks([4, 1, 1, 1, 1, 1, 1], capacity=16), self.full, atol=1e-4, rtol=0)

    def test_chunks_match_full_forward(self):
        torch.testing.assert_close(self.run_in_chunks([3, 3, 3, 1], capacity=10), self.full, atol=1e-4, rtol=0)

    def test_prescaled_queries_compute_the_same_logits(self):
        prescaled = self.model.with_prescaled_queries()
        self.assertTrue(all(block.attention.query_prescaled for block in prescaled.blocks))
        self.assertFalse(any(block.attention.query_prescaled for block in self.model.blocks))
        # The copy's query rows are scaled (the original's are untouched), yet both compute the same function.
        original = self.model.blocks[0].attention.qkv.weight
        torch.testing.assert_close(prescaled.blocks[0].attention.qkv.weight[:32], original[:32] / 8 ** 0.5)
        torch.testing.assert_close(prescaled.blocks[0].attention.qkv.weight[32:], original[32:])
        with torch.no_grad():
            torch.testing.assert_close(prescaled(self.tokens), self.full, atol=1e-5, rtol=0)
        self.model = prescaled
        torch.testing.assert_close(self.run_in_chunks([4, 1, 1, 3, 1], capacity=12), self.full, atol=1e-4, rtol=0)

    def test_empty_cache_runs_the_prompt(self):
        with torch.no_grad():
            empty = self.model.cache_views(self.model.empty_cache(2, 0))
            logits, kv_new = self.model.forward_cached(self.tokens, torch.tensor([0]), empty)
        torch.testing.assert_close(logits, self.full, atol=1e-4, rtol=0)
        self.assertEqual(tuple(kv_new.shape), (2, 2, 2, 4, 10, 8))


class GroupedQueryAttentionTest(unittest.TestCase):
    """n_kv_heads < n_heads: query head h reads key/value head h // G, and the cache holds only the key/value heads."""

    def grouped(self, kv_heads, seed=4):
        return small_decoder(seed=seed, n_kv_heads=kv_heads)

    def test_qkv_projects_query_heads_and_fewer_key_value_heads(self):
        for kv_heads in (1, 2):
            attention = self.grouped(kv_heads).blocks[0].attention
            self.assertEqual(tuple(attention.qkv.weight.shape), ((4 + 2 * kv_heads) * 8, 32))
        self.assertEqual(tuple(small_decoder().blocks[0].attention.qkv.weight.shape), (96, 32))

    def test_matches_attention_with_each_key_value_head_repeated_for_its_group(self):
        """An independent spelling: repeat K/V G times (repeat_interleave) and run plain multi-head attention."""
        model = self.grouped(2)
        attention = model.blocks[0].attention
        x = torch.randn(2, 7, 32)
        with torch.no_grad():
            q, k, v = attention._project(x)
            k, v = k.repeat_interleave(2, dim=1), v.repeat_interleave(2, dim=1)
            scores = (q @ k.transpose(-1, -2)) / 8 ** 0.5
            scores = scores.masked_fill(~torch.ones(7, 7, dtype=torch.bool).tril(), float("-inf"))
            expected = attention._merge_heads(torch.softmax(scores, dim=-1) @ v)
            torch.testing.assert_close(attention(x), expected, atol=1e-5, rtol=0)

    def test_cached_forward_matches_full_forward(self):
        for kv_heads in (1, 2):
            model = self.grouped(kv_heads).with_prescaled_queries()
            tokens = torch.randint(0, 40, (2, 10))
            cache = torch.randn(2, 2, 2, kv_heads, 14, 8) * 50  # garbage beyond past_length must be masked
            outputs, position = [], 0
            with torch.no_grad():
                full = model(tokens)
                for chunk in (4, 1, 3, 1, 1):
                    logits, kv_new = model.forward_cached(tokens[:, position:position + chunk],
                                                          torch.tensor([position]), model.cache_views(cache))
                    self.assertEqual(tuple(kv_new.shape), (2, 2, 2, kv_heads, chunk, 8))
                    cache[:, :, :, :, position:position + chunk] = kv_new
                    outputs.append(logits)
                    position += chunk
            torch.testing.assert_close(torch.cat(outputs, dim=1), full, atol=1e-4, rtol=0)

    def test_empty_cache_runs_the_prompt(self):
        model = self.grouped(1)
        tokens = torch.randint(0, 40, (3, 6))
        with torch.no_grad():
            logits, _ = model.forward_cached(tokens, torch.tensor([0]), model.cache_views(model.empty_cache(3, 0)))
            torch.testing.assert_close(logits, model(tokens), atol=1e-4, rtol=0)

    def test_rejects_query_heads_not_a_multiple_of_key_value_heads(self):
        with self.assertRaises(AssertionError):
            small_decoder(n_kv_heads=3)


if __name__ == "__main__":
    unittest.main()
