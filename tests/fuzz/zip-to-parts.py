#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Turns office documents (ZIP archives) into the "list of parts" inputs the
office fuzz harnesses also take (see fuzz-office.h): each part as
"==> NAME\\n" followed by its bytes, so the fuzzer mutates the XML itself.

    zip-to-parts.py OUTPUT_DIR FILE...

Parts the readers never open (themes, document properties, pictures) and
parts over 64 KiB are left out to keep the inputs small; files that are not
readable ZIP archives are skipped.  Standard library only.
"""

import os
import sys
import zipfile


SKIP = ("docProps/", "customXml/", "/theme/", "Thumbnails/", "Pictures/", "media/")


def wanted(info):
    name = info.filename
    if info.file_size > 64 * 1024 or any(s in "/" + name for s in SKIP):
        return False
    return name == "mimetype" or name.endswith((".xml", ".rels"))


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    for path in sys.argv[2:]:
        try:
            with zipfile.ZipFile(path) as z:
                chunks = []
                for info in z.infolist():
                    if not wanted(info):
                        continue
                    data = z.read(info)
                    # A part holding the separator would be split in two.
                    if b"\n==>" in data:
                        continue
                    chunks.append(b"==> " + info.filename.encode("utf-8") + b"\n" + data)
        except (zipfile.BadZipFile, OSError, RuntimeError, ValueError, NotImplementedError,
                EOFError):
            continue
        if chunks:
            name = "parts-" + os.path.basename(path) + ".txt"
            with open(os.path.join(out, name), "wb") as f:
                f.write(b"\n".join(chunks))


if __name__ == "__main__":
    main()
