#!/usr/bin/env python3
"""Injects one producer's mistake at a time into real news items and checks that newsval
reports an error on the mutated line (or, for a missing field, on its mapping's line).

    scripts/mutate-real.py ITEMS_DIR [--newsval target/release/newsval] [--config FILE]

ITEMS_DIR holds real items (the publisher's corpus, which is not committed here). For each
item and each mistake that applies to it, a mutated copy is written to a temporary folder;
one newsval run per mistake checks them all. Prints a line per mistake: applied, caught on
its line, missed. Exits 1 if any is missed, or if an unmutated item has an error.
"""
import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

NOW = "2026-12-06T00:00:00Z"


def lines_of(text):
    return text.splitlines(keepends=True)


def find(lines, pattern, start=0):
    for i in range(start, len(lines)):
        if re.match(pattern, lines[i]):
            return i
    return None


def frontmatter_end(lines):
    return find(lines, r"^(---|\.\.\.)\s*$", 1) or len(lines)


def sub_line(lines, i, pattern, repl):
    new = re.sub(pattern, repl, lines[i], count=1)
    if new == lines[i]:
        return None
    out = list(lines)
    out[i] = new
    return out, i


def root_key(lines, key):
    return find(lines[: frontmatter_end(lines)], rf"^{re.escape(key)}:")


def nested(lines, parent_pattern, key):
    """The first `key:` line in the block that starts at the line matching parent_pattern."""
    start = find(lines[: frontmatter_end(lines)], parent_pattern)
    if start is None:
        return None
    end = frontmatter_end(lines)
    for i in range(start + 1, end):
        if re.match(r"^\S", lines[i]):
            return None
        if re.match(rf"^\s+(- )?{re.escape(key)}:", lines[i]):
            return i
    return None


def misspelt_key(lines):
    i = root_key(lines, "title")
    return i is not None and sub_line(lines, i, r"^title:", "titel:")


def quoted_number(lines):
    i = root_key(lines, "quality")
    return i is not None and sub_line(lines, i, r"^quality: (\d+)", r'quality: "\1"')


def missing_offset(lines):
    i = root_key(lines, "publishedDateTime")
    return i is not None and sub_line(lines, i, r"(T\d\d:\d\d:\d\d(\.\d+)?)(Z|[+-]\d\d:\d\d)", r"\1")


def relative_url(lines):
    i = root_key(lines, "originalUrl")
    return i is not None and sub_line(lines, i, r'"https?://[^/"]+', '"')


def javascript_image(lines):
    i = nested(lines, r"^images:", "url")
    return i is not None and sub_line(lines, i, r'url: "[^"]*"', 'url: "javascript:alert(1)"')


def javascript_logo(lines):
    i = nested(lines, r"^  images:", "url")
    return i is not None and sub_line(lines, i, r'url: "[^"]*"', 'url: "javascript:alert(1)"')


def broken_secured(lines):
    i = root_key(lines, "secured")
    return i is not None and sub_line(lines, i, r'^secured: "(.)', r'secured: "')


def domain_with_scheme(lines):
    i = nested(lines, r"^provider:", "domain")
    return i is not None and sub_line(lines, i, r"domain: (\S+)", r"domain: https://\1")


def missing_field(lines):
    i = root_key(lines, "excerpt")
    if i is None:
        return None
    out = list(lines)
    del out[i]
    return out, 1  # reported at the mapping, whose first key is on line 2 (index 1)


def unclosed_quote(lines):
    i = root_key(lines, "title")
    return i is not None and sub_line(lines, i, r'"(\s*)$', r"\1")


def zero_width_image(lines):
    i = nested(lines, r"^images:", "width")
    return i is not None and sub_line(lines, i, r"width: \d+", "width: 0")


def zero_width_logo(lines):
    i = nested(lines, r"^  images:", "width")
    return i is not None and sub_line(lines, i, r"width: \d+", "width: 0")


def text_in_number(lines):
    i = root_key(lines, "heat")
    return i is not None and sub_line(lines, i, r"heat: -?\d+", "heat: high")


MUTATIONS = [
    misspelt_key, quoted_number, missing_offset, relative_url, javascript_image,
    javascript_logo, broken_secured, domain_with_scheme, missing_field, unclosed_quote,
    zero_width_image, zero_width_logo, text_in_number,
]


def run(newsval, folder, config):
    args = [newsval, "check", "--now", NOW, "--format", "json", str(folder)]
    if config:
        args[2:2] = ["--config", config]
    out = subprocess.run(args, capture_output=True, text=True)
    if out.returncode not in (0, 1):
        sys.exit(f"newsval failed: {out.stderr}")
    return json.loads(out.stdout)["diagnostics"]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("items")
    parser.add_argument("--newsval", default="target/release/newsval")
    parser.add_argument("--config")
    args = parser.parse_args()
    items = sorted(p for p in Path(args.items).iterdir() if p.is_file() and p.stat().st_size > 0)
    failed = False
    with tempfile.TemporaryDirectory() as tmp:
        base = run(args.newsval, args.items, args.config)
        errors = [d for d in base if d["severity"] == "error"]
        print(f"{'unmutated':22} {len(items):6} items, {len(errors)} errors")
        failed |= bool(errors)
        for mutation in MUTATIONS:
            folder = Path(tmp) / mutation.__name__
            folder.mkdir()
            expected = {}
            for item in items:
                text = item.read_bytes().decode("utf-8")
                result = mutation(lines_of(text))
                if not result:
                    continue
                mutated, index = result
                name = item.name
                (folder / name).write_bytes("".join(mutated).encode("utf-8"))
                expected[name] = index + 1
            found = {}
            for d in run(args.newsval, folder, args.config):
                if d["severity"] == "error":
                    found.setdefault(os.path.basename(d["path"]), set()).add(d["line"])
            caught = sum(1 for n, line in expected.items() if line in found.get(n, ()))
            missed = [n for n, line in expected.items() if line not in found.get(n, ())]
            print(f"{mutation.__name__:22} {len(expected):6} applied, {caught:6} caught on their line, {len(missed)} missed")
            for name in missed[:3]:
                print(f"    missed: {name} line {expected[name]}: errors on lines {sorted(found.get(name, []))}")
            failed |= bool(missed)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
