#!/usr/bin/env python3
"""Checks every JSON file of a helpdesk export against the JSON Schema of the vendor's
request body (Tests/KodexExportsTests/Schemas), with the jsonschema package.

Usage: check_json.py SCHEMA_DIR EXPORT_DIR; prints one line per file, exits 1 on any error.
"""
import glob
import json
import os
import sys

import jsonschema

FOLDERS = {
    "macros": "zendesk-macro.json",
    "triggers": "zendesk-trigger.json",
    "sla-policies": "zendesk-sla-policy.json",
    "canned-responses": "freshdesk-canned-response.json",
    "saved-replies": "helpscout-saved-reply.json",
}


def main(schema_dir, export_dir):
    failures = 0
    checked = 0
    for folder, schema_name in sorted(FOLDERS.items()):
        schema = json.load(open(os.path.join(schema_dir, schema_name), encoding="utf-8"))
        jsonschema.Draft7Validator.check_schema(schema)
        validator = jsonschema.Draft7Validator(schema)
        for path in sorted(glob.glob(os.path.join(export_dir, folder, "*.json"))):
            checked += 1
            body = json.load(open(path, encoding="utf-8"))
            errors = sorted(validator.iter_errors(body), key=lambda e: list(e.path))
            for error in errors:
                failures += 1
                print(f"{os.path.relpath(path, export_dir)}: {'/'.join(map(str, error.path))}: {error.message}")
    print(f"{checked} files checked, {failures} errors")
    sys.exit(1 if failures or not checked else 0)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
