"""The HTML page around the exported review: inline styles, no scripts, no web fonts."""

from __future__ import annotations

import html

__all__ = ["CSS", "wrap_page"]

CSS = """
:root { color-scheme: light; }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial,
       sans-serif; max-width: 58rem; margin: 2rem auto; padding: 0 1.25rem; color: #1f2933;
       line-height: 1.55; background: #fbfaf7; }
h1 { font-size: 1.9rem; margin-bottom: .2rem; color: #243b53; }
h2 { font-size: 1.35rem; margin-top: 2.4rem; border-bottom: 1px solid #d9e2ec;
     padding-bottom: .25rem; color: #243b53; }
h3 { font-size: 1.1rem; color: #334e68; }
img { max-width: 100%; height: auto; display: block; margin: .75rem 0; }
table { border-collapse: collapse; margin: .75rem 0; font-size: .92rem; }
th, td { padding: .3rem .6rem; border-bottom: 1px solid #e4e7eb; text-align: left; }
th { background: #f0f4f8; }
mark { background: #fde68a; padding: 0 .1rem; border-radius: 2px; }
.rk-summary { font-size: 1.08rem; background: #eef6f3; border-left: 4px solid #3b8c75;
              padding: .8rem 1rem; border-radius: 4px; }
.rk-missing { color: #52606d; font-style: italic; }
.rk-note { color: #52606d; font-size: .9rem; }
.rk-quote { border-left: 3px solid #bcccdc; margin: .5rem 0; padding: .2rem .8rem;
            color: #334e68; }
pre { white-space: pre-wrap; }
.anchor-link { display: none; }
footer { margin-top: 3rem; color: #7b8794; font-size: .85rem; }
"""


def wrap_page(body: str, *, title: str) -> str:
    """A complete, self-contained HTML page around an exported notebook body."""
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="referrer" content="no-referrer">\n'
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "img-src data:; style-src 'unsafe-inline'\">\n"
        f"<title>{html.escape(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n"
        f"{body}\n<footer>Made with reflection-kit on this computer. It shows what is in the "
        "data and is not a diagnosis. Keep this file private.</footer>\n</body>\n</html>\n"
    )
