"""Pictures for the demo market, drawn with Pillow from a seed: no download, no font.

Each *kind* is a motif that reads as what a Vietnamese market sells: lychee bunches on a
twig, oranges and pomelos with leaves, tea shoots, honey jars, bundles of rice noodles, a
hill chicken, eggs in a basket, a glazed Thổ Hà jar, embroidery… `product_photo(kind,
variant)` paints one on a table or leaf background; `booth_logo(kind)` the same motif in a
round badge; `landscape(scene, size, seed)` terraced hills, a river with a boat, an orchard
(banners and booth covers). The same arguments always give the same picture, so the seed
draws each kind a few times and shares the images (see demo/catalog.py).
"""

import io
import math
import random

from PIL import Image, ImageDraw, ImageFilter

Colour = tuple

# Product kinds, with words of a name or category that choose them (folded, lower case).
KIND_WORDS = [
    ("dried_lychee", ("vai thieu say", "vai say", "long nhan", "say kho")),
    ("juice", ("nuoc cot", "nuoc ep", "sirô", "siro")),
    ("lychee", ("vai thieu", "vai ", "nhan")),
    ("pomelo", ("buoi",)),
    ("orange", ("cam ", "cam", "quyt")),
    ("custard_apple", ("na dai", "na ", "mang cau")),
    ("golden_tea", ("tra hoa vang",)),
    ("tea", ("che ", "che", "tra ")),
    ("honey", ("mat ong",)),
    ("noodles", ("my chu", "mien", "bun", "pho kho", "my ")),
    ("rice_cracker", ("banh da", "banh trang", "banh")),
    ("eggs", ("trung",)),
    ("chicken", ("ga ", "ga doi", "vit", "chan nuoi")),
    ("wine", ("ruou",)),
    ("rice", ("gao", "nep", "ngu coc")),
    ("peanuts", ("lac", "dau phong", "vung")),
    ("sweet_potato", ("khoai",)),
    ("roots", ("ba kich", "duoc lieu", "sam", "gung", "nghe")),
    ("pottery", ("gom", "binh", "lo hoa", "am chen")),
    ("embroidery", ("theu", "khan", "det", "my nghe")),
    ("basket", ("may tre", "gio", "ro ", "thung")),
    ("rolls", ("cha ", "nem", "gio lua")),
    ("greens", ("rau", "cai", "cu ")),
]
KINDS = [kind for kind, _words in KIND_WORDS]
DEFAULT_KIND = "basket"


def kind_for(*texts):
    """The picture kind for a product from its name, then its category (any spelling)."""
    from core.text import fold_vietnamese

    for text in texts:
        folded = " " + " ".join(fold_vietnamese(text or "").lower().split()) + " "
        for kind, words in KIND_WORDS:
            if any((" " + word) in folded for word in words):
                return kind
    return DEFAULT_KIND


# ---------------------------------------------------------------- helpers


def _mix(a, b, t):
    return tuple(int(a[i] + (b[i] - a[i]) * t) for i in range(3))


def _shade(colour, factor):
    return tuple(max(0, min(255, int(c * factor))) for c in colour)


def _vertical(size, top, bottom):
    w, h = size
    mask = Image.linear_gradient("L").resize((w, h))
    return Image.composite(Image.new("RGB", size, bottom), Image.new("RGB", size, top), mask)


def _ball(draw, cx, cy, r, colour, rng, bumps=0):
    """A lit sphere: a dark rim, the body, a highlight; *bumps* dots for lychee skin."""
    draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=_shade(colour, 0.7))
    draw.ellipse((cx - r * 0.94, cy - r * 0.96, cx + r * 0.9, cy + r * 0.86), fill=colour)
    hr = r * 0.35
    hx, hy = cx - r * 0.35, cy - r * 0.4
    draw.ellipse(
        (hx - hr, hy - hr * 0.7, hx + hr, hy + hr * 0.7), fill=_mix(colour, (255, 255, 255), 0.45)
    )
    for _ in range(bumps):
        a, d = rng.uniform(0, 2 * math.pi), rng.uniform(0, r * 0.85)
        x, y = cx + d * math.cos(a), cy + d * math.sin(a)
        s = max(1.5, r * 0.07)
        draw.ellipse((x - s, y - s, x + s, y + s), fill=_shade(colour, 0.78))


def _leaf(draw, x, y, length, angle, colour, width=0.38):
    """A pointed leaf from (x, y) along *angle* (radians), with its midrib."""
    ca, sa = math.cos(angle), math.sin(angle)
    points = []
    for i in range(21):
        t = i / 20
        half = math.sin(math.pi * t) * length * width / 2
        points.append((x + ca * t * length - sa * half, y + sa * t * length + ca * half))
    for i in range(20, -1, -1):
        t = i / 20
        half = math.sin(math.pi * t) * length * width / 2
        points.append((x + ca * t * length + sa * half, y + sa * t * length - ca * half))
    draw.polygon(points, fill=colour)
    draw.line(
        (x, y, x + ca * length * 0.95, y + sa * length * 0.95), fill=_shade(colour, 0.7), width=2
    )


