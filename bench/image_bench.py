"""Print what images.process makes of a few typical pictures: each file's size and the time it takes.

    .venv/bin/python bench/image_bench.py [RUNS]

Pictures, all made here by code: a 12-megapixel phone photo (4000 × 3000 JPEG, textured and
noisy like a real one), the same photo turned by EXIF orientation 6, a 3000 × 2000 photo as
WebP, a transparent PNG logo, and the example drawing of the story "Ruimte bieden aan een
eigen logo". For each: the best of RUNS (default 3) processing times, a cache hit's time, and
the size of every variant. Then how fast the hostile files of tests/test_images.py are refused.
"""
from __future__ import annotations

import io
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import PIL
from PIL import Image, ImageDraw, ImageFilter

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from samenspel import images  # noqa: E402
from samenspel.imagecache import ImageCache  # noqa: E402


def photo(width: int, height: int) -> Image.Image:
    """A photo-like picture: sky and ground gradients, blurred texture at two scales, sensor noise."""
    sky = Image.merge("RGB", [Image.linear_gradient("L").resize((width, height)).point(lambda v: 90 + v // 3),
                              Image.linear_gradient("L").resize((width, height)).point(lambda v: 140 + v // 4),
                              Image.new("L", (width, height), 210)])
    coarse = Image.effect_noise((width // 16, height // 16), 60).resize((width, height), Image.Resampling.BICUBIC)
    fine = Image.effect_noise((width // 2, height // 2), 50).resize((width, height), Image.Resampling.BILINEAR)
    texture = Image.merge("RGB", [coarse, fine, coarse]).filter(ImageFilter.GaussianBlur(1))
    image = Image.blend(sky, texture, 0.35)
    draw = ImageDraw.Draw(image)
    for i in range(12):  # some edges: houses on the ground
        x = i * width // 12
        draw.rectangle((x + width // 60, height * 3 // 5, x + width // 14, height * 4 // 5),
                       fill=(150 + i * 7 % 90, 90 + i * 13 % 100, 70 + i * 5 % 60))
    return Image.blend(image, Image.effect_noise((width, height), 30).convert("RGB"), 0.06)


def encode(image: Image.Image, fmt: str, **options: object) -> bytes:
    out = io.BytesIO()
    image.save(out, fmt, **options)
    return out.getvalue()


def logo() -> bytes:
    image = Image.new("RGBA", (1000, 1000), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.ellipse((50, 50, 950, 950), fill=(236, 122, 48, 255))
    draw.polygon((250, 500, 500, 250, 750, 500), fill=(250, 246, 236, 255))
    draw.rectangle((320, 500, 680, 780), fill=(250, 246, 236, 255))
    return encode(image.resize((1000, 1000), Image.Resampling.LANCZOS), "PNG")


def turned() -> bytes:
    exif = Image.Exif()
    exif[0x0112] = 6
    exif.get_ifd(0x8825)[1] = "N"
    return encode(photo(4000, 3000), "JPEG", quality=92, exif=exif.tobytes())


def best(runs: int, work: Callable[[], object]) -> tuple[float, float]:
    """Give the shortest wall-clock and CPU time of ``runs`` runs (CPU time is steadier on a shared machine)."""
    walls, cpus = [], []
    for _ in range(runs):
        wall, cpu = time.perf_counter(), time.process_time()
        work()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return min(walls), min(cpus)


def ms(times: tuple[float, float]) -> str:
    return f"{times[0] * 1000:.1f} ms ({times[1] * 1000:.1f} ms CPU)"


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    pictures = {
        "phone photo 4000×3000 JPEG q92": encode(photo(4000, 3000), "JPEG", quality=92),
        "phone photo turned (EXIF 6)": turned(),
        "photo 3000×2000 WebP q90": encode(photo(3000, 2000), "WEBP", quality=90),
        "transparent logo 1000×1000 PNG": logo(),
        "example drawing 1600×900 PNG": (ROOT / "content" / "stories" / "ruimte-bieden-aan-een-eigen-logo.png")
        .read_bytes(),
    }
    print(f"Pillow {PIL.__version__}; best of {runs} runs; 1 KB = 1000 bytes")
    with tempfile.TemporaryDirectory() as folder:
        for name, data in pictures.items():
            made = best(runs, lambda d=data: images.process(d, "bench"))  # type: ignore[misc]
            ImageCache(Path(folder)).get(data, "bench")
            hit = best(runs, lambda d=data: ImageCache(Path(folder)).get(d, "bench"))  # type: ignore[misc]
            picture = images.process(data, "bench")
            print(f"\n{name}: source {len(data):,} B; processed in {ms(made)}, cache hit in {ms(hit)}; "
                  f"shown {picture.width} × {picture.height}")
            for modern, fallback in zip(picture.modern, picture.fallback, strict=True):
                print(f"  {modern.width:>5} × {modern.height:<5} {modern.mime:<11} {len(modern.data) / 1000:7.1f} KB"
                      f"   {fallback.mime:<10} {len(fallback.data) / 1000:7.1f} KB")
    sys.path.insert(0, str(ROOT / "tests"))
    from test_images import HOSTILE  # the same hostile files the tests refuse

    print("\nhostile files, refused in:")
    for name, (make, _key, _value) in sorted(HOSTILE.items()):
        data = make()

        def refuse(d: bytes = data) -> None:
            try:
                images.process(d, "bench")
            except images.ImageRefused:
                return
            raise AssertionError("not refused")

        print(f"  {name:<36} {ms(best(runs, refuse))}")


if __name__ == "__main__":
    main()
