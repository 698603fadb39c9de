"""Puts models/common (the toolkit), models/common/tests (scratch_models) and models/research on sys.path, so these tests
run on their own: python3 -m unittest discover -s models/research/tests."""
from pathlib import Path
import sys

MODELS = Path(__file__).resolve().parents[2]
for folder in (MODELS / "common", MODELS / "common" / "tests", MODELS / "research"):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))
