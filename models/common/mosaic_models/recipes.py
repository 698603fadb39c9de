"""Versioned recipes: each model folder keeps one recipe per released version in recipes/<version>.json (architecture,
corpora, training, card text, evaluation), old ones never rewritten, so `npm run model -- build <name>@<version>`
rebuilds any version. A tool given a model folder uses its newest recipe; given a recipe file, that version. A folder
with a plain config.json (a size-sweep variant in models/.work) still works as before.

A recipe's work folder (checkpoints, tokenized corpus cache, reports) is models/.work/<name>/<version>, so two versions
never resume each other's checkpoints; a config.json folder keeps models/.work/<name>."""
import json
from pathlib import Path
import re

REPO_ROOT = Path(__file__).resolve().parents[3]
_SEMVER = re.compile(r"^(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?$")


def version_key(version: str) -> tuple:
    """Semantic-version order: 1.10.0 after 1.9.0, a pre-release before its release."""
    match = _SEMVER.match(version)
    if not match:
        raise ValueError(f"{version!r} is not a semantic version (major.minor.patch[-pre])")
    major, minor, patch, pre = match.groups()
    return (int(major), int(minor), int(patch), 0 if pre else 1, pre or "")


def recipe_versions(model_dir) -> list:
    folder = Path(model_dir) / "recipes"
    return sorted((path.stem for path in folder.glob("*.json")), key=version_key) if folder.is_dir() else []


def recipe_path(target) -> Path:
    """The recipe file a tool reads: `target` itself when it is a file, else the model folder's newest recipe, else its
    config.json."""
    path = Path(target)
    if path.is_file():
        return path
    versions = recipe_versions(path)
    if versions:
        return path / "recipes" / f"{versions[-1]}.json"
    if (path / "config.json").is_file():
        return path / "config.json"
    raise FileNotFoundError(f"{path}: no recipes/<version>.json and no config.json — give a model folder "
                            "(models/<name>) or a recipe file (models/<name>/recipes/<version>.json)")


def load_recipe(target) -> dict:
    """The recipe as a dict, with "work" (its work folder, relative to the repository) and "recipe" (its file) added."""
    path = recipe_path(target).resolve()
    config = json.loads(path.read_text())
    config.pop("work", None)
    config.pop("recipe", None)
    versioned = path.parent.name == "recipes"
    if versioned and config["card"]["version"] != path.stem:
        raise ValueError(f"{path}: its card says version {config['card']['version']}, its file name {path.stem}")
    config["work"] = f"models/.work/{config['name']}/{path.stem}" if versioned else f"models/.work/{config['name']}"
    try:
        config["recipe"] = str(path.relative_to(REPO_ROOT))
    except ValueError:
        config["recipe"] = str(path)
    return config


def work_dir(config: dict) -> Path:
    return REPO_ROOT / config.get("work", f"models/.work/{config['name']}")


def model_folder(config: dict) -> Path:
    """The model's folder (models/<name>): where its recipes, weights and reports live."""
    recipe = REPO_ROOT / config["recipe"]
    return recipe.parent.parent if recipe.parent.name == "recipes" else recipe.parent
