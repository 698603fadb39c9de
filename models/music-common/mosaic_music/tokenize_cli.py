"""Tokenizes note lists read as JSON on stdin and prints tokens and decoded notes: the Python side of the TS/Python parity test."""
import json
import sys

from .tokenizer import MusicTokenizer, Note
from .vocabulary import RemiVocabulary


def main() -> int:
    request = json.load(sys.stdin)
    tokenizer = MusicTokenizer(RemiVocabulary.load())
    results = []
    for case in request["cases"]:
        notes = [Note(n["start"], n["duration"], n["pitch"], n["velocity"]) for n in case["notes"]]
        tokens = tokenizer.encode(notes, case["profile"], case["conditions"], case.get("bars"))
        decoded = tokenizer.decode(tokens, case["profile"])
        results.append({"tokens": tokens, "decoded": [n.__dict__ for n in decoded]})
    json.dump({"vocabularySize": tokenizer.vocabulary.size, "cases": results}, sys.stdout)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
