"""Draws generated clips as piano-roll PNGs for a look at the output: python -m mosaic_music.piano_roll generated.json out.png [--set NAME] [--clips N]."""
import argparse
import json

from PIL import Image, ImageDraw

TICKS_PER_PIXEL = 30
ROW = 3


def draw_clip(draw, notes, top: int, bars: int, low: int, high: int) -> None:
    height = (high - low + 1) * ROW
    for bar in range(bars + 1):
        x = bar * 1920 // TICKS_PER_PIXEL
        draw.line([(x, top), (x, top + height)], fill=(90, 90, 90))
        for beat in range(1, 4):
            if bar < bars:
                bx = x + beat * 480 // TICKS_PER_PIXEL
                draw.line([(bx, top), (bx, top + height)], fill=(45, 45, 45))
    for start, duration, pitch, velocity in notes:
        y = top + (high - pitch) * ROW
        x0 = start // TICKS_PER_PIXEL
        x1 = max(x0 + 1, (start + duration) // TICKS_PER_PIXEL - 1)
        shade = 80 + velocity
        draw.rectangle([x0, y, x1, y + ROW - 1], fill=(shade, min(255, shade + 40), 255 - velocity))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("generated")
    parser.add_argument("out")
    parser.add_argument("--set", default=None)
    parser.add_argument("--clips", type=int, default=6)
    args = parser.parse_args(argv)
    data = json.load(open(args.generated))
    chosen = next(s for s in data["sets"] if args.set in (None, s["name"]))
    clips = [clip["notes"] for clip in chosen["clips"][: args.clips]]
    pitches = [note[2] for clip in clips for note in clip] or [60]
    low, high = min(pitches) - 2, max(pitches) + 2
    bars = chosen["bars"]
    clip_height = (high - low + 1) * ROW + 8
    image = Image.new("RGB", (bars * 1920 // TICKS_PER_PIXEL + 1, clip_height * len(clips)), (12, 12, 16))
    draw = ImageDraw.Draw(image)
    for index, notes in enumerate(clips):
        draw_clip(draw, notes, index * clip_height, bars, low, high)
    image.save(args.out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
