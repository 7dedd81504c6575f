"""Draw the example picture of the story "Ruimte bieden aan een eigen logo", by code, the same every time.

A village under a big sky; residents hold up a banner with the logo they made themselves
(a house with a sprout, in a circle of hands). Flat shapes, no text, no people's faces.

    python scripts/draw_example_picture.py            # writes content/stories/ruimte-bieden-aan-een-eigen-logo.png
    python scripts/draw_example_picture.py --out x.png

Credit and licence: drawn by code for the Samenspel project ("Illustratie: Redactie Samenspel");
the picture is licensed CC BY 4.0, as the story's image field says. Deterministic: same Pillow, same bytes
(tests/test_images.py checks the committed file against a fresh run).
"""
from __future__ import annotations

import argparse
import io
import math
from pathlib import Path

from PIL import Image, ImageDraw

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "content" / "stories" / "ruimte-bieden-aan-een-eigen-logo.png"
WIDTH, HEIGHT = 1600, 900
SCALE = 2  # drawn at twice the size, then reduced: smooth edges without an anti-aliasing library
COLOURS = 64  # the reduced picture keeps its flat look in few colours: a small PNG

SKY, SKY_LOW, SUN = (196, 226, 240), (222, 238, 242), (255, 206, 92)
CLOUD, HILL_FAR, HILL_NEAR, GRASS = (250, 250, 247), (150, 196, 150), (112, 170, 110), (126, 184, 98)
PATH, ROOF, WOOD, LEAF, LEAF_DARK = (233, 212, 168), (176, 72, 56), (120, 84, 56), (70, 140, 80), (52, 112, 70)
WALLS = ((238, 222, 196), (214, 120, 88), (246, 236, 214), (160, 186, 206), (226, 186, 120))
DOOR, WINDOW, BANNER, LOGO, LOGO_RING = (92, 64, 52), (255, 244, 200), (250, 246, 236), (236, 122, 48), (60, 90, 140)
CLOTHES = ((60, 90, 140), (200, 84, 70), (90, 150, 120), (150, 100, 160), (230, 170, 60))
SKIN = ((241, 204, 170), (198, 144, 104), (140, 94, 66), (224, 176, 136), (110, 74, 52))


def s(*values: float) -> list[int]:
    """Give coordinates on the doubled canvas."""
    return [round(v * SCALE) for v in values]


def house(draw: ImageDraw.ImageDraw, x: float, ground: float, width: float, height: float, wall: tuple[int, int, int],
          tower: bool = False) -> None:
    """Draw a house standing on ``ground``: walls, a pointed roof, a door and two windows."""
    draw.rectangle(s(x, ground - height, x + width, ground), fill=wall)
    draw.polygon(s(x - 12, ground - height, x + width / 2, ground - height - width * 0.55, x + width + 12,
                   ground - height), fill=ROOF)
    draw.rectangle(s(x + width * 0.42, ground - height * 0.45, x + width * 0.58, ground), fill=DOOR)
    for left in (x + width * 0.12, x + width * 0.68):
        draw.rectangle(s(left, ground - height * 0.8, left + width * 0.2, ground - height * 0.55), fill=WINDOW)
    if tower:  # the village hall's little bell tower
        top = ground - height - width * 0.55
        draw.rectangle(s(x + width / 2 - 14, top - 70, x + width / 2 + 14, top + 20), fill=wall)
        draw.polygon(s(x + width / 2 - 22, top - 70, x + width / 2, top - 120, x + width / 2 + 22, top - 70), fill=ROOF)


def tree(draw: ImageDraw.ImageDraw, x: float, ground: float, size: float) -> None:
    draw.rectangle(s(x - size * 0.08, ground - size * 0.9, x + size * 0.08, ground), fill=WOOD)
    draw.ellipse(s(x - size * 0.5, ground - size * 1.6, x + size * 0.5, ground - size * 0.6), fill=LEAF)
    draw.ellipse(s(x - size * 0.2, ground - size * 1.75, x + size * 0.45, ground - size * 1.05), fill=LEAF_DARK)


def person(draw: ImageDraw.ImageDraw, x: float, ground: float, n: int, arm: int = 0) -> None:
    """Draw a resident as flat shapes: body, head, and an arm raised to hold the banner pole."""
    clothes, skin = CLOTHES[n % len(CLOTHES)], SKIN[n % len(SKIN)]
    draw.rounded_rectangle(s(x - 22, ground - 110, x + 22, ground), radius=18 * SCALE, fill=clothes)
    draw.ellipse(s(x - 17, ground - 148, x + 17, ground - 114), fill=skin)
    if arm:  # 1: raised to the right, -1: to the left
        draw.line(s(x + 16 * arm, ground - 95, x + 34 * arm, ground - 150), fill=clothes, width=12 * SCALE)


