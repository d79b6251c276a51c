"""Copies each item's frontmatter into a YAML file of its own, for check-jsonschema,
which reads YAML files and not Markdown. Not timed: the split is a gift to the peer.

    python3 bench/peers/extract_frontmatter.py SRC_DIR_OR_FILE DST_DIR
"""

import os
import sys


def frontmatter(text):
    lines = text.lstrip("\ufeff").split("\n")
    if not lines or lines[0].rstrip("\r") != "---":
        return None
    for end in range(1, len(lines)):
        if lines[end].rstrip("\r") in ("---", "..."):
            return "\n".join(lines[1:end]) + "\n"
    return None


def copy(path, dst):
    with open(path, encoding="utf-8", errors="replace") as f:
        yaml = frontmatter(f.read())
    # An item without frontmatter gets an empty document, which the schema rejects,
    # as newsval rejects the item.
    os.makedirs(os.path.dirname(dst), exist_ok=True)
    with open(dst, "w", encoding="utf-8") as f:
        f.write(yaml or "")


def main():
    src, dst = sys.argv[1], sys.argv[2]
    if os.path.isfile(src):
        copy(src, os.path.join(dst, os.path.splitext(os.path.basename(src))[0] + ".yaml"))
        return
    for root, _, files in os.walk(src):
        for name in files:
            if name.endswith((".md", ".markdown", ".txt")):
                rel = os.path.relpath(os.path.join(root, name), src)
                copy(os.path.join(root, name), os.path.join(dst, os.path.splitext(rel)[0] + ".yaml"))


if __name__ == "__main__":
    main()
