"""Provides the recipe for the small committed fixtures in tests/badinput/.

The fixtures are committed so a reviewer can open them; this script records
exactly which bytes each holds and regenerates them:

    .venv/bin/python tests/badinput/make_small.py
"""

from __future__ import annotations

import codecs
import json
from pathlib import Path

HERE = Path(__file__).parent

# Sixty script/style pairs: the page is mostly code, with a short article in it.
_SCRIPTS = "".join(
    f"<script>var tracker{i} = 'SCRIPT_SECRET_{i}'; function f{i}(){{return {i};}}</script>"
    f"<style>.c{i}{{color:red}} /* STYLE_SECRET_{i} */</style>"
    for i in range(60)
)
_TRAM_ARTICLE = (
    "<article><h1>Tram line opens after delays</h1>"
    "<p>The new tram line opened on Saturday, two years later than planned,"
    " the regional transport authority said.</p>"
    "<script>document.write('INLINE_SCRIPT_SECRET')</script>"
    "<style>p.x{display:none} /* INLINE_STYLE_SECRET */</style>"
    "<p>\u201cThis is a good day for commuters,\u201d said Transport Minister Ana Ruiz"
    " at the opening ceremony in the city centre.</p>"
    "<p>A report released Tuesday found the project ran 30% over budget,"
    " according to the auditor.</p></article>"
)
_JSONL_LINES = [
    json.dumps(
        {
            "id": "r1",
            "title": "Water rates frozen",
            "text": "Water rates frozen\n\nThe utility said rates would not rise this year.",
            "author": ["Li Wei", "Sam Ode"],
            "published": "2024-05-01",
            "url": "https://example.org/r1",
        }
    ),
    json.dumps(
        {
            "id": 2,
            "text": "Library hours extended\n\nThe library will open on Sundays, the council said.",
            "date": "2024-05-02",
        }
    ),
    '{"id": "r3", "title": "Truncated record", "text": "This line was cut off',
    "",
    json.dumps(
        {
            "id": "r4",
            "title": "School meals expanded",
            "body": "Free school meals will reach 20,000 more pupils, officials said.",
            "outlet": "Valley Courier",
        }
    ),
    '["not", "an", "object"]',
    json.dumps({"id": "r6", "title": "No text at all"}),
]