def _jar(draw, box, body, lid, label=None):
    x0, y0, x1, y1 = box
    w = x1 - x0
    neck = w * 0.18
    draw.rounded_rectangle((x0, y0 + (y1 - y0) * 0.18, x1, y1), radius=int(w * 0.18), fill=body)
    draw.rectangle(
        (x0 + neck, y0 + (y1 - y0) * 0.08, x1 - neck, y0 + (y1 - y0) * 0.22),
        fill=_shade(body, 0.85),
    )
    draw.rounded_rectangle(
        (x0 + neck * 0.7, y0, x1 - neck * 0.7, y0 + (y1 - y0) * 0.11), radius=6, fill=lid
    )
    draw.rectangle(
        (x0 + w * 0.12, y0 + (y1 - y0) * 0.3, x0 + w * 0.22, y1 - (y1 - y0) * 0.12),
        fill=_mix(body, (255, 255, 255), 0.35),
    )
    if label:
        draw.rounded_rectangle(
            (x0 + w * 0.28, y0 + (y1 - y0) * 0.45, x1 - w * 0.14, y0 + (y1 - y0) * 0.75),
            radius=8,
            fill=label,
        )


# ---------------------------------------------------------------- motifs
# Each draws into *box* (x0, y0, x1, y1) with a random.Random.


def _lychee(draw, box, rng, colour=(196, 40, 48), bumps=22, twig=True):
    x0, y0, x1, y1 = box
    w, h = x1 - x0, y1 - y0
    top = (x0 + w * 0.5, y0 + h * 0.2)
    if twig:
        for _ in range(4):
            _leaf(
                draw,
                top[0],
                top[1],
                w * rng.uniform(0.25, 0.35),
                rng.uniform(-2.9, -0.3),
                (46, 110, 50),
            )
    r = min(w, h) * 0.11
    fruits = []
    for row in range(4):
        n = 4 - row if row else 3
        for i in range(n):
            cx = x0 + w * 0.5 + (i - (n - 1) / 2) * r * 1.7 + rng.uniform(-6, 6)
            cy = y0 + h * 0.42 + (3 - row) * r * 1.45 - r + rng.uniform(-6, 6)
            fruits.append((cx, cy))
    if twig:
        for cx, cy in fruits:
            draw.line((top[0], top[1], cx, cy - r * 0.8), fill=(110, 78, 40), width=3)
    for cx, cy in sorted(fruits, key=lambda p: p[1]):
        _ball(
            draw,
            cx,
            cy,
            r * rng.uniform(0.92, 1.05),
            _mix(colour, (120, 20, 30), rng.uniform(0, 0.35)),
            rng,
            bumps,
        )


def _citrus(draw, box, rng, colour, leaf=(40, 120, 60), big=False):
    x0, y0, x1, y1 = box
    w, h = x1 - x0, y1 - y0
    r = min(w, h) * (0.26 if big else 0.17)
    spots = (
        [(0.33, 0.62), (0.66, 0.6), (0.5, 0.38)]
        if big
        else [(0.22, 0.66), (0.5, 0.7), (0.78, 0.66), (0.36, 0.42), (0.64, 0.42)]
    )
    for fx, fy in sorted(spots, key=lambda p: p[1]):
        cx, cy = x0 + w * fx + rng.uniform(-8, 8), y0 + h * fy + rng.uniform(-8, 8)
        _ball(draw, cx, cy, r, _mix(colour, (250, 200, 60), rng.uniform(0, 0.25)), rng, bumps=30)
        _leaf(draw, cx + r * 0.1, cy - r * 0.9, r * 0.9, rng.uniform(-1.2, -0.4), leaf)
        draw.ellipse((cx - 4, cy - r - 2, cx + 4, cy - r + 6), fill=(90, 70, 30))
    if big:  # a cut half showing the pink-white segments
        cx, cy = x0 + w * 0.78, y0 + h * 0.78
        rr = r * 0.7
        draw.ellipse((cx - rr, cy - rr * 0.6, cx + rr, cy + rr * 0.6), fill=(238, 236, 170))
        draw.ellipse(
            (cx - rr * 0.85, cy - rr * 0.5, cx + rr * 0.85, cy + rr * 0.5), fill=(246, 190, 170)
        )
        for k in range(10):
            a = k * math.pi / 5
            draw.line(
                (cx, cy, cx + rr * 0.85 * math.cos(a), cy + rr * 0.5 * math.sin(a)),
                fill=(250, 240, 230),
                width=2,
            )


def _tea(draw, box, rng, flowers=False):
    x0, y0, x1, y1 = box
    w, h = x1 - x0, y1 - y0
    cx, cy = x0 + w * 0.5, y0 + h * 0.72  # a cup of tea in front
    for _ in range(26):
        _leaf(
            draw,
            x0 + rng.uniform(0.05, 0.95) * w,
            y0 + rng.uniform(0.05, 0.55) * h,
            w * rng.uniform(0.12, 0.22),
            rng.uniform(0, 2 * math.pi),
            _mix((34, 100, 40), (120, 170, 60), rng.random()),
            0.45,
        )
    if flowers:
        for _ in range(6):
            fx, fy = x0 + rng.uniform(0.15, 0.85) * w, y0 + rng.uniform(0.1, 0.5) * h
            for k in range(6):
                a = k * math.pi / 3 + rng.random()
                px, py = fx + 18 * math.cos(a), fy + 18 * math.sin(a)
                draw.ellipse((px - 16, py - 12, px + 16, py + 12), fill=(244, 196, 48))
            draw.ellipse((fx - 9, fy - 9, fx + 9, fy + 9), fill=(200, 120, 20))
    cw = w * 0.2
    draw.ellipse(
        (cx - cw * 1.5, cy + cw * 0.55, cx + cw * 1.5, cy + cw * 0.95), fill=(235, 230, 215)
    )
    draw.chord((cx - cw, cy - cw * 0.5, cx + cw, cy + cw * 1.1), 0, 180, fill=(250, 248, 240))
    draw.ellipse(
        (cx - cw, cy - cw * 0.2, cx + cw, cy + cw * 0.2),
        fill=(196, 160, 40) if flowers else (150, 150, 40),
    )


