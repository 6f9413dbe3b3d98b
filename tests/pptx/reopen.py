"""Reopens .pptx files with python-pptx and prints what a reader finds, as
JSON: per slide, the text of every text frame and table cell, whether there is
a table, the notes, the pictures' alternative text, and the language of every
run, and where the bars are (EMU). Used by tests/pptx.rs; argv: the files."""
import json
import sys

from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE

A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"


def langs(element):
    found = set()
    for tag in ("rPr", "endParaRPr", "defRPr"):
        for rpr in element.iter(A + tag):
            lang = rpr.get("lang")
            found.add(lang if lang else "")
    return found


def shapes(group):
    for shape in group:
        if shape.shape_type == MSO_SHAPE_TYPE.GROUP:
            yield shape
            yield from shapes(shape.shapes)
        else:
            yield shape


def inspect(path):
    prs = Presentation(path)
    out = {
        "width": prs.slide_width,
        "height": prs.slide_height,
        "title": prs.core_properties.title,
        "author": prs.core_properties.author,
        "subject": prs.core_properties.subject,
        "layouts": [layout.name for layout in prs.slide_layouts],
        "slides": [],
    }
    for slide in prs.slides:
        s = {
            "layout": slide.slide_layout.name,
            "frames": [],
            "paragraphs": [],
            "cells": [],
            "tables": 0,
            "pictures": [],
            "groups": [],
            "bars": [],
            "notes": None,
            "langs": set(),
        }
        for shape in shapes(slide.shapes):
            descr = shape._element.xpath("./*[1]/p:cNvPr/@descr")
            if shape.has_text_frame:
                s["frames"].append(shape.text_frame.text)
                s["paragraphs"].append([p.text for p in shape.text_frame.paragraphs])
                s["langs"] |= langs(shape._element)
            if getattr(shape, "has_table", False) and shape.has_table:
                s["tables"] += 1
                for row in shape.table.rows:
                    s["cells"].append([cell.text for cell in row.cells])
                s["langs"] |= langs(shape._element)
            if shape.shape_type == MSO_SHAPE_TYPE.PICTURE:
                decorative = bool(shape._element.xpath(".//*[local-name()='decorative'][@val='1']"))
                s["pictures"].append({"descr": descr[0] if descr else "", "decorative": decorative})
            if shape.shape_type == MSO_SHAPE_TYPE.GROUP:
                s["groups"].append(descr[0] if descr else "")
                s["bars"].append({"top": shape.top, "height": shape.height})
        if slide.has_notes_slide:
            frame = slide.notes_slide.notes_text_frame
            s["notes"] = frame.text if frame is not None else ""
            s["langs"] |= langs(slide.notes_slide._element)
        s["langs"] = sorted(s["langs"])
        out["slides"].append(s)
    return out


print(json.dumps({path: inspect(path) for path in sys.argv[1:]}))