FIXTURES: dict[str, bytes | str] = {
    "binary.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00\x00\x00\x01\x00"
    b"\x08\x06\x00\x00\x00\\r\xa8f\x00\x00\x00\x04gAMA",
    "control-heavy.txt": bytes([*range(1, 9), *range(14, 32)]) * 8 + b"hi\n",
    "empty.txt": b"",
    "whitespace-only.md": b"  \n\t\r\n   \n\n",
    # Bytes 0x80-0xFF in order: not UTF-8, and no code page reads them as text.
    "invalid-utf8.txt": b"Breaking news\n" + bytes(range(128, 256)) * 2 + b"\n",
    "utf16-bom.txt": codecs.BOM_UTF16_LE
    + (
        "Caf\u00e9 owners protest new tax\r\n\r\n\u201cWe cannot pay this,\u201d said"
        " Marie Dubois, who runs a caf\u00e9 on the square.\r\n"
    ).encode("utf-16-le"),
    "utf8-bom.txt": codecs.BOM_UTF8
    + b"Harbour ferry fares to rise\n\nFares will rise 5% in June, the operator said.\n",
    "latin1.txt": (
        "Le maire promet une nouvelle biblioth\u00e8que\n\n\u00ab Nous sommes pr\u00eats"
        " \u00bb, a d\u00e9clar\u00e9 le maire de la ville, selon qui les travaux"
        " d\u00e9buteront \u00e0 l'\u00e9t\u00e9. Die Br\u00fccke \u00fcber den"
        " Flu\u00df bleibt ge\u00f6ffnet.\n"
    ).encode("latin-1"),
    "cp1252-quotes.txt": (
        "Minister defends \u20ac40m budget\n\n\u201cWe will not back down,\u201d the"
        " minister said \u2014 aides called the plan \u2018final\u2019\u2026 It costs"
        " \u20ac40 million.\n"
    ).encode("cp1252"),
    "crlf.txt": b"Council delays vote\r\n\r\nThe council said on Monday it would delay"
    b' the vote.\r\n"We need more time," a spokesperson said.\r\n',
    "json-not-object.json": b'"An article given as a bare JSON string"\n',
    "json-list-mixed.json": json.dumps(
        [
            {
                "id": "a1",
                "title": "Port strike ends",
                "text": "Port strike ends\n\nDock workers returned on Friday, the union said.",
            },
            42,
            {"title": "No body here"},
        ],
        indent=2,
    ),
    "json-missing-text.json": json.dumps(
        {
            "id": 7,
            "title": "Bridge reopens",
            "url": "https://example.org/bridge",
            "author": "Ana Ruiz",
        },
        indent=2,
    ),
    "json-invalid.json": b'{"title": "Trailing comma", "text": "Body.",}\n',
    "jsonl-one-bad-line.jsonl": "\n".join(_JSONL_LINES) + "\n",
    "utf16-bom.jsonl": codecs.BOM_UTF16_LE + '{"text": "x"}\n'.encode("utf-16-le"),
    "markup-ansi.txt": (
        "[bold]Not bold[/bold] and [red]not red[/] headline\n\nThe ministry said"
        " \x1b[31mred alert\x1b[0m was \x1b[1mover\x1b[0m. [link=https://example.org]"
        "click[/link] and [/] and \\[escaped] and $variable and {braces} and"
        ' <b>tag</b>.\n"An unbalanced quote, the spokesman said.\n'
    ),
    "sql-looking.txt": (
        "Robert'); DROP TABLE articles;-- named as suspect\n\nPolice said the suspect,"
        " who calls himself Robert'); DROP TABLE articles;--, was released."
        ' "SELECT * FROM claims WHERE 1=1; --" was painted on the wall, officials'
        " said. 100% of O'Brien's votes were counted.\n"
    ),
    "rtl-cjk.txt": (
        "\u0648\u0632\u064a\u0631 \u0627\u0644\u0646\u0642\u0644 \u064a\u0639\u0644\u0646"
        " \u062e\u0637\u0629 \u062c\u062f\u064a\u062f\u0629\n\n\u0642\u0627\u0644"
        " \u0627\u0644\u0648\u0632\u064a\u0631 \u0625\u0646 \u0627\u0644\u062c\u0633\u0631"
        " \u0633\u064a\u0641\u062a\u062d \u0641\u064a \u0645\u0627\u064a\u0648.\n"
        "\u05e8\u05d0\u05e9 \u05d4\u05e2\u05d9\u05e8 \u05d0\u05de\u05e8 \u05db\u05d9"
        " \u05d4\u05d2\u05e9\u05e8 \u05d9\u05d9\u05e4\u05ea\u05d7 \u05d1\u05de\u05d0\u05d9.\n"
        "\u6771\u4eac\u90fd\u306e\u77e5\u4e8b\u306f\u300c\u6765\u6708\u767a\u8868\u3059"
        "\u308b\u300d\u3068\u8ff0\u3079\u305f\u3002\u5e02\u957f\u8868\u793a\uff0c\u5927"
        "\u6865\u5c06\u4e8e\u4e94\u6708\u5f00\u901a\u3002\n"
    ),
    "zero-width-control.txt": (
        "Zero\u200bwidth\u200d head\u2060line\n\nThe mayor\u200b said\u00a0the vote was"
        " \u202eoverridden\u202c today.\x07 A bell\x08 and a form feed\x0c and DEL\x7f"
        " stay, officials said.\ufeff\n"
    ),
    "deeply-nested.html": "<!DOCTYPE html><html><head><title>Nested</title></head><body>"
    + "<div>" * 5000
    + "<p>The council said the budget was approved after a long debate that lasted"
    " well into the night.</p>"
    + "</div>" * 5000
    + "</body></html>\n",
    "script-style-heavy.html": "<!DOCTYPE html><html><head><title>Tram line opens after"
    f" delays</title>{_SCRIPTS}</head><body><nav>NAV_SECRET Home | News</nav>{_SCRIPTS}"
    f"{_TRAM_ARTICLE}<noscript>NOSCRIPT_SECRET</noscript>{_SCRIPTS}</body></html>\n",
    "scripts-only.html": f"<!DOCTYPE html><html><head>{_SCRIPTS}</head><body>{_SCRIPTS}"
    "</body></html>\n",
    "notes.xyz": "Some notes that are not an article.\n",
}


def write_all(folder: Path = HERE) -> None:
    """Write every fixture into ``folder``."""
    for name, content in FIXTURES.items():
        data = content.encode("utf-8") if isinstance(content, str) else content
        (folder / name).write_bytes(data)


if __name__ == "__main__":
    write_all()