def _honey(draw, box, rng):
    x0, y0, x1, y1 = box
    w, h = x1 - x0, y1 - y0
    for i, (fx, s) in enumerate(((0.18, 0.7), (0.52, 0.9), (0.82, 0.62))):
        jw, jh = w * 0.26 * s, h * 0.78 * s
        cx = x0 + w * fx
        _jar(
            draw,
            (cx - jw / 2, y1 - jh, cx + jw / 2, y1),
            (214, 140, 20),
            (120, 70, 30) if i != 1 else (60, 110, 50),
            (250, 240, 210),
        )
    # A honeycomb corner.
    for row in range(3):
        for col in range(4):
            hx = x0 + 18 + col * 34 + (row % 2) * 17
            hy = y0 + 18 + row * 30
            pts = [
                (hx + 16 * math.cos(k * math.pi / 3), hy + 16 * math.sin(k * math.pi / 3))
                for k in range(6)
            ]
            draw.polygon(pts, fill=(236, 170, 40), outline=(170, 110, 20))


def _noodles(draw, box, rng, colour=(238, 226, 196)):
    x0, y0, x1, y1 = box
    w, h = x1 - x0, y1 - y0
    # A round bamboo tray.
    draw.ellipse((x0, y0 + h * 0.15, x1, y1), fill=(196, 160, 100))
    draw.ellipse((x0 + 14, y0 + h * 0.15 + 14, x1 - 14, y1 - 14), fill=(214, 182, 120))
    for k in range(0, int(w), 14):
        draw.line((x0 + k, y0 + h * 0.2, x0 + k, y1 - 10), fill=(204, 170, 110), width=1)
    for b in range(5):
        bx, by = x0 + w * (0.2 + 0.15 * b), y0 + h * (0.55 + 0.07 * (b % 2))
        bw, bh = w * 0.12, h * 0.5
        for _ in range(60):
            sx = bx + rng.uniform(-bw / 2, bw / 2)
            draw.line(
                (sx, by - bh / 2, sx + rng.uniform(-6, 6), by + bh / 2),
                fill=_shade(colour, rng.uniform(0.9, 1.05)),
                width=2,
            )
        draw.rectangle((bx - bw / 2 - 2, by - 6, bx + bw / 2 + 2, by + 6), fill=(180, 40, 40))


def _rice_cracker(draw, box, rng):
    x0, y0, x1, y1 = box
    w, h = x1 - x0, y1 - y0
    for i in range(4):
        r = min(w, h) * 0.32
        cx, cy = x0 + w * (0.35 + 0.1 * i), y0 + h * (0.45 + 0.06 * i)
        draw.ellipse(
            (cx - r, cy - r * 0.95, cx + r, cy + r * 0.95),
            fill=_shade((226, 190, 130), 1 - 0.05 * i),
            outline=(170, 130, 80),
            width=3,
        )
        for _ in range(70):
            a, d = rng.uniform(0, 2 * math.pi), rng.uniform(0, r * 0.9)
            sx, sy = cx + d * math.cos(a), cy + d * math.sin(a) * 0.95
            draw.ellipse(
                (sx - 3, sy - 1.5, sx + 3, sy + 1.5),
                fill=(90, 60, 40) if rng.random() < 0.5 else (250, 240, 220),
            )


def _eggs(draw, box, rng):
    x0, y0, x1, y1 = box
    w, h = x1 - x0, y1 - y0
    _basket(draw, (x0, y0 + h * 0.45, x1, y1), rng, fill=False)
    for i in range(7):
        ex = x0 + w * (0.18 + 0.11 * i) + rng.uniform(-5, 5)
        ey = y0 + h * (0.48 + (0.06 if i % 2 else 0))
        ew, eh = w * 0.09, h * 0.17
        draw.ellipse(
            (ex - ew, ey - eh, ex + ew, ey + eh),
            fill=_mix((236, 206, 170), (250, 238, 220), rng.random()),
        )
        draw.ellipse(
            (ex - ew * 0.5, ey - eh * 0.7, ex - ew * 0.1, ey - eh * 0.3), fill=(252, 246, 236)
        )
    _basket(draw, (x0, y0 + h * 0.58, x1, y1), rng, fill=True, rim_only=True)


