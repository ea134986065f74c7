"""Just enough PDF reading to find text reportlab wrote in the STSong-Light CID font
(ASCII85 + Flate streams, UTF-16BE literal strings), since no PDF library is installed."""

import base64
import re
import zlib

ESCAPES = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f"}


def _unescape(literal: bytes) -> bytes:
    out = bytearray()
    i = 0
    while i < len(literal):
        char = literal[i : i + 1]
        if char != b"\\":
            out += char
            i += 1
            continue
        octal = re.match(rb"[0-7]{1,3}", literal[i + 1 : i + 4])
        if octal:
            out.append(int(octal.group(), 8) & 0xFF)
            i += 1 + len(octal.group())
        else:
            nxt = literal[i + 1 : i + 2]
            out += ESCAPES.get(nxt, nxt)
            i += 2
    return bytes(out)


def pdf_text(content: bytes) -> str:
    texts = []
    pattern = rb"/ASCII85Decode /FlateDecode \][^>]*>>\s*stream\r?\n(.*?)~>\s*endstream"
    for match in re.finditer(pattern, content, re.S):
        data = zlib.decompress(base64.a85decode(match.group(1).replace(b"\n", b"")))
        for literal in re.findall(rb"\(((?:\\.|[^\\)])*)\) Tj", data, re.S):
            texts.append(_unescape(literal).decode("utf-16-be", "replace"))
    return "".join(texts)
