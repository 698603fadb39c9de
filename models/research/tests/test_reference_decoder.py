"""The benchmark's reference decoders: every attention layout keeps the same parameter count; only the cache differs."""
import unittest

import research_path  # noqa: F401  (puts models/common, its tests and models/research on sys.path)
from mosaic_research.reference_decoder import reference_config
from mosaic_models.transformer import Decoder


class ReferenceConfigTest(unittest.TestCase):
    def test_layouts_keep_the_parameter_count_and_shrink_the_cache(self):
        layouts = {(4, 4): 4 * 64, (1, 4): 64, (1, 8): 32, (1, 16): 16}  # (kv, query heads) -> cached floats/position
        counts = {}
        for (kv_heads, query_heads), cached in layouts.items():
            config = reference_config(kv_heads, query_heads)
            self.assertEqual(config.n_heads, query_heads)
            self.assertEqual(config.kv_heads * config.head_dim, cached)
            counts[(kv_heads, query_heads)] = Decoder(config).parameter_count()
        multi_head = counts[(4, 4)]
        self.assertGreater(multi_head, 3_500_000)
        for layout, count in counts.items():
            # Only the biases of the dropped qkv rows are not given back: well under 0.1 %.
            self.assertLess(abs(count - multi_head) / multi_head, 1e-3, layout)

    def test_the_default_is_multi_head_attention(self):
        config = reference_config()
        self.assertIsNone(config.n_kv_heads)
        self.assertEqual((config.n_heads, config.head_dim, config.d_ff), (4, 64, 1024))
        self.assertEqual(reference_config(1).d_ff, 1216)  # the multi-query reference measured before this option


if __name__ == "__main__":
    unittest.main()
