"""Validates LDtk project files against LDtk's published JSON schema (ldtk-1.5.3.schema.json, beside this file).

Usage: /usr/bin/python3 validate_ldtk.py FILE.ldtk...  Prints one JSON line per file: {"file", "valid", "errors"}
(at most 5 errors, each "path: message"). Exit status 0 when every file is valid, 1 otherwise. Needs Debian's
python3-jsonschema.
"""
import json
import os
import sys

import jsonschema

schema_path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "ldtk-1.5.3.schema.json")
with open(schema_path, encoding="utf-8") as handle:
    schema = json.load(handle)
# The schema declares draft-07 (as "https://json-schema.org/draft-07/schema#", which jsonschema does not recognise by
# that spelling): validate with the draft-07 validator by name.
jsonschema.Draft7Validator.check_schema(schema)
validator = jsonschema.Draft7Validator(schema)

all_valid = True
for path in sys.argv[1:]:
    with open(path, encoding="utf-8") as handle:
        document = json.load(handle)
    errors = sorted(validator.iter_errors(document), key=lambda error: list(error.absolute_path))
    all_valid = all_valid and not errors
    print(json.dumps({
        "file": path,
        "valid": not errors,
        "errors": ["/".join(str(part) for part in error.absolute_path) + ": " + error.message[:300] for error in errors[:5]],
    }))
sys.exit(0 if all_valid else 1)
