#!/usr/bin/env python3
"""Adds Hindi translations to SharedResource.hi.resx from a TSV (English<TAB>Hindi), skipping keys already present
(resx keys are case-insensitive). Usage: tools/add-hindi.py FILE.tsv"""
import html, re, sys

path = "src/Daftar.Web/Resources/SharedResource.hi.resx"
text = open(path, encoding="utf-8").read()
have = {k.lower() for k in re.findall(r'<data name="([^"]*)"', text)}
added = []
for line in open(sys.argv[1], encoding="utf-8"):
    line = line.rstrip("\n")
    if not line.strip() or line.startswith("#"):
        continue
    en, hi = line.split("\t")
    key = html.escape(en, quote=True)
    if html.unescape(key).lower() in have or key.lower() in have:
        continue
    have.add(key.lower())
    added.append(f'  <data name="{key}" xml:space="preserve"><value>{html.escape(hi, quote=False)}</value></data>\n')
text = text.replace("</root>", "".join(added) + "</root>")
open(path, "w", encoding="utf-8").write(text)
print(f"added {len(added)}")
