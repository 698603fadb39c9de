"""A token vocabulary (remi-v1, arrange-v1) read from its JSON spec: token ids by family and value, exactly as the TypeScript runtime assigns them."""
import json
from pathlib import Path

SPEC_PATH = Path(__file__).resolve().parents[2] / "music-tokenizer" / "remi-v1.json"
ARRANGE_SPEC_PATH = SPEC_PATH.with_name("arrange-v1.json")


def family_values(family: dict) -> list:
    if "range" in family:
        low, high = family["range"]
        return list(range(low, high + 1))
    return list(family["values"])


def nearest_index(values, value) -> int:
    """Index of the value nearest to `value`; ties go to the lower index (the TypeScript side does the same)."""
    best, best_distance = 0, None
    for index, candidate in enumerate(values):
        distance = abs(candidate - value)
        if best_distance is None or distance < best_distance:
            best, best_distance = index, distance
    return best


class RemiVocabulary:
    def __init__(self, spec: dict):
        self.spec = spec
        self.ticks_per_beat = spec["ticksPerBeat"]
        self.steps_per_bar = spec["stepsPerBar"]
        self.ticks_per_step = self.ticks_per_beat // spec["stepsPerBeat"]
        self.offset_unit = spec["offsetUnitTicks"]
        self.tokens = []
        self.values = {}
        self.first = {}
        for family in spec["families"]:
            name, prefix = family["name"], family["prefix"]
            values = family_values(family)
            self.values[name] = values
            self.first[name] = len(self.tokens)
            if not values:
                self.tokens.append(prefix)
            for value in values:
                self.tokens.append(str(value) if prefix == "" else f"{prefix}_{value}")
        self.family_of = []
        for family in spec["families"]:
            self.family_of.extend([family["name"]] * max(1, len(self.values[family["name"]])))
        self.index = {token: i for i, token in enumerate(self.tokens)}
        self.drum_map = {int(key): value for key, value in spec["drumMap"].items()}
        self.profiles = spec.get("profiles", {})

    @classmethod
    def load(cls, path=SPEC_PATH) -> "RemiVocabulary":
        return cls(json.loads(Path(path).read_text()))

    @property
    def size(self) -> int:
        return len(self.tokens)

    def id(self, family: str, value=None) -> int:
        """Token id of a family's value (or of a value-less family such as bar)."""
        if not self.values[family]:
            return self.first[family]
        return self.first[family] + self.values[family].index(value)

    def nearest(self, family: str, value) -> int:
        return self.first[family] + nearest_index(self.values[family], value)

    def value(self, token: int):
        family = self.family_of[token]
        values = self.values[family]
        return family, (values[token - self.first[family]] if values else None)

    def special(self, name: str) -> int:
        return self.id("special", name)
