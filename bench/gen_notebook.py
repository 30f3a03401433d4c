#!/usr/bin/env python3
"""Writes a deterministic benchmark notebook (nbformat 4.5, as nbformat writes it).

usage: gen_notebook.py TARGET_BYTES OUT [--no-images]

Cells repeat in a cycle of 8 kinds: markdown, stdout/stderr streams with ANSI
codes, display_data with a real base64 PNG (5-60 KB) and a text/plain fallback,
execute_result with text/plain + an HTML table (sometimes a PNG), an error with
an ANSI traceback, an ipywidgets view (state in metadata.widgets), an
execute_result with text/latex, and a code cell with a Unicode source. Every
code cell carries ExecuteTime/execution/collapsed/scrolled/tags metadata.
Needs only the Python standard library.
"""
import base64, json, random, struct, sys, zlib


def png(rng, nbytes):
    """A valid PNG whose compressed pixel data is about nbytes long."""
    w = 64
    h = max(1, nbytes // (w * 3))
    raw = b"".join(b"\x00" + rng.randbytes(w * 3) for _ in range(h))
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(
            ">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw, 1)) + chunk(b"IEND", b""))


def lines(text):
    return text.splitlines(True)


def code_meta(rng, i):
    return {"ExecuteTime": {"end_time": "2024-01-01T00:00:%02d.000Z" % (i % 60),
                            "start_time": "2024-01-01T00:00:00.000Z"},
            "collapsed": False, "scrolled": True, "tags": ["t%d" % (i % 3)],
            "execution": {"iopub.execute_input": "2024-01-01T00:00:00.000Z"}}


def cell(rng, i, images):
    kind = i % 8
    cid = "%08x" % rng.getrandbits(32)
    if kind == 0:
        return {"cell_type": "markdown", "id": cid, "metadata": {},
                "source": lines("## Section %d\n\nSome *text* with `code` and math $x^%d$.\n" % (i, i))}
    c = {"cell_type": "code", "execution_count": i, "id": cid, "metadata": code_meta(rng, i),
         "outputs": [], "source": lines("x = compute(%d)\nprint(x)\n" % i)}
    out = c["outputs"]
    if kind == 1:
        log = "".join("\x1b[32mepoch %d\x1b[0m loss=%.6f acc=%.4f\n" % (e, rng.random(), rng.random())
                      for e in range(40))
        out.append({"name": "stdout", "output_type": "stream", "text": lines(log)})
        out.append({"name": "stderr", "output_type": "stream", "text": lines("warning: slow\n" * 5)})
    elif kind == 2:
        data = {"text/plain": ["<Figure size 640x480 with 1 Axes>"]}
        if images:
            data["image/png"] = base64.b64encode(png(rng, rng.randint(5000, 60000))).decode() + "\n"
        out.append({"data": data, "metadata": {}, "output_type": "display_data"})
    elif kind == 3:
        rows = "".join("<tr><td>%d</td><td>%.3f</td></tr>\n" % (r, rng.random()) for r in range(30))
        data = {"text/html": lines("<table>\n" + rows + "</table>\n"),
                "text/plain": lines("".join("%d  %.3f\n" % (r, rng.random()) for r in range(30)))}
        if images and i % 16 == 3:
            data["image/png"] = base64.b64encode(png(rng, 8000)).decode() + "\n"
        out.append({"data": data, "execution_count": i, "metadata": {}, "output_type": "execute_result"})
    elif kind == 4:
        tb = ["\x1b[0;31m---------------------------------------------------------------------------\x1b[0m",
              "\x1b[0;31mValueError\x1b[0m  Traceback (most recent call last)",
              "Cell \x1b[0;32mIn[%d], line 2\x1b[0m\n      1 x = 1\n----> 2 raise ValueError(x)" % i,
              "\x1b[0;31mValueError\x1b[0m: 1"]
        out.append({"ename": "ValueError", "evalue": "1", "output_type": "error", "traceback": tb})
    elif kind == 5:
        out.append({"data": {"application/vnd.jupyter.widget-view+json": {
            "model_id": "%032x" % rng.getrandbits(128), "version_major": 2, "version_minor": 0},
            "text/plain": ["IntSlider(value=%d)" % i]}, "metadata": {}, "output_type": "display_data"})
    elif kind == 6:
        out.append({"data": {"text/latex": ["$$\\frac{%d}{%d}$$" % (i, i + 1)],
                             "text/plain": ["%d/%d" % (i, i + 1)]},
                    "execution_count": i, "metadata": {}, "output_type": "execute_result"})
    else:
        c["source"] = lines("# Ünïcödé — 数据 😀 %d\ns = 'ñ' * %d\n" % (i, i))
    return c


def main():
    target = int(sys.argv[1])
    images = "--no-images" not in sys.argv
    rng = random.Random(20240101)
    nb = {"cells": [], "nbformat": 4, "nbformat_minor": 5,
          "metadata": {"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
                       "language_info": {"name": "python", "version": "3.11.2"}, "widgets": {
                           "application/vnd.jupyter.widget-state+json": {"state": {}, "version_major": 2,
                                                                         "version_minor": 0}}}}
    size, i = 0, 0
    while size < target:
        c = cell(rng, i, images)
        nb["cells"].append(c)
        size += len(json.dumps(c, indent=1, ensure_ascii=False).encode()) + 2
        i += 1
    text = json.dumps(nb, indent=1, sort_keys=True, separators=(",", ": "), ensure_ascii=False) + "\n"
    with open(sys.argv[2], "w", encoding="utf-8") as f:
        f.write(text)


main()
