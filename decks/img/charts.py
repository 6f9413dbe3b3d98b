#!/usr/bin/env python3
"""Draws the bar charts used by the example decks, with ImageMagick.

Run from anywhere: python3 decks/img/charts.py
The figures are the same as in the decks' need slides; change both together.
Output is stripped of metadata so the PNG bytes (and the decks) stay reproducible.
"""
import pathlib
import subprocess

HERE = pathlib.Path(__file__).resolve().parent
FONTS = HERE.parent.parent / "themes" / "default" / "fonts"

TEXT = "#1b1f24"
POSTS = "#9fb3c8"
ANSWERED = "#0b57a4"

MONTHS_EN = ["Jun", "Jul", "Aug", "Sep", "Oct"]
MONTHS_SV = ["jun", "jul", "aug", "sep", "okt"]
POSTS_PER_MONTH = [260, 300, 330, 380, 420]
ANSWERED_PER_MONTH = [9, 11, 8, 10, 12]

LABELS = {
    "en": {
        "title": "Posts about Solbacka, 2026",
        "posts": "Posts about us",
        "answered": "Answered by us",
        "months": MONTHS_EN,
    },
    "sv": {
        "title": "Inlägg om Solbacka, 2026",
        "posts": "Inlägg om oss",
        "answered": "Besvarade av oss",
        "months": MONTHS_SV,
    },
}

W, H = 720, 720
LEFT, RIGHT, TOP, BOTTOM = 20, 700, 250, 640
MAX = 420


def q(s):
    return "'" + s.replace("'", "\\'") + "'"


def y_of(value):
    """Bars start at zero, so their heights compare honestly."""
    return BOTTOM - (BOTTOM - TOP) * value / MAX


def chart(lang):
    lab = LABELS[lang]
    regular = FONTS / "regular.ttf"
    bold = FONTS / "bold.ttf"
    d = []
    # Title and legend.
    d += [f"font {q(str(bold))}", "font-size 46", f"fill {q(TEXT)}", "text-anchor start",
          f"text {LEFT},58 {q(lab['title'])}"]
    d += [f"font {q(str(regular))}", "font-size 38"]
    d += [f"fill {q(POSTS)}", f"rectangle {LEFT},96 {LEFT + 34},130",
          f"fill {q(TEXT)}", f"text {LEFT + 48},126 {q(lab['posts'])}"]
    d += [f"fill {q(ANSWERED)}", f"rectangle {LEFT},150 {LEFT + 34},184",
          f"fill {q(TEXT)}", f"text {LEFT + 48},180 {q(lab['answered'])}"]
    # Bars: one group per month, each bar labelled with its figure.
    group = (RIGHT - LEFT) / len(lab["months"])
    bar = 56
    d += ["text-anchor middle"]
    for i, month in enumerate(lab["months"]):
        cx = LEFT + group * (i + 0.5)
        posts, answered = POSTS_PER_MONTH[i], ANSWERED_PER_MONTH[i]
        x1 = cx - bar - 2
        x2 = cx + 2
        d += [f"fill {q(POSTS)}",
              f"rectangle {x1:.0f},{y_of(posts):.0f} {x1 + bar:.0f},{BOTTOM}",
              f"fill {q(ANSWERED)}",
              f"rectangle {x2:.0f},{y_of(answered):.0f} {x2 + bar:.0f},{BOTTOM}"]
        d += ["font-size 32", f"fill {q(TEXT)}",
              f"text {x1 + bar / 2:.0f},{y_of(posts) - 12:.0f} {q(str(posts))}",
              f"fill {q(ANSWERED)}",
              f"text {x2 + bar / 2 + 4:.0f},{y_of(answered) - 12:.0f} {q(str(answered))}"]
        d += ["font-size 38", f"fill {q(TEXT)}", f"text {cx:.0f},{BOTTOM + 52} {q(month)}"]
    d += [f"fill {q(TEXT)}", f"rectangle {LEFT},{BOTTOM} {RIGHT},{BOTTOM + 3}"]
    out = HERE / f"mentions-{lang}.png"
    subprocess.run(
        ["convert", "-size", f"{W}x{H}", "xc:white", "-draw", "\n".join(d),
         "+dither", "-colors", "48", "-fuzz", "2%", "-fill", "white", "-opaque", "white",
         "-strip",
         "-define", "png:exclude-chunks=date,time", f"PNG8:{out}"],
        check=True,
    )
    print(f"wrote {out} ({out.stat().st_size} bytes)")


if __name__ == "__main__":
    for lang in LABELS:
        chart(lang)
