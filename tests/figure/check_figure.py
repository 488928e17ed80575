#!/usr/bin/env python3
"""check_figure.py KIND FILE EXPECTED...: a figure or write-up as its reader gets it.

KIND svg:   the file parses as XML and its <text> elements hold every EXPECTED string.
KIND pdf:   the file starts with %PDF and pdftotext (poppler-utils) finds them.
KIND png:   a PNG at least 200x100 pixels.
KIND tikz:  \\input{FILE} in a document with only \\usepackage{tikz} compiles with pdflatex,
            and the PDF's text holds them.
KIND latex: the same with \\usepackage{amsmath} (a write-up fragment).
KIND standalone: FILE is a whole document; it compiles and its text holds them.
Numbers match whole (0.19 is not found in 0.195); a minus sign (U+2212) reads as -."""
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET


def fail(msg):
    print("FAIL: " + msg)
    sys.exit(1)


def pdf_text(path):
    return subprocess.run(["pdftotext", "-layout", path, "-"], check=True, capture_output=True, text=True).stdout


def compile_tex(path, packages):
    work = tempfile.mkdtemp(prefix="backstep_check_figure_")
    try:
        if packages is None:  # a whole document
            shutil.copy(path, os.path.join(work, "doc.tex"))
        else:
            with open(os.path.join(work, "doc.tex"), "w") as f:
                f.write("\\documentclass{article}\n%s\n\\begin{document}\n\\input{%s}\n\\end{document}\n"
                        % (packages, os.path.abspath(path)))
        r = subprocess.run(["pdflatex", "-interaction=nonstopmode", "-halt-on-error", "doc.tex"],
                           cwd=work, capture_output=True, text=True)
        if r.returncode != 0:
            fail("pdflatex failed:\n" + r.stdout[-3000:])
        return pdf_text(os.path.join(work, "doc.pdf"))
    finally:
        shutil.rmtree(work)


def holds(text, expected):
    text = text.replace("\u2212", "-")
    for e in expected:
        number = re.fullmatch(r"-?[0-9.]+", e) is not None
        pattern = (r"(?<![0-9.])" + re.escape(e) + r"(?![0-9])") if number else re.escape(e)
        if not re.search(pattern, text):
            fail("%r is not in the text:\n%s" % (e, text[:4000]))


def main():
    kind, path, expected = sys.argv[1], sys.argv[2], sys.argv[3:]
    data = open(path, "rb").read()
    if kind == "svg":
        root = ET.fromstring(data)  # raises on malformed XML
        ns = "{http://www.w3.org/2000/svg}"
        if root.tag != ns + "svg":
            fail("the root element is %s, not svg" % root.tag)
        texts = ["".join(t.itertext()).strip() for t in root.iter(ns + "text")]
        for e in expected:
            if e not in texts:
                fail("no <text> element holds %r; they hold %r" % (e, texts))
    elif kind == "pdf":
        if not data.startswith(b"%PDF"):
            fail("does not start with %PDF")
        holds(pdf_text(path), expected)
    elif kind == "png":
        if data[:8] != b"\x89PNG\r\n\x1a\n":
            fail("not a PNG")
        w, h = struct.unpack(">II", data[16:24])
        if w < 200 or h < 100:
            fail("only %dx%d pixels" % (w, h))
    elif kind in ("tikz", "latex", "standalone"):
        packages = {"tikz": "\\usepackage{tikz}", "latex": "\\usepackage{amsmath}", "standalone": None}[kind]
        holds(compile_tex(path, packages), expected)
    else:
        fail("unknown kind " + kind)
    print("ok: %s %s" % (kind, path))


main()
