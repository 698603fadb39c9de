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


if __name__ == "__main__":
    unittest.main()
