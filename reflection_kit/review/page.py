"""The HTML page around the exported review: inline styles, no scripts, no web fonts.

The page reads on a phone and prints on A4:

* every figure sits in its own box (``<div class="rk-figure">``): on a wide screen the
  image shrinks to the column; under 40rem (a phone) it keeps its natural size, so its
  text stays readable, and the box scrolls sideways, never the page;
* every table sits in a box (``<div class="rk-table">``) that scrolls sideways when the
  table is wider than the screen; on a phone a shade at the box's edge shows that more
  columns lie that way (it is covered when there are none: the scrolling-shadows technique,
  CSS only);
* printed, pages are A4, each section (``<h2>``) starts a new page, and no figure, table
  row, summary or quote is cut across two pages.
"""

from __future__ import annotations

import html
import re

__all__ = ["CSS", "boxed", "wrap_page"]

CSS = """
:root { color-scheme: light; }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial,
       sans-serif; max-width: 58rem; margin: 2rem auto; padding: 0 1.25rem; color: #1f2933;
       line-height: 1.55; background: #fbfaf7; }
h1 { font-size: 1.9rem; margin-bottom: .2rem; color: #243b53; }
h2 { font-size: 1.35rem; margin-top: 2.4rem; border-bottom: 1px solid #d9e2ec;
     padding-bottom: .25rem; color: #243b53; }
h3 { font-size: 1.1rem; color: #334e68; }
img { max-width: 100%; height: auto; display: block; }
.rk-figure { margin: .75rem 0; max-width: 100%; }
.rk-table { margin: .75rem 0; max-width: 100%; overflow-x: auto; }
table { border-collapse: collapse; font-size: .92rem; }
th, td { padding: .3rem .6rem; border-bottom: 1px solid #e4e7eb; text-align: left; }
th { background: #f0f4f8; }
mark { background: #fde68a; padding: 0 .1rem; border-radius: 2px; color: inherit; }
mark.rk-weak { background: #fff3b0; }
mark.rk-strong { background: #ffd166; }
mark.rk-lowers { background: #d8f0e0; }
.rk-summary { font-size: 1.08rem; background: #eef6f3; border-left: 4px solid #3b8c75;
              padding: .8rem 1rem; border-radius: 4px; }
.rk-missing { color: #52606d; font-style: italic; }
.rk-note { color: #52606d; font-size: .9rem; }
.rk-quote { border-left: 3px solid #bcccdc; margin: .5rem 0; padding: .2rem .8rem;
            color: #334e68; }
pre { white-space: pre-wrap; }
.anchor-link { display: none; }
footer { margin-top: 3rem; color: #7b8794; font-size: .85rem; }
p, li, h1, h2, h3 { overflow-wrap: break-word; }
td, th { vertical-align: top; }
th { white-space: nowrap; }
@media (max-width: 40rem) {
  body { margin: 1rem auto; padding: 0 .85rem; }
  h1 { font-size: 1.5rem; }
  h2 { font-size: 1.2rem; margin-top: 1.8rem; }
  .rk-figure { overflow-x: auto; overscroll-behavior-x: contain; }
  .rk-figure img { max-width: none; }
  .rk-figure::after { content: "Slide the chart sideways to see all of it."; display: block;
                      color: #52606d; font-size: .8rem; position: sticky; left: 0; }
  table { font-size: .85rem; }
  th, td { padding: .25rem .45rem; }
  .rk-table { background:
      linear-gradient(to right, #fbfaf7 30%, rgba(251, 250, 247, 0)),
      linear-gradient(to left, #fbfaf7 30%, rgba(251, 250, 247, 0)) 100% 0,
      radial-gradient(farthest-side at 0 50%, rgba(36, 59, 83, .28), rgba(36, 59, 83, 0)),
      radial-gradient(farthest-side at 100% 50%, rgba(36, 59, 83, .28), rgba(36, 59, 83, 0))
        100% 0;
    background-repeat: no-repeat; background-size: 2.5rem 100%, 2.5rem 100%, .9rem 100%,
    .9rem 100%; background-attachment: local, local, scroll, scroll; }
}
@page { size: A4; margin: 14mm 13mm 16mm; }
@media print {
  :root { color-scheme: light; }
  body { max-width: none; margin: 0; padding: 0; background: #fff; font-size: 10.5pt; }
  h2 { break-before: page; margin-top: 0; }
  h1, h2, h3 { break-after: avoid; }
  .rk-figure, .rk-table { overflow: visible; }
  .rk-figure img { max-width: 100%; max-height: 240mm; width: auto; }
  .rk-figure::after { content: none; }
  .rk-figure, tr, .rk-summary, .rk-quote, li, p { break-inside: avoid; }
  .rk-table { break-inside: auto; background: none; }
  thead { display: table-header-group; }
  a { color: inherit; }
  footer { margin-top: 1.5rem; }
}
"""

_IMG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
_TABLE = re.compile(r"<table\b.*?</table>", re.IGNORECASE | re.DOTALL)


def boxed(body: str) -> str:
    """``body`` with every image and every (outermost) table in its own box.

    Figures go in ``<div class="rk-figure">`` and tables in ``<div class="rk-table">``,
    the boxes that scroll sideways on a narrow screen and are never cut in print.

    Examples
    --------
    >>> boxed('<table><tr><td>1</td></tr></table><img src="x.png" alt="x">')  # doctest: +ELLIPSIS
    '<div class="rk-table"><table>...</table></div><div class="rk-figure"><img ...></div>'
    """
    body = _TABLE.sub(lambda m: f'<div class="rk-table">{m.group()}</div>', body)
    return _IMG.sub(lambda m: f'<div class="rk-figure">{m.group()}</div>', body)


def wrap_page(body: str, *, title: str) -> str:
    """A complete, self-contained HTML page around an exported notebook body."""
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="referrer" content="no-referrer">\n'
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "img-src data:; style-src 'unsafe-inline'\">\n"
        f"<title>{html.escape(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n"
        f"{boxed(body)}\n<footer>Made with reflection-kit on this computer. It shows what is "
        "in the data and is not a diagnosis. Keep this file private.</footer>\n</body>\n</html>\n"
    )
