"""What the PDF's own CSS costs WeasyPrint: the largest example typeset with a bare stylesheet,
with cdc's whole stylesheet, and with the whole stylesheet less one feature at a time. Not a
test.

    python bench/css_cost.py [--runs 3] [--example PATH] [--only "NAME;NAME"]

Each variant is typeset ``--runs`` times in this one process (fonts shared, after a warm-up);
the figure is the median CPU time of WeasyPrint (HTML → PDF), with the number of pages, since a
rule that changes the page count changes the work. A feature "pays for itself" when what it
costs is small beside what it gives the reader; the verdicts are in bench/README.md.
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# What the page needs at the least: A4, its margins, the font and size of the Word and Typst
# outputs. No table rule, no running header, no table of contents' page numbers.
BARE = """@page { size: A4; margin: 25mm 20mm 22mm 20mm; }
html { font-size: 9.5pt; }
body { font-family: "Liberation Sans", sans-serif; line-height: 1.35; margin: 0; }
table { width: 100%; font-size: 8pt; }
figure img { width: 100%; }
.cover { break-after: page; }
"""


def _drop_declarations(prop: str) -> Callable[[str], str]:
    """The stylesheet without any declaration of ``prop`` (``prop: value;`` or before ``}``)."""
    pattern = re.compile(rf"(?<![\w-]){re.escape(prop)}\s*:[^;{{}}]*(;|(?=\}}))")
    return lambda css: pattern.sub("", css)


def _drop_rules(selector_part: str) -> Callable[[str], str]:
    """The stylesheet without the rules whose selector contains ``selector_part``."""
    pattern = re.compile(r"(^|[}\n])([^{}@]*" + re.escape(selector_part) + r"[^{}]*)\{[^{}]*\}")
    return lambda css: pattern.sub(r"\1", css)


def _drop_text(text: str) -> Callable[[str], str]:
    return lambda css: css.replace(text, "")


WITHOUT: dict[str, Callable[[str], str]] = {
    "overflow-wrap": _drop_declarations("overflow-wrap"),
    "border-collapse": _drop_declarations("border-collapse"),
    "table-layout (fixed)": _drop_declarations("table-layout"),
    "zebra rows (nth-child)": _drop_rules("nth-child(even)"),
    "cover nth-child": _drop_rules(":nth-child(n+4)"),
    "break-after/-inside: avoid": lambda css: _drop_declarations("break-inside")(
        re.sub(r"break-after:\s*avoid;?", "", css)),
    "orphans, widows": lambda css: _drop_declarations("widows")(
        _drop_declarations("orphans")(css)),
    "thead repeated": _drop_text("table.data thead { display: table-header-group; }"),
    "running header/footer (string-set)": lambda css: re.sub(
        r"@(top|bottom)-(left|right) \{[^}]*\}", "", _drop_declarations("string-set")(css)),
    "toc page numbers (leader, target-counter)": _drop_rules("::after"),
    "line-height": _drop_declarations("line-height"),
    "hyphens": _drop_declarations("hyphens"),
    "white-space": _drop_declarations("white-space"),
    "text-transform, letter-spacing": lambda css: _drop_declarations("letter-spacing")(
        _drop_declarations("text-transform")(css)),
    "border-radius": _drop_declarations("border-radius"),
    "inline-block numbers (toc, cover)": lambda css: css.replace("display: inline-block;", ""),
    "borders of cells": lambda css: re.sub(r"border-bottom: [^;]*solid #c9d1db;", "", css),
    "backgrounds": _drop_declarations("background"),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--example", type=Path, default=ROOT / "examples" / "industrie-b2b.yaml")
    parser.add_argument("--only", default="", help="variant names, separated by ;")
    args = parser.parse_args()

    import weasyprint

    from cdc.batch import count_pdf_pages
    from cdc.render import build_document, load_answers, make_assets
    from cdc.resources import packaged_dir
    from cdc.writers.html import render_html, stylesheet
    from cdc.writers.pdf import font_configuration, make_url_fetcher, printable

    spec, answers = load_answers(args.example)
    doc = build_document(spec)
    html = printable(render_html(doc, make_assets(spec, None, None, answers)))
    style, _ = stylesheet("style.css", None)
    printing, _ = stylesheet("print.css", None)
    whole = f"{style}\n{printing}"
    head, rest = html.split("<style>", 1)
    body = rest.rsplit("</style>", 1)[1]
    base = str(packaged_dir("templates") / "html") + "/"
    fetcher = make_url_fetcher([packaged_dir("templates")])
    fonts = font_configuration()

    def typeset(css: str) -> tuple[float, int | None]:
        page = f"{head}<style>\n{css}\n</style>{body}"
        times = []
        pdf = b""
        for _ in range(args.runs):
            start = time.process_time()
            pdf = weasyprint.HTML(string=page, base_url=base, url_fetcher=fetcher).write_pdf(
                font_config=fonts)
            times.append(time.process_time() - start)
        target = Path("/tmp") / "cdc-css-cost.pdf"
        target.write_bytes(pdf)
        return statistics.median(times), count_pdf_pages(target)

    typeset(whole)  # warm-up: fonts, imports
    wanted = [n.strip() for n in args.only.split(";") if n.strip()]
    print(f"| {'stylesheet':<44} | {'CPU s':>6} | pages | vs whole |")
    print(f"|{'-' * 46}|{'-' * 8}|-------|----------|")
    full, full_pages = typeset(whole)
    bare, bare_pages = typeset(BARE)
    print(f"| {'whole (style.css + print.css)':<44} | {full:6.2f} | {full_pages!s:>5} | 1.00× |",
          flush=True)
    print(f"| {'bare (page, font, table width)':<44} | {bare:6.2f} | {bare_pages!s:>5} | "
          f"{bare / full:.2f}× |", flush=True)
    for name, change in WITHOUT.items():
        if wanted and name not in wanted:
            continue
        css = change(whole)
        if css == whole:
            print(f"| without {name:<36} |      – |     – | (not in the stylesheet) |")
            continue
        seconds, pages = typeset(css)
        print(f"| without {name:<36} | {seconds:6.2f} | {pages!s:>5} | {seconds / full:.2f}× |",
              flush=True)


if __name__ == "__main__":
    main()
