#!/usr/bin/env python3
"""png_top.py IN OUT MAX_HEIGHT: copies the top MAX_HEIGHT rows of an 8-bit, non-interlaced
PNG (RGB or RGBA, as Chromium's screenshots are). Used by screenshots.sh so that a full-page
screenshot of a long screen stays a readable, small picture in README.md. No dependencies."""
import struct
import sys
import zlib


def chunks(data):
    pos = 8
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos:pos + 4])
        kind = data[pos + 4:pos + 8]
        yield kind, data[pos + 8:pos + 8 + length]
        pos += 12 + length


def chunk(kind, body):
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def main(src, dst, max_height):
    data = open(src, "rb").read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{src}: not a PNG"
    parts = list(chunks(data))
    ihdr = parts[0][1]
    width, height, depth, color, _, _, interlace = struct.unpack(">IIBBBBB", ihdr)
    if height <= max_height:
        open(dst, "wb").write(data)
        return
    assert depth == 8 and color in (2, 6) and interlace == 0, f"{src}: unsupported PNG layout"
    bpp = 3 if color == 2 else 4
    stride = width * bpp
    raw = zlib.decompress(b"".join(body for kind, body in parts if kind == b"IDAT"))
    prev = bytearray(stride)
    out = bytearray()
    for y in range(max_height):
        row = raw[y * (stride + 1):(y + 1) * (stride + 1)]
        f, line = row[0], bytearray(row[1:])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b = prev[i]
            c = prev[i - bpp] if i >= bpp else 0
            if f == 1:
                line[i] = (line[i] + a) & 0xFF
            elif f == 2:
                line[i] = (line[i] + b) & 0xFF
            elif f == 3:
                line[i] = (line[i] + (a + b) // 2) & 0xFF
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pred = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
                line[i] = (line[i] + pred) & 0xFF
        out += b"\x00" + line
        prev = line
    header = struct.pack(">IIBBBBB", width, max_height, depth, color, 0, 0, 0)
    png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
    png += chunk(b"IDAT", zlib.compress(bytes(out), 9)) + chunk(b"IEND", b"")
    open(dst, "wb").write(png)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]))