def _chicken(draw, box, rng):
    x0, y0, x1, y1 = box
    w, h = x1 - x0, y1 - y0
    body = (150, 74, 30)
    cx, cy = x0 + w * 0.48, y0 + h * 0.55
    # Tail feathers: dark green-black arcs.
    for k in range(6):
        a = -2.4 + k * 0.22
        _leaf(
            draw,
            cx - w * 0.18,
            cy - h * 0.05,
            w * 0.32,
            a,
            _mix((20, 60, 40), (30, 30, 30), k / 6),
            0.28,
        )
    draw.ellipse((cx - w * 0.28, cy - h * 0.2, cx + w * 0.2, cy + h * 0.2), fill=body)
    draw.ellipse(
        (cx - w * 0.18, cy - h * 0.12, cx + w * 0.1, cy + h * 0.14), fill=(176, 96, 40)
    )  # wing
    for k in range(4):
        draw.arc(
            (cx - w * 0.16, cy - h * 0.1 + k * 10, cx + w * 0.08, cy + h * 0.1 + k * 10),
            10,
            170,
            fill=(120, 56, 24),
            width=3,
        )
    hx, hy = cx + w * 0.2, cy - h * 0.25
    draw.polygon(
        [
            (cx + w * 0.08, cy - h * 0.12),
            (hx - w * 0.05, hy),
            (hx + w * 0.06, hy + h * 0.04),
            (cx + w * 0.18, cy),
        ],
        fill=(196, 110, 30),
    )
    draw.ellipse((hx - w * 0.07, hy - h * 0.09, hx + w * 0.07, hy + h * 0.08), fill=(200, 110, 30))
    for k in range(3):  # comb
        draw.ellipse(
            (
                hx - w * 0.05 + k * w * 0.03,
                hy - h * 0.15,
                hx - w * 0.01 + k * w * 0.03,
                hy - h * 0.06,
            ),
            fill=(210, 30, 30),
        )
    draw.ellipse(
        (hx + w * 0.0, hy + h * 0.05, hx + w * 0.04, hy + h * 0.13), fill=(210, 30, 30)
    )  # wattle
    draw.polygon(
        [
            (hx + w * 0.06, hy - h * 0.01),
            (hx + w * 0.11, hy + h * 0.01),
            (hx + w * 0.06, hy + h * 0.03),
        ],
        fill=(240, 190, 40),
    )
    draw.ellipse((hx + w * 0.015, hy - h * 0.03, hx + w * 0.04, hy), fill=(20, 20, 20))
    for lx in (cx - w * 0.06, cx + w * 0.04):  # legs
        draw.line((lx, cy + h * 0.18, lx, y1 - h * 0.06), fill=(220, 180, 60), width=6)
        draw.line((lx, y1 - h * 0.06, lx + w * 0.05, y1 - h * 0.04), fill=(220, 180, 60), width=5)


def _bottle(draw, box, rng, liquid, glass=(230, 240, 235), label=(250, 246, 230)):
    x0, y0, x1, y1 = box
    w, h = x1 - x0, y1 - y0
    neck = w * 0.34
    draw.rectangle((x0 + neck, y0, x1 - neck, y0 + h * 0.3), fill=glass)
    draw.rectangle((x0 + neck - 2, y0, x1 - neck + 2, y0 + h * 0.07), fill=(150, 40, 40))
    draw.polygon(
        [
            (x0 + neck, y0 + h * 0.28),
            (x1 - neck, y0 + h * 0.28),
            (x1, y0 + h * 0.45),
            (x0, y0 + h * 0.45),
        ],
        fill=glass,
    )
    draw.rounded_rectangle((x0, y0 + h * 0.44, x1, y1), radius=int(w * 0.12), fill=glass)
    draw.rounded_rectangle((x0 + 5, y0 + h * 0.5, x1 - 5, y1 - 5), radius=int(w * 0.1), fill=liquid)
    draw.rectangle((x0 + 8, y0 + h * 0.6, x1 - 8, y0 + h * 0.82), fill=label)
    draw.rectangle(
        (x0 + w * 0.14, y0 + h * 0.47, x0 + w * 0.24, y1 - h * 0.08),
        fill=_mix(liquid, (255, 255, 255), 0.4),
    )


def _wine(draw, box, rng, liquid=(236, 232, 214)):
    x0, y0, x1, y1 = box
    w, h = x1 - x0, y1 - y0
    _bottle(draw, (x0 + w * 0.12, y0, x0 + w * 0.42, y1), rng, liquid)
    _bottle(draw, (x0 + w * 0.46, y0 + h * 0.15, x0 + w * 0.7, y1), rng, _shade(liquid, 0.95))
    for k in range(2):  # small cups
        cx = x0 + w * (0.8 + 0.12 * k)
        draw.polygon(
            [(cx - 26, y1 - 60), (cx + 26, y1 - 60), (cx + 18, y1), (cx - 18, y1)],
            fill=(246, 244, 236),
        )
        draw.ellipse((cx - 26, y1 - 68, cx + 26, y1 - 52), fill=_shade(liquid, 0.9))


