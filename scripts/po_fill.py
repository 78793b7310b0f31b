#!/usr/bin/env python3
"""Fill empty msgstr entries of a .po file from a JSON dictionary {msgid: msgstr}.

Usage: scripts/po_fill.py locale/vi/LC_MESSAGES/django.po translations.json
Prints the msgids still untranslated. Handles single-line msgids and simple plurals
(msgstr[0] only, as Vietnamese has one plural form).
"""

import json
import re
import sys


def unquote(s):
    return json.loads(s)


def main(po_path, dict_path):
    with open(dict_path, encoding="utf-8") as fh:
        table = json.load(fh)
    with open(po_path, encoding="utf-8") as fh:
        text = fh.read()
    blocks = text.split("\n\n")
    missing = []
    out = []
    for block in blocks:
        m = re.search(r'^msgid ((?:"(?:[^"\\]|\\.)*"\s*)+)^msg(?:str|id_plural)', block, re.M)
        if (
            not m
            or m.group(1).strip() == '""'
            or block.startswith(("# SOME", 'msgid ""\nmsgstr ""\n"Project'))
        ):
            out.append(block.replace("#, fuzzy\n", "", 1) if block.startswith("# SOME") else block)
            continue
        msgid = "".join(unquote(part) for part in re.findall(r'"(?:[^"\\]|\\.)*"', m.group(1)))
        tr = table.get(msgid)
        if tr is None:
            if re.search(r"^msgstr(\[0\])? \"\"\s*\Z", block.strip(), re.M):
                missing.append(msgid)
            out.append(block)
            continue
        q = json.dumps(tr, ensure_ascii=False)
        block = re.sub(r'^msgstr ".*"(\n".*")*$', lambda _, q=q: f"msgstr {q}", block, flags=re.M)
        block = re.sub(r'^msgstr\[0\] ".*"$', lambda _, q=q: f"msgstr[0] {q}", block, flags=re.M)
        block = re.sub(r'^msgstr\[[1-9]\] ".*"\n?', "", block, flags=re.M).rstrip("\n")
        block = block.replace("#, fuzzy\n", "")
        out.append(block)
    text = "\n\n".join(out)
    lang = po_path.split("/locale/")[-1].split("/")[0] if "/locale/" in po_path else ""
    text = text.replace('"Language: \\n"', f'"Language: {lang}\\n"')
    text = text.replace(
        '"Project-Id-Version: PACKAGE VERSION\\n"', '"Project-Id-Version: cho-tinh\\n"'
    )
    with open(po_path, "w", encoding="utf-8") as fh:
        fh.write(text)
    for msgid in missing:
        print("untranslated:", msgid)


if __name__ == "__main__":
    main(*sys.argv[1:])
