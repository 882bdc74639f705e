"""Provides decode_bytes: turn a file's bytes into text, or explain why not.

Order of attempts, first match wins:

1. A byte-order mark (UTF-32, UTF-8, UTF-16): decode with it, BOM removed.
2. NUL bytes without a BOM: binary, not an article.
3. Strict UTF-8.
4. A charset declared by the caller (an HTML ``<meta charset>``).
5. Windows-1252, if charset-normalizer finds it a plausible reading. It is
   tried before a general guess because charset-normalizer, left to itself,
   often names another single-byte code page for short Western European text
   (cp1250, cp775) and mis-decodes letters such as "è" and curly quotes.
6. charset-normalizer's best guess over all encodings.

After decoding, a text that is mostly control characters is binary, and a
text with nothing but whitespace is empty.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

from charset_normalizer import from_bytes

from workbench.sources import limits
from workbench.sources.errors import SourceProblem

BINARY = "binary file, not an article"
EMPTY = "empty file"
UNDECODABLE = (
    "cannot decode: not UTF-8 and no other text encoding fits; re-save it as UTF-8"
)

# Longest BOMs first: the UTF-32-LE BOM starts with the UTF-16-LE one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "utf-32"),
    (codecs.BOM_UTF8, "utf-8", "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16"),
)

# C0 controls that count towards "mostly control characters". Tab, newline,
# vertical tab, form feed and carriage return are layout, not noise.
_CONTROL_BYTES = bytes(b for b in range(0x20) if b not in b"\t\n\x0b\x0c\r") + b"\x7f"
_NOT_CONTROL = bytes(b for b in range(256) if b not in _CONTROL_BYTES)


@dataclass(frozen=True, slots=True)
class Decoded:
    """A decoded text and the encoding it was read with."""

    text: str
    # Python codec name: "utf-8", "utf-8-sig", "utf-16", "cp1252", ...
    encoding: str
    # True when the encoding was guessed by charset-normalizer.
    guessed: bool = False


def decode_bytes(data: bytes, *, declared: str | None = None) -> Decoded:
    """Decode an article's bytes.

    Args:
        data: The whole file.
        declared: An encoding the content declares for itself (HTML meta
            charset), tried after UTF-8.

    Returns:
        The text, unchanged apart from a removed byte-order mark.

    Raises:
        SourceProblem: empty, binary, or no encoding fits.
    """
    if not data:
        raise SourceProblem(EMPTY)
    decoded = _decode_with_bom(data)
    if decoded is None:
        if b"\x00" in data:
            raise SourceProblem(BINARY)
        decoded = _decode_without_bom(data, declared)
    check_text(decoded.text)
    return decoded


def check_text(text: str) -> None:
    """Raise SourceProblem if ``text`` is empty, is not valid Unicode, or is mostly control characters.

    Decoded bytes are always valid; a JSON string is not when it escapes half of a
    surrogate pair ("\\ud800"), which no database or export could store.
    """
    if not text.strip():
        raise SourceProblem(EMPTY)
    check_unicode(text)
    if control_share(text) > limits.MAX_CONTROL_SHARE:
        raise SourceProblem(BINARY)


def check_unicode(text: str) -> None:
    """Raise SourceProblem if ``text`` holds half of a surrogate pair or a NUL (only a JSON escape, or a
    file with a byte-order mark, can put one there).

    NUL is refused, not replaced: SQLite's ``length()`` and ``substr()`` stop at it (issue 19), and
    a replaced character would make the stored text differ from the source.
    """
    nul = text.find("\x00")
    if nul >= 0:
        raise SourceProblem(f"holds a NUL character (U+0000) at character {nul}, which the database's text"
                            " functions stop at; remove it from the source")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as error:
        raise SourceProblem(
            f"holds half of a surrogate pair ({text[error.start]!a}) at character {error.start}, which is"
            " not a character; fix that escape in the source"
        ) from None


def control_share(text: str) -> float:
    """The share of characters in ``text`` that are C0 controls or DEL."""
    if not text:
        return 0.0
    # Counting bytes of the UTF-8 form is a C-speed pass even for 20 MB; C0
    # controls are one byte each in UTF-8 and no other character uses those bytes.
    encoded = text.encode("utf-8", "surrogatepass")
    controls = len(encoded.translate(None, _NOT_CONTROL))
    return controls / len(text)


def _decode_with_bom(data: bytes) -> Decoded | None:
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data[len(bom) :].decode(codec), name)
            except UnicodeDecodeError:
                raise SourceProblem(
                    f"cannot decode: starts with a {name.upper()} byte-order mark "
                    f"but is not valid {name.upper()}; re-save it as UTF-8"
                ) from None
    return None


def _decode_without_bom(data: bytes, declared: str | None) -> Decoded:
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    if declared:
        try:
            return Decoded(data.decode(declared), codecs.lookup(declared).name)
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong or unknown declaration: fall back to detection
    for isolation in (["cp1252"], None):
        best = from_bytes(data, cp_isolation=isolation).best()
        if best is not None:
            return Decoded(str(best), best.encoding, guessed=True)
    raise SourceProblem(UNDECODABLE)
