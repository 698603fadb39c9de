"""Versioned recipes: each released version trains from recipes/<version>.json, and the packaged graphs agree with them."""
import json
import unittest
from pathlib import Path

import onnx

from package_level import main as package_main, newest_version, report_paths, version_order
from train_level import RECIPES, parse_args, read_recipe

PACKAGES = Path(__file__).resolve().parents[2] / "packages" / "level-platformer"


def kv_heads_of(graph_path: Path) -> int:
    """Key/value heads of a mosaic-kv-v2 graph: dimension 1 of past_key_0 [batch, kv_heads, capacity, head_dim]."""
    graph = onnx.load(str(graph_path), load_external_data=False).graph
    past_key = next(value for value in graph.input if value.name == "past_key_0")
    return past_key.type.tensor_type.shape.dim[1].dim_value


class RecipeTest(unittest.TestCase):
    def test_every_packaged_version_has_a_recipe_and_the_newest_recipe_is_packaged(self):
        packaged = {folder.name for folder in PACKAGES.iterdir() if (folder / "manifest.json").exists()}
        recipes = {path.stem for path in RECIPES.glob("*.json")}
        self.assertEqual(packaged, recipes)
        self.assertEqual(newest_version(), max(recipes, key=version_order))
        self.assertLess(version_order("1.1.0-rc.1"), version_order("1.1.0"))
        self.assertLess(version_order("1.0.0"), version_order("1.1.0-rc.1"))
        self.assertLess(version_order("1.1.0-rc.2"), version_order("1.1.0-rc.10"))

    def test_a_recipe_sets_the_defaults_and_flags_still_override(self):
        args = parse_args(["--recipe", "1.0.0"])
        self.assertEqual((args.layers, args.dropout, args.weight_decay, args.steps, args.kv_heads), (2, 0.3, 0.1, 400, None))
        self.assertEqual(Path(args.out).name, "1.0.0")
        self.assertEqual(parse_args(["--recipe", "1.1.0-rc.1", "--seed", "3", "--out", "/tmp/x"]).seed, 3)
        candidate = parse_args(["--recipe", "1.1.0-rc.1"])
        self.assertEqual((candidate.kv_heads, candidate.heads, candidate.d_ff), (1, 2, 576))

    def test_unknown_versions_and_arguments_are_refused_with_what_to_change(self):
        with self.assertRaises(SystemExit) as refused:
            read_recipe("9.9.9")
        self.assertIn("recipes/9.9.9.json", str(refused.exception).replace("\\", "/"))
        with self.assertRaises(SystemExit):
            parse_args([])  # neither --out nor --recipe

    def test_packaged_graphs_have_the_recipes_attention(self):
        for path in RECIPES.glob("*.json"):
            recipe = json.loads(path.read_text())
            manifest = json.loads((PACKAGES / path.stem / "manifest.json").read_text())
            self.assertEqual(manifest["version"], recipe["version"])
            heads = recipe["training"].get("heads", 4)
            self.assertEqual(kv_heads_of(PACKAGES / path.stem / "model.onnx"), recipe["training"].get("kv_heads") or heads)

    def test_a_frozen_release_is_never_repackaged_in_place(self):
        self.assertTrue(read_recipe("1.0.0").get("frozen"))
        with self.assertRaises(SystemExit) as refused:
            package_main(["--version", "1.0.0"])
        self.assertIn("--out", str(refused.exception))
        with self.assertRaises(SystemExit) as refused:
            package_main(["--version", "1.0.0", "--refresh"])
        self.assertIn("frozen", str(refused.exception))

    def test_1_0_0_keeps_the_report_names_it_was_released_with(self):
        self.assertEqual(report_paths("1.0.0")["evaluation"].name, "evaluation.json")
        self.assertEqual(report_paths("1.0.0")["evaluation"].parent, RECIPES.parent)
        self.assertEqual(report_paths("1.1.0-rc.1")["bench"].relative_to(RECIPES.parent),
                         Path("reports/1.1.0-rc.1/bench.md"))


if __name__ == "__main__":
    unittest.main()
