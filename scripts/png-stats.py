#!/usr/bin/env python3
"""Decodes a PNG (8-bit grey, RGB or RGBA, not interlaced) with zlib and struct only, and prints
JSON: width, height, the background colour (the most common pixel), how many pixels differ from it (by more than 8 in a channel),
and for each colour given as #rrggbb how many pixels are within 12 of it in every channel.

Usage: png-stats.py FILE.png [#rrggbb ...]   (exit 2 when the file is not such a PNG)
"""
import json
import struct
import sys
import zlib
from collections import Counter


def fail(message):
    print(f"png-stats: {message}", file=sys.stderr)
    sys.exit(2)


def read_png(path):
    data = open(path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        fail(f"{path} is not a PNG (bad signature)")
    pos, idat, header = 8, b"", None
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        chunk = data[pos + 8:pos + 8 + length]
        if zlib.crc32(kind + chunk) != struct.unpack(">I", data[pos + 8 + length:pos + 12 + length])[0]:
            fail(f"{path}: bad CRC in chunk {kind!r}")
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", chunk)
        elif kind == b"IDAT":
            idat += chunk
        elif kind == b"IEND":
            break
        pos += 12 + length
    if header is None:
        fail(f"{path}: no IHDR chunk")
    width, height, depth, colour, _, _, interlace = header
    channels = {0: 1, 2: 3, 6: 4}.get(colour)
    if depth != 8 or channels is None or interlace != 0:
        fail(f"{path}: unsupported PNG (depth {depth}, colour type {colour}, interlace {interlace})")
    raw = zlib.decompress(idat)
    stride = width * channels
    rows, previous = [], bytearray(stride)
    for y in range(height):
        start = y * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1:start + 1 + stride])
        for i in range(stride):
            left = line[i - channels] if i >= channels else 0
            up = previous[i]
            corner = previous[i - channels] if i >= channels else 0
            if kind == 1:
                line[i] = (line[i] + left) & 0xFF
            elif kind == 2:
                line[i] = (line[i] + up) & 0xFF
            elif kind == 3:
                line[i] = (line[i] + (left + up) // 2) & 0xFF
            elif kind == 4:
                p = left + up - corner
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
                predictor = left if pa <= pb and pa <= pc else (up if pb <= pc else corner)
                line[i] = (line[i] + predictor) & 0xFF
            elif kind != 0:
                fail(f"{path}: bad filter type {kind} on row {y}")
        rows.append(bytes(line))
        previous = line
    pixels = []
    for line in rows:
        for x in range(width):
            p = line[x * channels:(x + 1) * channels]
            pixels.append((p[0], p[0], p[0]) if channels == 1 else (p[0], p[1], p[2]))
    return width, height, pixels


def main():
    if len(sys.argv) < 2:
        fail("usage: png-stats.py FILE.png [#rrggbb ...]")
    width, height, pixels = read_png(sys.argv[1])
    background, _ = Counter(pixels).most_common(1)[0]
    differing = sum(1 for p in pixels if max(abs(a - b) for a, b in zip(p, background)) > 8)
    colours = {}
    for hexcolour in sys.argv[2:]:
        target = tuple(int(hexcolour.lstrip("#")[i:i + 2], 16) for i in (0, 2, 4))
        colours[hexcolour] = sum(1 for p in pixels if max(abs(a - b) for a, b in zip(p, target)) <= 12)
    print(json.dumps({"width": width, "height": height, "background": "#%02x%02x%02x" % background,
                      "non_background": differing, "pixels": width * height, "colours": colours}))


if __name__ == "__main__":
    main()