def _rice(draw, box, rng, grain=(250, 246, 232)):
    x0, y0, x1, y1 = box
    w, h = x1 - x0, y1 - y0
    # A jute sack, open, heaped with grains, and a bowl in front.
    draw.rounded_rectangle(
        (x0 + w * 0.1, y0 + h * 0.22, x0 + w * 0.62, y1), radius=40, fill=(196, 160, 100)
    )
    for k in range(0, int(w * 0.52), 10):
        draw.line(
            (x0 + w * 0.1 + k, y0 + h * 0.25, x0 + w * 0.1 + k, y1 - 8),
            fill=(176, 140, 86),
            width=1,
        )
    draw.ellipse(
        (x0 + w * 0.08, y0 + h * 0.1, x0 + w * 0.64, y0 + h * 0.36), fill=_shade(grain, 0.92)
    )
    for _ in range(400):
        gx = x0 + w * rng.uniform(0.12, 0.6)
        gy = y0 + h * rng.uniform(0.13, 0.33)
        draw.ellipse((gx - 4, gy - 2, gx + 4, gy + 2), fill=_shade(grain, rng.uniform(0.9, 1.0)))
    bx, by = x0 + w * 0.78, y0 + h * 0.78
    draw.chord(
        (bx - w * 0.2, by - h * 0.22, bx + w * 0.2, by + h * 0.2), 0, 180, fill=(60, 100, 160)
    )
    draw.ellipse((bx - w * 0.2, by - h * 0.05, bx + w * 0.2, by + h * 0.05), fill=grain)
    for k in range(6):
        _leaf(draw, x0 + w * 0.64, y0 + h * 0.25, w * 0.3, -1.2 + k * 0.15, (200, 170, 60), 0.12)


def _peanuts(draw, box, rng):
    x0, y0, x1, y1 = box
    w, h = x1 - x0, y1 - y0
    for _ in range(38):
        px, py = x0 + rng.uniform(0.08, 0.92) * w, y0 + rng.uniform(0.15, 0.9) * h
        a = rng.uniform(0, math.pi)
        dx, dy = 16 * math.cos(a), 16 * math.sin(a)
        shell = _mix((206, 170, 120), (226, 196, 150), rng.random())
        for sx, sy in ((px - dx, py - dy), (px + dx, py + dy)):
            draw.ellipse((sx - 20, sy - 20, sx + 20, sy + 20), fill=shell, outline=(160, 120, 80))


def _sweet_potato(draw, box, rng):
    x0, y0, x1, y1 = box
    w, h = x1 - x0, y1 - y0
    for i in range(6):
        cx, cy = x0 + w * (0.2 + 0.13 * i), y0 + h * (0.45 + 0.12 * (i % 2))
        L, r = w * 0.2, h * 0.13
        a = rng.uniform(-0.5, 0.5)
        poly = []
        for k in range(24):
            t = k / 24 * 2 * math.pi
            x = L * math.cos(t)
            y = r * math.sin(t) * (1 - 0.3 * abs(math.cos(t)))
            poly.append(
                (cx + x * math.cos(a) - y * math.sin(a), cy + x * math.sin(a) + y * math.cos(a))
            )
        draw.polygon(poly, fill=_mix((150, 40, 70), (180, 70, 90), rng.random()))
    cx, cy = x0 + w * 0.7, y0 + h * 0.85  # a cut one, yellow inside
    draw.ellipse((cx - 50, cy - 34, cx + 50, cy + 34), fill=(150, 40, 70))
    draw.ellipse((cx - 44, cy - 28, cx + 44, cy + 28), fill=(246, 210, 110))


def _roots(draw, box, rng):
    x0, y0, x1, y1 = box
    w, h = x1 - x0, y1 - y0
    for _ in range(9):
        x, y = x0 + rng.uniform(0.15, 0.85) * w, y0 + h * 0.2
        colour = _mix((120, 60, 90), (150, 90, 70), rng.random())
        for k in range(9):
            nx, ny = x + rng.uniform(-18, 18), y + h * 0.08
            r = 14 + 6 * math.sin(k)
            draw.ellipse((nx - r, ny - r, nx + r, ny + r), fill=colour)
            draw.line((x, y, nx, ny), fill=colour, width=14)
            x, y = nx, ny


def _pottery(draw, box, rng):
    x0, y0, x1, y1 = box
    w, h = x1 - x0, y1 - y0
    glaze = rng.choice([(120, 70, 40), (70, 90, 80), (150, 100, 50)])
    cx = x0 + w * 0.42
    profile = [
        (0.0, 0.16),
        (0.08, 0.14),
        (0.18, 0.2),
        (0.42, 0.34),
        (0.7, 0.3),
        (0.92, 0.2),
        (1.0, 0.18),
    ]
    left = [(cx - p[1] * w, y0 + p[0] * h) for p in profile]
    right = [(cx + p[1] * w, y0 + p[0] * h) for p in reversed(profile)]
    draw.polygon(left + right, fill=glaze)
    draw.polygon(
        [(cx - p[1] * w * 0.35, y0 + p[0] * h) for p in profile]
        + [(cx - p[1] * w * 0.15, y0 + p[0] * h) for p in reversed(profile)],
        fill=_mix(glaze, (255, 255, 255), 0.25),
    )
    for k, yy in enumerate((0.3, 0.55, 0.8)):
        half = [pp for pp in profile if pp[0] <= yy][-1][1] * w
        draw.line(
            (cx - half * 0.95, y0 + yy * h, cx + half * 0.95, y0 + yy * h),
            fill=_shade(glaze, 0.6),
            width=4 + k,
        )
    draw.ellipse((cx - w * 0.16, y0 - 8, cx + w * 0.16, y0 + 14), fill=_shade(glaze, 0.5))
    # A small bowl beside the jar.
    bx, by = x0 + w * 0.82, y1 - h * 0.12
    draw.chord(
        (bx - w * 0.14, by - h * 0.16, bx + w * 0.14, by + h * 0.12),
        0,
        180,
        fill=_shade(glaze, 1.2),
    )
    draw.ellipse(
        (bx - w * 0.14, by - h * 0.04, bx + w * 0.14, by + h * 0.04), fill=_shade(glaze, 0.7)
    )


