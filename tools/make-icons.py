#!/usr/bin/env python3
"""Draws the toolbar icons (a lens over a page) into extension/icons/. Pure Python, no deps.
Run from the repo root: python3 tools/make-icons.py"""
import math, struct, zlib

def png(size, pixels):
    rows = (pixels[y * size:(y + 1) * size] for y in range(size))
    raw = b''.join(b'\x00' + b''.join(bytes(p) for p in row) for row in rows)
    chunk = lambda tag, data: struct.pack('>I', len(data)) + tag + data + struct.pack('>I', zlib.crc32(tag + data) & 0xffffffff)
    return b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', size, size, 8, 6, 0, 0, 0)) + chunk(b'IDAT', zlib.compress(raw, 9)) + chunk(b'IEND', b'')

def colour_at(x, y):
    """Colour of the icon at (x, y) in a 0..1 square, or None for transparent."""
    r = 0.2  # corner radius of the tile
    cx, cy = min(max(x, r), 1 - r), min(max(y, r), 1 - r)
    if math.hypot(x - cx, y - cy) > r:
        return None
    # Lens ring and handle in white, page lines inside the lens.
    lx, ly, lr = 0.43, 0.43, 0.25
    d = math.hypot(x - lx, y - ly)
    if abs(d - lr) < 0.055:
        return (255, 255, 255, 255)
    hx, hy = x - lx, y - ly
    along = (hx + hy) / math.sqrt(2)
    across = abs(hx - hy) / math.sqrt(2)
    if lr < along < lr + 0.28 and across < 0.06:
        return (255, 255, 255, 255)
    if d < lr - 0.055:
        for line_y, length in ((0.35, 0.28), (0.43, 0.32), (0.51, 0.22)):
            if abs(y - line_y) < 0.025 and abs(x - lx) < length / 2:
                return (255, 255, 255, 230)
        return (26, 127, 55, 255)
    return (11, 87, 208, 255)

def draw(size, samples=4):
    pixels = []
    for py in range(size):
        for px in range(size):
            acc = [0, 0, 0, 0]
            for sy in range(samples):
                for sx in range(samples):
                    c = colour_at((px + (sx + .5) / samples) / size, (py + (sy + .5) / samples) / size)
                    if c:
                        a = c[3] / 255
                        acc = [acc[0] + c[0] * a, acc[1] + c[1] * a, acc[2] + c[2] * a, acc[3] + a]
            n = samples * samples
            alpha = acc[3] / n
            rgb = [round(acc[i] / acc[3]) if acc[3] else 0 for i in range(3)]
            pixels.append((*rgb, round(alpha * 255)))
    return png(size, pixels)

for size in (16, 32, 48, 128):
    with open(f'extension/icons/icon{size}.png', 'wb') as f:
        f.write(draw(size))