def logo(draw: ImageDraw.ImageDraw, cx: float, cy: float, r: float) -> None:
    """The residents' own logo: a ring of hands around a house from which a sprout grows."""
    draw.ellipse(s(cx - r, cy - r, cx + r, cy + r), fill=LOGO_RING)
    draw.ellipse(s(cx - r * 0.82, cy - r * 0.82, cx + r * 0.82, cy + r * 0.82), fill=LOGO)
    for i in range(8):  # eight small "hands" around the ring, like the fingers of a hand-cut stamp
        angle = math.tau * i / 8
        hx, hy = cx + math.cos(angle) * r * 0.91, cy + math.sin(angle) * r * 0.91
        draw.ellipse(s(hx - r * 0.11, hy - r * 0.11, hx + r * 0.11, hy + r * 0.11), fill=BANNER)
    draw.rectangle(s(cx - r * 0.38, cy, cx + r * 0.38, cy + r * 0.45), fill=BANNER)
    draw.polygon(s(cx - r * 0.5, cy, cx, cy - r * 0.38, cx + r * 0.5, cy), fill=BANNER)
    draw.rectangle(s(cx - r * 0.05, cy - r * 0.66, cx + r * 0.05, cy - r * 0.2), fill=LEAF_DARK)
    draw.ellipse(s(cx - r * 0.46, cy - r * 0.78, cx - r * 0.02, cy - r * 0.5), fill=LEAF_DARK)
    draw.ellipse(s(cx + r * 0.02, cy - r * 0.86, cx + r * 0.48, cy - r * 0.56), fill=LEAF_DARK)
    draw.rectangle(s(cx - r * 0.08, cy + r * 0.18, cx + r * 0.08, cy + r * 0.45), fill=LOGO)


def draw_village() -> Image.Image:
    """Give the picture, at its final size."""
    image = Image.new("RGB", (WIDTH * SCALE, HEIGHT * SCALE), SKY)
    draw = ImageDraw.Draw(image)
    draw.rectangle(s(0, 300, WIDTH, HEIGHT), fill=SKY_LOW)
    draw.ellipse(s(1300, 70, 1440, 210), fill=SUN)
    for cx, cy, k in ((260, 130, 1.0), (820, 90, 0.8), (1120, 200, 0.65)):
        for dx, dy, r in ((-60, 10, 40), (-15, -12, 52), (40, 6, 42), (80, 16, 30)):
            draw.ellipse(s(cx + (dx - r) * k, cy + (dy - r) * k, cx + (dx + r) * k, cy + (dy + r) * k), fill=CLOUD)
    draw.ellipse(s(-300, 420, 900, 900), fill=HILL_FAR)
    draw.ellipse(s(700, 400, 1900, 900), fill=HILL_FAR)
    draw.ellipse(s(-200, 540, 1100, 1100), fill=HILL_NEAR)
    draw.rectangle(s(0, 640, WIDTH, HEIGHT), fill=GRASS)
    draw.polygon(s(700, 640, 900, 640, 1150, HEIGHT, 450, HEIGHT), fill=PATH)
    houses = ((90, 640, 150, 120), (300, 640, 130, 100), (960, 640, 170, 130), (1180, 640, 140, 110),
              (1380, 640, 150, 125))
    for i, (x, ground, width, height) in enumerate(houses):
        house(draw, x, ground, width, height, WALLS[i % len(WALLS)])
    house(draw, 520, 620, 160, 120, WALLS[2], tower=True)  # the village hall, further back
    for x, size in ((40, 90), (470, 70), (1140, 80), (1560, 100)):
        tree(draw, x, 660, size)
    # The banner between two poles, held up by residents, with their own logo in the middle.
    draw.rectangle(s(560, 560, 572, 840), fill=WOOD)
    draw.rectangle(s(1040, 560, 1052, 840), fill=WOOD)
    draw.polygon(s(572, 580, 700, 566, 820, 584, 930, 570, 1040, 580, 1040, 720, 930, 708, 820, 724, 700, 708,
                   572, 720), fill=BANNER)
    logo(draw, 806, 645, 62)
    for i, (x, arm) in enumerate(((522, 1), (620, 0), (990, 0), (1090, -1), (1180, 0))):
        person(draw, x, 870, i, arm)
    return image.reduce(SCALE).quantize(COLOURS, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)


def png_bytes() -> bytes:
    """Give the picture as PNG bytes: no metadata, the same on every run."""
    out = io.BytesIO()
    draw_village().save(out, "PNG", optimize=True)
    return out.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT, help=f"where to write the PNG (default: {OUT})")
    args = parser.parse_args()
    args.out.write_bytes(png_bytes())
    print(f"{args.out}: {args.out.stat().st_size} bytes, {WIDTH} × {HEIGHT}")


if __name__ == "__main__":
    main()