def _embroidery(draw, box, rng):
    x0, y0, x1, y1 = box
    w, h = x1 - x0, y1 - y0
    cloth = rng.choice([(246, 240, 226), (236, 228, 246), (226, 240, 236)])
    draw.rectangle((x0, y0 + h * 0.05, x1, y1), fill=cloth)
    thread = rng.choice([(190, 40, 60), (40, 90, 160), (30, 120, 80)])
    step = 14
    cx, cy = x0 + w / 2, y0 + h * 0.52
    for i in range(-12, 13):
        for j in range(-12, 13):
            if abs(i) + abs(j) in (4, 8, 11) or (abs(i) == abs(j) and abs(i) < 6):
                px, py = cx + i * step, cy + j * step
                draw.line((px - 5, py - 5, px + 5, py + 5), fill=thread, width=2)
                draw.line((px - 5, py + 5, px + 5, py - 5), fill=thread, width=2)
    for k in range(0, int(w), 10):  # a stitched border
        draw.line((x0 + k, y0 + h * 0.09, x0 + k + 5, y0 + h * 0.09), fill=thread, width=3)
        draw.line((x0 + k, y1 - 8, x0 + k + 5, y1 - 8), fill=thread, width=3)
    # An embroidery hoop.
    r = min(w, h) * 0.22
    hx, hy = x0 + w * 0.8, y0 + h * 0.3
    draw.ellipse((hx - r, hy - r, hx + r, hy + r), outline=(170, 130, 80), width=10)


def _basket(draw, box, rng, fill=True, rim_only=False):
    x0, y0, x1, y1 = box
    w, h = x1 - x0, y1 - y0
    straw, dark = (206, 168, 100), (164, 124, 66)
    if not rim_only:
        draw.polygon(
            [(x0 + w * 0.05, y0), (x1 - w * 0.05, y0), (x1 - w * 0.18, y1), (x0 + w * 0.18, y1)],
            fill=straw,
        )
        for k in range(1, 8):
            yy = y0 + h * k / 8
            inset = w * (0.05 + 0.13 * k / 8)
            draw.line((x0 + inset, yy, x1 - inset, yy), fill=dark, width=4)
        for k in range(1, 12):
            xt = x0 + w * 0.05 + (w * 0.9) * k / 12
            xb = x0 + w * 0.18 + (w * 0.64) * k / 12
            draw.line((xt, y0, xb, y1), fill=dark, width=2)
    draw.rounded_rectangle((x0 + w * 0.02, y0 - 10, x1 - w * 0.02, y0 + 14), radius=10, fill=dark)
    if fill and not rim_only:
        draw.arc(
            (x0 + w * 0.2, y0 - h * 0.9, x1 - w * 0.2, y0 + h * 0.3), 180, 360, fill=dark, width=12
        )


def _rolls(draw, box, rng):
    x0, y0, x1, y1 = box
    w, h = x1 - x0, y1 - y0
    draw.ellipse((x0, y0 + h * 0.3, x1, y1), fill=(240, 240, 236))
    draw.ellipse((x0 + 20, y0 + h * 0.3 + 16, x1 - 20, y1 - 16), fill=(250, 250, 248))
    for k in range(6):
        cx, cy = x0 + w * (0.22 + 0.11 * k), y0 + h * (0.6 + (0.05 if k % 2 else 0))
        draw.rounded_rectangle(
            (cx - 24, cy - h * 0.16, cx + 24, cy + h * 0.16), radius=22, fill=(214, 180, 140)
        )
        draw.ellipse(
            (cx - 24, cy - h * 0.16 - 10, cx + 24, cy - h * 0.16 + 20), fill=(236, 200, 160)
        )
        draw.ellipse(
            (cx - 14, cy - h * 0.16 - 2, cx + 14, cy - h * 0.16 + 12), fill=(200, 120, 110)
        )
    for k in range(5):
        _leaf(draw, x0 + w * 0.12, y0 + h * 0.5, w * 0.22, 2.2 + k * 0.3, (60, 140, 60), 0.3)


def _greens(draw, box, rng):
    x0, y0, x1, y1 = box
    w, h = x1 - x0, y1 - y0
    for i in range(5):
        cx, cy = x0 + w * (0.15 + 0.175 * i), y1 - h * 0.08
        for k in range(9):
            a = -math.pi / 2 + (k - 4) * 0.22 + rng.uniform(-0.05, 0.05)
            _leaf(
                draw,
                cx,
                cy,
                h * rng.uniform(0.55, 0.8),
                a,
                _mix((40, 130, 50), (140, 190, 80), rng.random()),
                0.5,
            )
        draw.rectangle((cx - 10, cy - h * 0.2, cx + 10, cy), fill=(230, 240, 210))


