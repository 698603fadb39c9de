"""Versioned recipes (mosaic_models/recipes.py): which file a tool reads, where its work goes, and that every committed
recipe names the version its file is named for."""
import json
from pathlib import Path
import tempfile
import unittest

import scratch_models  # noqa: F401  (puts models/common on sys.path)
from mosaic_models.recipes import REPO_ROOT, load_recipe, model_folder, recipe_path, recipe_versions, version_key, work_dir


def write(path: Path, version: str, name: str = "demo") -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"name": name, "card": {"version": version}}))


class RecipeTest(unittest.TestCase):
    def test_a_folder_means_its_newest_recipe_in_semantic_version_order(self):
        with tempfile.TemporaryDirectory() as folder:
            model = Path(folder) / "demo"
            for version in ("1.9.0", "1.10.0", "1.10.0-rc.1", "1.2.0"):
                write(model / "recipes" / f"{version}.json", version)
            self.assertEqual(recipe_versions(model), ["1.2.0", "1.9.0", "1.10.0-rc.1", "1.10.0"])
            self.assertEqual(recipe_path(model), model / "recipes" / "1.10.0.json")
            config = load_recipe(model)
            self.assertEqual(config["work"], "models/.work/demo/1.10.0")
            self.assertEqual(model_folder(config), model.resolve())
            older = load_recipe(model / "recipes" / "1.2.0.json")
            self.assertEqual(older["card"]["version"], "1.2.0")
            self.assertEqual(work_dir(older), REPO_ROOT / "models/.work/demo/1.2.0")

    def test_a_plain_config_folder_keeps_its_unversioned_work_folder(self):
        with tempfile.TemporaryDirectory() as folder:
            write(Path(folder) / "config.json", "0.1.0", name="demo-sweep-large")
            self.assertEqual(load_recipe(folder)["work"], "models/.work/demo-sweep-large")

    def test_a_recipe_whose_card_disagrees_with_its_file_name_is_refused(self):
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "recipes" / "2.0.0.json"
            write(path, "1.0.0")
            with self.assertRaisesRegex(ValueError, "card says version 1.0.0"):
                load_recipe(path)

    def test_a_folder_without_recipes_says_what_to_give(self):
        with tempfile.TemporaryDirectory() as folder:
            with self.assertRaisesRegex(FileNotFoundError, "recipes/<version>.json"):
                recipe_path(folder)
        with self.assertRaisesRegex(ValueError, "not a semantic version"):
            version_key("latest")

    def test_every_committed_music_recipe_matches_a_shipped_package(self):
        for name in ("music-melody", "music-drums", "music-arrange", "music-arrange-cc-by"):
            versions = recipe_versions(REPO_ROOT / "models" / name)
            self.assertTrue(versions, name)
            for version in versions:
                config = load_recipe(REPO_ROOT / "models" / name / "recipes" / f"{version}.json")
                self.assertEqual(config["name"], name)
                manifest = REPO_ROOT / "models" / "packages" / name / version / "manifest.json"
                self.assertTrue(manifest.is_file(), f"{name}@{version}: no package for this recipe")
                self.assertEqual(json.loads(manifest.read_text())["version"], version)


if __name__ == "__main__":
    unittest.main()
