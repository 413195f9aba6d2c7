#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks the screenshots the metainfo and the README show: each is a PNG
committed under data/screenshots/ (the metainfo's URLs point at the
repository's own copies), smaller than 300 KB, of the size the metainfo
states.  Re-render them with build-aux/screenshots.sh.
Usage: check-screenshots.py [SOURCE_ROOT]
"""
import glob
import os
import re
import struct
import sys

URL_PREFIX = "https://raw.githubusercontent.com/chronoscope/chronoscope/main/"
MAX_BYTES = 300 * 1024


def png_size(path):
    with open(path, "rb") as f:
        head = f.read(24)
    if head[:8] != b"\x89PNG\r\n\x1a\n" or head[12:16] != b"IHDR":
        return None
    return struct.unpack(">II", head[16:24])


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..")
    errors = []
    (metainfo,) = glob.glob(os.path.join(root, "data", "*.metainfo.xml.in"))
    text = open(metainfo, encoding="utf-8").read()
    images = re.findall(r"<image([^>]*)>([^<]+)</image>", text)
    if not images:
        errors.append("the metainfo shows no screenshot")

    for attrs, url in images:
        if not url.startswith(URL_PREFIX + "data/screenshots/"):
            errors.append(f"{url}: not one of the project's own screenshots")
            continue
        path = os.path.join(root, url[len(URL_PREFIX):])
        if not os.path.isfile(path):
            errors.append(f"{url}: {os.path.relpath(path, root)} is missing")
            continue
        size = png_size(path)
        if size is None:
            errors.append(f"{path}: not a PNG")
            continue
        if os.path.getsize(path) >= MAX_BYTES:
            errors.append(f"{path}: {os.path.getsize(path)} bytes, more than 300 KB")
        width = re.search(r'width="(\d+)"', attrs)
        height = re.search(r'height="(\d+)"', attrs)
        if width and height and (int(width.group(1)), int(height.group(1))) != size:
            errors.append(f"{path}: {size[0]}×{size[1]}, but the metainfo says "
                          f"{width.group(1)}×{height.group(1)}")

    readme = open(os.path.join(root, "README.md"), encoding="utf-8").read()
    for attrs, url in images:
        name = url[len(URL_PREFIX):]
        if name not in readme:
            errors.append(f"README.md does not show {name}")

    for error in errors:
        print(error, file=sys.stderr)
    if not errors:
        print(f"check-screenshots: {len(images)} screenshots, each under 300 KB")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