def _dried_lychee(draw, box, rng):
    x0, y0, x1, y1 = box
    w, h = x1 - x0, y1 - y0
    draw.rectangle((x0, y0 + h * 0.25, x1, y1), fill=(170, 40, 40))  # a gift box
    draw.rectangle((x0 + 14, y0 + h * 0.25 + 14, x1 - 14, y1 - 14), fill=(110, 70, 40))
    draw.rectangle((x0 + w * 0.46, y0 + h * 0.25, x0 + w * 0.54, y1), fill=(236, 190, 60))
    for _ in range(28):
        cx = x0 + rng.uniform(0.1, 0.9) * w
        cy = y0 + rng.uniform(0.38, 0.9) * h
        _ball(
            draw,
            cx,
            cy,
            min(w, h) * 0.07,
            _mix((130, 70, 30), (170, 100, 40), rng.random()),
            rng,
            8,
        )


MOTIFS = {
    "lychee": _lychee,
    "dried_lychee": _dried_lychee,
    "juice": lambda d, b, r: (
        _bottle(
            d,
            (b[0] + (b[2] - b[0]) * 0.3, b[1], b[0] + (b[2] - b[0]) * 0.62, b[3]),
            r,
            (200, 60, 80),
        )
        or _lychee(
            d, (b[0] + (b[2] - b[0]) * 0.55, b[1] + (b[3] - b[1]) * 0.45, b[2], b[3]), r, twig=False
        )
    ),
    "orange": lambda d, b, r: _citrus(d, b, r, (240, 140, 30)),
    "pomelo": lambda d, b, r: _citrus(d, b, r, (170, 200, 70), big=True),
    "custard_apple": lambda d, b, r: _lychee(d, b, r, colour=(150, 190, 110), bumps=40),
    "tea": _tea,
    "golden_tea": lambda d, b, r: _tea(d, b, r, flowers=True),
    "honey": _honey,
    "noodles": _noodles,
    "rice_cracker": _rice_cracker,
    "eggs": _eggs,
    "chicken": _chicken,
    "wine": _wine,
    "rice": _rice,
    "peanuts": _peanuts,
    "sweet_potato": _sweet_potato,
    "roots": _roots,
    "pottery": _pottery,
    "embroidery": _embroidery,
    "basket": _basket,
    "rolls": _rolls,
    "greens": _greens,
}

# Backgrounds that suit the kind: a wooden table, a banana leaf, a woven mat.
BACKGROUNDS = {
    "wood": ((214, 170, 120), (170, 120, 80)),
    "leaf": ((120, 170, 90), (60, 120, 60)),
    "mat": ((236, 214, 170), (210, 180, 130)),
    "linen": ((246, 240, 228), (226, 216, 198)),
}
KIND_BACKGROUND = {
    "lychee": "leaf",
    "orange": "wood",
    "pomelo": "linen",
    "custard_apple": "wood",
    "tea": "mat",
    "golden_tea": "wood",
    "honey": "linen",
    "noodles": "linen",
    "rice_cracker": "mat",
    "eggs": "linen",
    "chicken": "leaf",
    "wine": "wood",
    "rice": "mat",
    "peanuts": "wood",
    "sweet_potato": "mat",
    "roots": "linen",
    "pottery": "linen",
    "embroidery": "wood",
    "basket": "leaf",
    "rolls": "leaf",
    "greens": "wood",
    "dried_lychee": "linen",
    "juice": "leaf",
}


def _background(size, name, rng):
    top, bottom = BACKGROUNDS[name]
    image = _vertical(size, top, bottom)
    draw = ImageDraw.Draw(image)
    w, h = size
    if name == "wood":
        for k in range(0, h, 46):
            draw.line((0, k, w, k + rng.randint(-6, 6)), fill=_shade(bottom, 0.9), width=2)
    elif name == "mat":
        for k in range(0, w + h, 24):
            draw.line((k, 0, k - h, h), fill=_shade(bottom, 0.95), width=3)
    elif name == "leaf":
        draw.line((0, h * 0.9, w, h * 0.1), fill=_mix(top, (230, 240, 200), 0.5), width=8)
        for k in range(0, w, 40):
            draw.line((k, h * 0.9 - k * 0.8 * h / w, k + 120, h), fill=_shade(top, 1.08), width=2)
    return image


def _jpeg(image, quality=84):
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=quality, optimize=True)
    return buffer.getvalue()


def product_photo(kind, variant=0, size=(800, 600)):
    """JPEG bytes of a product photo of *kind*; *variant* changes layout and light."""
    rng = random.Random(f"{kind}-{variant}")
    image = _background(size, KIND_BACKGROUND.get(kind, "linen"), rng)
    w, h = size
    shadow = Image.new("L", size, 0)
    ImageDraw.Draw(shadow).ellipse((w * 0.12, h * 0.72, w * 0.88, h * 0.98), fill=90)
    image = Image.composite(
        Image.new("RGB", size, (40, 30, 20)), image, shadow.filter(ImageFilter.GaussianBlur(30))
    )
    draw = ImageDraw.Draw(image)
    margin = 0.08 + 0.03 * (variant % 3)
    MOTIFS.get(kind, _basket)(draw, (w * margin, h * 0.1, w * (1 - margin), h * 0.92), rng)
    return _jpeg(image)


