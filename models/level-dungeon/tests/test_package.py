"""The committed package models/packages/level-dungeon/1.0.0: manifest valid against the contract's JSON schema
(python jsonschema), files as declared, the platformer's graph layout, and a greedy decode in onnxruntime-node."""
import hashlib
import json
import subprocess
import sys
import unittest
from pathlib import Path

sys.path[:0] = [str(Path(__file__).resolve().parents[1]), str(Path(__file__).resolve().parents[2] / "common")]

import jsonschema  # noqa: E402
import onnx  # noqa: E402

import dungeon_data  # noqa: E402
from room_tokens import END, FIRST_TILE, INTERIOR_SIZE, SEQUENCE_LENGTH, TOKENS, conditions_of, prompt_ids  # noqa: E402

REPO = Path(__file__).resolve().parents[3]
PACKAGE = REPO / "models" / "packages" / "level-dungeon" / "1.0.0"
PLATFORMER = REPO / "models" / "packages" / "level-platformer" / "1.0.0"


class PackageTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.manifest = json.loads((PACKAGE / "manifest.json").read_text())

    def test_manifest_follows_the_contract_schema(self):
        schema = json.loads((REPO / "contract" / "schemas" / "model-manifest.schema.json").read_text())
        jsonschema.validate(self.manifest, schema)
        self.assertEqual(self.manifest["task"], "level.dungeon")
        self.assertFalse(self.manifest["commercialUse"])
        self.assertEqual(self.manifest["maxPositions"], SEQUENCE_LENGTH)
        self.assertEqual(self.manifest["defaults"]["rooms"], 12)
        for key in ("testNllPerTile", "exactCopies", "distinctPer100", "patternKl2x2", "doorsConnectedBeforeRepair",
                    "msPerRoomMedian"):
            self.assertIn(key, self.manifest["evaluation"])

    def test_files_are_as_declared_and_small(self):
        files = self.manifest["files"] + [f for variant in self.manifest["variants"] for f in variant["files"]]
        names = {path.name for path in PACKAGE.iterdir()} - {"manifest.json"}
        self.assertEqual({entry["path"] for entry in files}, names)
        for entry in files:
            data = (PACKAGE / entry["path"]).read_bytes()
            self.assertEqual(len(data), entry["size"], entry["path"])
            self.assertEqual(hashlib.sha256(data).hexdigest(), entry["sha256"], entry["path"])
        self.assertLess(sum(entry["size"] for entry in files), 1024 * 1024)
        self.assertEqual((PACKAGE / "room-vocab.json").read_bytes(), dungeon_data.VOCAB_PATH.read_bytes())

    def test_graph_layout_is_the_platformers(self):
        ours = onnx.load(str(PACKAGE / "model.onnx"))
        onnx.checker.check_model(ours)
        theirs = onnx.load(str(PLATFORMER / "model.onnx"), load_external_data=False)
        self.assertEqual([i.name for i in ours.graph.input], [i.name for i in theirs.graph.input])
        self.assertEqual([o.name for o in ours.graph.output], [o.name for o in theirs.graph.output])
        metadata = {prop.key: prop.value for prop in ours.metadata_props}
        self.assertEqual(metadata["layout"], "mosaic-kv-v2")
        self.assertEqual(metadata["vocab_size"], str(len(TOKENS)))
        logits = next(o for o in self.manifest["outputs"] if o["name"] == "logits")
        self.assertEqual(logits["shape"][-1], len(TOKENS))

    def test_greedy_decode_in_onnxruntime_node_writes_a_room(self):
        room = next(r for r in dungeon_data.training_rooms() if dungeon_data.is_entrance(r))
        prompt = prompt_ids(conditions_of(room.interior, room.doors, "start"))
        result = subprocess.run(
            ["node", "--import", "tsx", "models/tools/greedy-decode.ts", str(PACKAGE / "model.onnx"),
             "--prompt", ",".join(map(str, prompt)), "--tokens", str(INTERIOR_SIZE + 1)],
            cwd=REPO, capture_output=True, text=True, timeout=120)
        self.assertEqual(result.returncode, 0, result.stderr[-2000:])
        tokens = json.loads(result.stdout)["rows"][0]
        self.assertTrue(all(FIRST_TILE <= token < FIRST_TILE + 7 for token in tokens[:INTERIOR_SIZE]), tokens)
        self.assertEqual(tokens[INTERIOR_SIZE], END)


if __name__ == "__main__":
    unittest.main()
