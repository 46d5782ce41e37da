"""Render the application icon from reviewer/resources/reviewer.svg into PNG sizes and a Windows .ico.

    QT_QPA_PLATFORM=offscreen python resources/build_icons.py
"""

from __future__ import annotations

import struct
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

SIZES = (16, 24, 32, 48, 64, 128, 256)
HERE = Path(__file__).resolve().parent
SVG = HERE.parent / "reviewer" / "resources" / "reviewer.svg"


def render(size: int) -> bytes:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    QSvgRenderer(str(SVG)).render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data.data())


def ico(images: dict[int, bytes]) -> bytes:
    """An .ico holding PNG images, as Windows Vista and later read them."""
    header = struct.pack("<HHH", 0, 1, len(images))
    offset = 6 + 16 * len(images)
    entries, blobs = b"", b""
    for size, png in images.items():
        entries += struct.pack("<BBBBHHII", size % 256, size % 256, 0, 0, 1, 32, len(png), offset + len(blobs))
        blobs += png
    return header + entries + blobs


def main() -> None:
    app = QGuiApplication([])
    icons = HERE / "icons"
    icons.mkdir(exist_ok=True)
    images = {}
    for size in SIZES:
        png = render(size)
        (icons / f"reviewer-{size}.png").write_bytes(png)
        images[size] = png
    (icons / "reviewer.ico").write_bytes(ico({s: images[s] for s in (16, 24, 32, 48, 256)}))
    del app


if __name__ == "__main__":
    main()