def booth_logo(kind, size=400):
    """A round badge with the booth's trade drawn in it (square JPEG, light ground)."""
    rng = random.Random(f"logo-{kind}")
    image = Image.new("RGB", (size, size), (250, 247, 240))
    draw = ImageDraw.Draw(image)
    top, bottom = BACKGROUNDS[KIND_BACKGROUND.get(kind, "linen")]
    draw.ellipse((8, 8, size - 8, size - 8), fill=bottom)
    draw.ellipse((22, 22, size - 22, size - 22), fill=_mix(top, (255, 255, 255), 0.35))
    MOTIFS.get(kind, _basket)(draw, (size * 0.2, size * 0.2, size * 0.8, size * 0.8), rng)
    return _jpeg(image)


# ---------------------------------------------------------------- places

SCENES = ("terraces", "river", "orchard", "tea_hills")


def landscape(scene, size=(1400, 520), seed=0):
    """JPEG bytes of a countryside scene: terraced hills, a river with a boat, a lychee
    orchard, tea hills. Room is left on the left for a caption."""
    rng = random.Random(f"{scene}-{seed}")
    w, h = size
    sky_top, sky_bottom = rng.choice(
        [((120, 180, 230), (230, 240, 250)), ((250, 190, 120), (255, 236, 200))]
    )
    image = _vertical(size, sky_top, sky_bottom)
    draw = ImageDraw.Draw(image)
    sx, sy = w * rng.uniform(0.6, 0.85), h * 0.22
    draw.ellipse((sx - 40, sy - 40, sx + 40, sy + 40), fill=(255, 244, 200))
    # Far mountains, bluish, then nearer hills, greener.
    layers = 4 if scene != "river" else 3
    for layer in range(layers):
        t = layer / max(1, layers - 1)
        colour = _mix((150, 180, 190), (70, 140, 70) if scene != "tea_hills" else (50, 130, 60), t)
        base = h * (0.42 + 0.12 * layer)
        points = [(0, h)]
        phase = rng.uniform(0, 6)
        for x in range(0, w + 20, 20):
            y = (
                base
                - h * 0.1 * math.sin(x / w * (3 + layer) + phase)
                - h * 0.05 * math.sin(x / 90 + phase * 2)
            )
            points.append((x, y))
        points.append((w, h))
        draw.polygon(points, fill=colour)
        if scene == "terraces" and layer >= 2:
            for k in range(1, 10):
                off = k * h * 0.035
                line = [(x, y + off) for x, y in points[1:-1]]
                draw.line(line, fill=_mix(colour, (200, 220, 120), 0.4), width=3)
        if scene == "tea_hills" and layer >= 2:
            for k in range(1, 12):
                off = k * h * 0.03
                line = [(x, y + off) for x, y in points[1:-1]]
                draw.line(line, fill=_shade(colour, 0.75), width=6)
    if scene == "river":
        ry = h * 0.72
        draw.polygon([(0, ry), (w, ry - h * 0.05), (w, h), (0, h)], fill=(90, 150, 170))
        for k in range(14):
            yy = ry + k * 9
            x = rng.uniform(0, w)
            draw.line((x, yy, x + rng.uniform(40, 140), yy), fill=(170, 210, 220), width=2)
        bx, by = w * 0.62, ry + h * 0.12
        draw.polygon(
            [(bx - 90, by), (bx + 90, by), (bx + 60, by + 22), (bx - 60, by + 22)],
            fill=(90, 60, 40),
        )
        draw.polygon(
            [(bx - 30, by), (bx - 20, by - 36), (bx + 30, by - 36), (bx + 40, by)],
            fill=(200, 170, 110),
        )
        draw.polygon(
            [(bx + 62, by - 30), (bx + 82, by - 30), (bx + 72, by - 48)], fill=(220, 200, 130)
        )  # nón lá
        draw.line((bx + 72, by - 30, bx + 72, by), fill=(60, 60, 80), width=4)
    if scene == "orchard":
        for row in range(3):
            for k in range(9):
                tx = w * (0.05 + 0.11 * k) + row * 30
                ty = h * (0.62 + 0.12 * row)
                r = 34 + row * 10
                draw.rectangle((tx - 5, ty, tx + 5, ty + r), fill=(100, 70, 40))
                draw.ellipse(
                    (tx - r, ty - r * 1.2, tx + r, ty + r * 0.4), fill=(40 + row * 10, 110, 50)
                )
                for _ in range(6):
                    fx, fy = tx + rng.uniform(-r * 0.8, r * 0.8), ty + rng.uniform(-r, r * 0.2)
                    draw.ellipse((fx - 5, fy - 5, fx + 5, fy + 5), fill=(200, 40, 50))
    # A soft dark band on the left: captions stay readable over any scene.
    band = Image.linear_gradient("L").rotate(-90).resize(size).point(lambda v: int(v * 0.45))
    image = Image.composite(Image.new("RGB", size, (20, 30, 25)), image, band)
    return _jpeg(image, quality=82)
