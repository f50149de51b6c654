"""Hostile inputs, written at test time into a folder (nothing here is committed as data).

`build(root)` writes every case and returns a `Corpus` saying what each must give: the ids of
the documents that must be stored, and for every bad item the name it must be reported under
(a file, or `file:line` in JSONL) with a pattern its reason must match. Run it by hand to look
at the files: `python -m tests.hostile.generate /tmp/hostile`.

The cases: empty and blank files, invisible-only text, binary files, invalid UTF-8, Latin-1
and mixed encodings, UTF-16, a 50 MB article, a 50 MB JSON line, an article over the text
limit, a 10,000-line JSONL of good, truncated, non-object and otherwise broken lines, HTML
nested 10,000 deep, script and style floods, right-to-left and zero-width characters, absurd
dates and numbers, very long lines, a 1,500-line article, RSS and WARC files (entity
expansion, a NUL, a gzip bomb), file names that are not UTF-8 or that carry terminal escapes,
a symlink loop, a device and a missing path.
"""

from __future__ import annotations

import json
import random
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from watchpost.model import Document

MB = 1 << 20

PLACES = ["Saraqib", "Ariha", "Atarib", "Idlib", "Aleppo", "Marib", "Taiz", "Gao", "Kharkiv", "Nyala"]
ACTORS = [
    ("Rebels", "government troops"),
    ("Government forces", "rebel fighters"),
    ("Militants", "a police convoy"),
    ("Turkish troops", "Syrian army units"),
]
VERBS = ["attacked", "shelled", "ambushed", "bombed"]


def article(k: int) -> str:
    """A short, distinct conflict report."""
    a1, a2 = ACTORS[k % len(ACTORS)]
    place = PLACES[(k // 3) % len(PLACES)]
    return (
        f"Fighting near {place}, report {k}\n\n{a1} {VERBS[k % 4]} {a2} near {place} on Monday, "
        f"killing {k % 9 + 2} people, officials said. Residents counted {k * 7 % 50 + 3} damaged homes "
        f"in quarter {k}."
    )


@dataclass
class Corpus:
    root: Path
    good: set[str] = field(default_factory=set)  # document ids that must be stored
    bad: dict[str, str] = field(default_factory=dict)  # item as reported -> regex its reason must match
    extra_args: list[str] = field(default_factory=list)  # inputs given besides the folder
    texts: dict[str, str] = field(default_factory=dict)  # id -> what the text must (not) contain, see checks
    absent: dict[str, list[str]] = field(default_factory=dict)  # id -> strings its stored text must not hold

    @property
    def args(self) -> list[str]:
        return [str(self.root), *self.extra_args]

    def file(self, name: str | bytes, data: bytes | str, *, good: str | None = None, bad: str | None = None) -> Path:
        """Write one file; `good` is the id it must be stored under, `bad` the reason pattern."""
        path = self.root / (name.decode("utf-8", "surrogateescape") if isinstance(name, bytes) else name)
        path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        if good is not None:
            self.good.add(good)
        if bad is not None:
            self.bad[str(path)] = bad
        return path


def build(root: Path, *, big: int = 50 * MB, jsonl_lines: int = 10_000, seed: int = 1) -> Corpus:
    root.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    c = Corpus(root)
    empties(c)
    binaries(c, rng)
    encodings(c)
    huge(c, big)
    jsonl(c, rng, jsonl_lines)
    html(c)
    unicode_tricks(c)
    absurd(c)
    shapes(c)
    feeds(c)
    names(c)
    return c


def empties(c: Corpus) -> None:
    c.file("empty.txt", b"", bad=r"^empty$")
    c.file("blank.txt", " \n\t\r\n  \n", bad=r"^empty$")
    c.file(
        "invisible.txt",
        "\u200b\u200c\u200d\ufeff\u2060 \u202e\n\u00ad\n",
        bad=r"^empty \(only spaces and invisible characters\)$",
    )
    c.file("empty.jsonl", b"", bad=r"^empty$")
    c.file("empty.html", b"", bad=r"^empty$")


def binaries(c: Corpus, rng: random.Random) -> None:
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(rng.randrange(256) for _ in range(4000))
    c.file("photo.txt", png, bad=r"^binary data")
    c.file("archive.html", b"PK\x03\x04" + bytes(rng.randrange(256) for _ in range(3000)), bad=r"^binary data")
    c.file(
        "late_nul.txt", ("Report\n\n" + "Calm day. " * 800).encode() + b"\x00\x01\x02" + b"tail", bad=r"^binary data"
    )
    noise = bytes(rng.randrange(128, 256) for _ in range(5000))  # high bytes, no NUL: not UTF-8
    c.file("noise.txt", noise, bad=r"^invalid UTF-8 at byte \d+$")


def encodings(c: Corpus) -> None:
    c.file(
        "latin1.txt",
        "Combats à Alep\n\nLes rebelles ont attaqué l'armée près de Saraqib.".encode("latin-1"),
        bad=r"^invalid UTF-8 at byte 8$",
    )
    head = "Clashes in Gao\n\nGunmen attacked a market in Gao on Monday, killing five people. ".encode()
    mixed = head + "Les rebelles ont attaqué le camp.".encode("cp1252")
    c.file("mixed_encoding.txt", mixed, bad=rf"^invalid UTF-8 at byte {len(head) + len('Les rebelles ont attaqu')}$")
    c.file("utf16.txt", b"\xff\xfe" + article(900).encode("utf-16-le"), good="utf16")
    c.file("utf8_bom.txt", b"\xef\xbb\xbf" + article(901).encode(), good="utf8_bom")
    c.file("crlf.txt", article(902).replace("\n", "\r\n"), good="crlf")


def huge(c: Corpus, size: int) -> None:
    """A 50 MB article (skipped by its size, never read), a 50 MB JSON line between two good ones
    (read past in bounded pieces), and a text over the one-article limit."""
    chunk = (article(903).replace("\n", " ") + "\n").encode()
    with (c.root / "huge.txt").open("wb") as f:
        for _ in range(size // len(chunk) + 1):
            f.write(chunk)
    c.bad[str(c.root / "huge.txt")] = r"^file of [\d,]+ bytes is over the 20,000,000-byte limit$"
    path = c.root / "huge_line.jsonl"
    with path.open("wb") as f:
        f.write(json.dumps({"id": "before_huge", "text": article(904)}).encode() + b"\n")
        f.write(b'{"id": "huge", "text": "')
        body = b"Shelling continued. " * (MB // 20)
        for _ in range(size // len(body) + 1):
            f.write(body)
        f.write(b'"}\n')
        f.write(json.dumps({"id": "after_huge", "text": article(905)}).encode() + b"\n")
    c.good |= {"before_huge", "after_huge"}
    c.bad[f"{path}:2"] = r"^line over the 20,000,000-byte limit$"
    long_text = "Too long\n\n" + "The siege went on. " * 60_000  # 1.14 million characters, 1.1 MB: read, then refused
    c.file(
        "too_long.txt",
        long_text,
        bad=r"^text of 1,140,010 characters is over the 1,000,000-character limit for one article$",
    )


def jsonl(c: Corpus, rng: random.Random, n: int) -> None:
    """n lines: good ones, and every kind of broken line, each reported as file:line."""
    path = c.root / "feed.jsonl"
    specials = {
        17: (b"[" * 100_000 + b"\n", r"^invalid JSON \(nested too deeply\)$"),
        29: (b'{"id": ' + b"7" * 5000 + b', "text": "x"}\n', r"^invalid JSON \(a number too long to read\)$"),
        41: (
            b'{"id": "sur", "text": "broken \\ud800 emoji"}\n',
            r"^invalid Unicode in 'text' \(unpaired surrogate at character 7\)$",
        ),
        53: (b'{"id": "nul", "text": "a\\u0000b"}\n', r"^NUL character in 'text' at character 1$"),
        67: (b'{"id": "bad\\udfffid", "text": "Rebels attacked Idlib."}\n', r"^invalid Unicode in 'id'"),
        71: (b'{"id": "dup", "text": 5, "text": "Rebels shelled Ariha."}\n', None),  # the last key wins: good
        83: (b'\xef\xbb\xbf{"id": "bom_line", "text": "Rebels shelled Atarib on Monday."}\n', None),  # a BOM on a line
        97: (b'{"id": "inf", "text": "Rebels attacked Gao.", "published": 1e400}\n', None),  # infinity: not a date
    }
    lines = []
    for lineno in range(1, n + 1):
        if lineno in specials:
            data, reason = specials[lineno]
            lines.append(data)
            if reason is None:
                c.good.add(json.loads(data.decode("utf-8-sig"))["id"])
            else:
                c.bad[f"{path}:{lineno}"] = reason
            continue
        good = {"id": f"j{lineno:05d}", "text": article(lineno), "published": "2020-02-20", "source": "feed"}
        roll = rng.random()
        item = f"{path}:{lineno}"
        if roll < 0.05:
            lines.append(json.dumps(good).encode() + b"\n")
            c.good.add(good["id"])
        elif roll < 0.07:  # odd but readable: absurd dates, fields of the wrong type, CRLF, RTL text
            odd = good | {
                "published": rng.choice(["20201-01-01", "2020-02-30", "0000-00-00", "yesterday", 20200220]),
                "title": rng.choice([None, ["a"], 5, "\u202eevil title"]),
                "url": {"x": 1},
            }
            odd["text"] = rng.choice(
                [odd["text"], "\u202b" + odd["text"] + "\u202c", odd["text"] + " \u200f\u0645\u0642\u062a\u0644"]
            )
            lines.append(json.dumps(odd, ensure_ascii=rng.random() < 0.5).encode() + rng.choice([b"\n", b"\r\n"]))
            c.good.add(good["id"])
        elif roll < 0.35:  # truncated mid-line
            whole = json.dumps(good).encode()
            lines.append(whole[: rng.randrange(1, len(whole) - 1)] + b"\n")
            c.bad[item] = r"^invalid JSON \("
        elif roll < 0.52:  # valid JSON, not an object
            value = rng.choice(
                [
                    "[1, 2, 3]",
                    '"just a string"',
                    "42",
                    "null",
                    "true",
                    "1e400",
                    "-0.5",
                    "NaN",
                    '[{"id": "x", "text": "inside a list"}]',
                ]
            )
            lines.append(value.encode() + b"\n")
            kind = {
                "[": "list",
                '"': "str",
                "4": "int",
                "n": "NoneType",
                "t": "bool",
                "1": "float",
                "-": "float",
                "N": "float",
            }[value[0]]
            c.bad[item] = rf"^a JSON {kind}, not an object$"
        elif roll < 0.68:  # an object without a usable text
            obj = rng.choice(
                [
                    {"id": "x"},
                    {"text": 5},
                    {"text": "   "},
                    {"text": None},
                    {"text": ["a"]},
                    {"text": {"$gt": ""}},
                    {"text": "\u200b\u200b"},
                    {},
                ]
            )
            lines.append(json.dumps(obj).encode() + b"\n")
            c.bad[item] = r"^no 'text' string$"
        elif roll < 0.76:  # bytes that are not UTF-8 inside an otherwise good line
            whole = json.dumps(good).encode()
            cut = whole.index(b"killing")
            lines.append(whole[:cut] + b"\xff\xfe\xc3(" + whole[cut:] + b"\n")
            c.bad[item] = r"^invalid UTF-8 at byte \d+$"
        elif roll < 0.86:  # garbage
            lines.append(
                rng.choice(
                    [
                        b"}{",
                        b"{'id': 'x', 'text': 'single quotes'}",
                        b"text=hello",
                        b'{"id": "x",}',
                        b"\x1b[31mred\x1b[0m",
                        b"<html>",
                        b'{"text": "unterminated',
                    ]
                )
                + b"\n"
            )
            c.bad[item] = r"^invalid JSON \("
        else:  # blank lines are not items: nothing to report
            lines.append(rng.choice([b"\n", b"   \n", b"\t\r\n"]))
    path.write_bytes(b"".join(lines))


def html(c: Corpus) -> None:
    body = (
        "<p>Rebels attacked government troops near Saraqib on Monday, killing four soldiers, officials said.</p>"
        "<p>Turkish forces shelled positions near Ariha in response, a monitoring group reported.</p>"
        "<p>Residents fled north towards the border as the fighting spread to nearby villages.</p>"
    )
    page = "<html><head><title>{title}</title>{head}</head><body>{body}</body></html>"
    c.file(
        "deep_nesting.html",
        "<html><body>" + "<div>" * 10_000 + body + "</div>" * 10_000 + "</body></html>",
        bad=r"^no article text found in HTML$",
    )
    c.file(
        "deep_unclosed.html",
        "<html><body>" + "<b><i><span>" * 10_000 + body + "</body></html>",
        bad=r"^no article text found in HTML$",
    )
    flood_head = "<script>var a = 1; function f() { return '<p>not text</p>'; }</script>" * 15_000
    flood_head += "<style>body { color: red } p::before { content: 'STYLEFLOOD' }</style>" * 15_000
    c.file(
        "script_flood.html",
        page.format(
            title="Clashes near Saraqib",
            head=flood_head,
            body="<article>" + body + "</article>" + "<script>document.write('SCRIPTFLOOD')</script>" * 5_000,
        ),
        good="script_flood",
    )
    c.absent["script_flood"] = ["function", "STYLEFLOOD", "SCRIPTFLOOD", "color: red"]
    c.file(
        "script_only.html",
        page.format(
            title="", head="<script>var x = 'SCRIPTFLOOD';</script>" * 20_000, body="<style>p { }</style>" * 5_000
        ),
        bad=r"^no article text found in HTML$",
    )
    bomb = (
        '<?xml version="1.0"?><!DOCTYPE html [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
        '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">'
        '<!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;"><!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">'
        '<!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;"><!ENTITY h "&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;">]>'
    )
    c.file(
        "entity_bomb.html",
        bomb + page.format(title="Laughs", head="", body="<article>" + body + "<p>&h;</p></article>"),
        good="entity_bomb",
    )
    c.absent["entity_bomb"] = ["aaaaaaaaaaaaaaaaaaaa"]


def unicode_tricks(c: Corpus) -> None:
    """Right-to-left text, bidi overrides, zero-width characters, combining marks, emoji sequences."""
    text = (
        "\u202eFighting near Saraqib\u202c\n\n"
        "\u0642\u0627\u0644 \u0645\u0633\u0624\u0648\u0644\u0648\u0646 \u0625\u0646 \u0627\u0644\u0642\u0635\u0641 "
        "\u0627\u0633\u062a\u0645\u0631. \u05d4\u05e6\u05d1\u05d0 \u05d4\u05d5\u05d3\u05d9\u05e2.\n"
        "Re\u200bbels atta\u200dcked govern\u200cment troops near Sara\u2060qib on Monday, killing four people.\n"
        "\u200f\u202bRebels shelled Ariha on Tuesday, killing two civilians.\u202c\u200e "
        "Z\u0351\u0352a\u0353l\u0354g\u0355o\u0356 text and \U0001f468\u200d\U0001f469\u200d\U0001f467 emoji.\n"
        "\ufeffGovernment forces bombed Atarib on Wednesday, killing three fighters, officials said.\n"
    )
    c.file("rtl_zero_width.txt", text, good="rtl_zero_width")
    c.texts["rtl_zero_width"] = text


def absurd(c: Corpus) -> None:
    text = (
        "Absurd dates and numbers\n\n"
        "In the year 20201, rebels attacked government troops near Saraqib, killing 1e400 soldiers.\n"
        "On 31 February 2020 government forces shelled Ariha, killing NaN people.\n"
        "On 2020-13-45 militants ambushed a convoy near Atarib, killing 99999999999999999999999999999 people.\n"
        "On 9999-12-31 rebels attacked an army post near Idlib; 10^400 people were killed.\n"
        "On 1 January 99999 rebels attacked troops near Aleppo, killing 1,000,000,000,000,000,000,000 people.\n"
        "In 0000 AD Turkish troops shelled Taiz, and -5 people were killed and inf were injured.\n"
        "Some 1e308 people were displaced from Marib by shelling on 12/40/2020 at 25:61.\n"
    )
    c.file("absurd.txt", text, good="absurd")


def shapes(c: Corpus) -> None:
    """Text whose shape is hostile: one very long line, a very long list of short lines."""
    sentences = [
        f"Rebels shelled the village of Kafr {k % 97} on Monday, and residents fled north." for k in range(500)
    ]
    c.file(
        "long_line.txt", "One long paragraph\n\n" + " ".join(sentences) + "\n", good="long_line"
    )  # 40 KB on one line
    lines = [f"Item {k}: {PLACES[k % len(PLACES)]} market open, prices {k % 13} percent up." for k in range(1500)]
    c.file("many_lines.txt", "A very long list\n\n" + "\n".join(lines) + "\n", good="many_lines")
    c.file("no_spaces.txt", "Title\n\n" + "x" * 300_000 + "\n", good="no_spaces")


def feeds(c: Corpus) -> None:
    """RSS and web archives: entity expansion, a NUL in an item, an item over the text limit,
    a file that is no feed, random bytes as a WARC, a gzip bomb."""
    import gzip

    from watchpost.read import read_inputs

    entities = "".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(8))
    laughs = c.file(
        "laughs.rss",
        f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "LAUGHLAUGH">{entities}]>'
        '<rss version="2.0"><channel><title>T</title><item><guid>laughs-1</guid><title>Rebels attacked Saraqib'
        "</title><description>Rebels attacked troops near Saraqib on Monday. &i;</description></item></channel></rss>",
    )
    for doc in read_inputs([str(laughs)]):  # the id is a hash of the item: take it from the reader
        assert isinstance(doc, Document), doc
        c.good.add(doc.id)
        c.absent[doc.id] = ["LAUGHLAUGH" * 3]  # entities are never expanded
    item = "<item><title>{title}</title><description>{body}</description></item>"
    c.file(
        "nul.rss",
        (
            '<rss version="2.0"><channel><title>T</title>'
            + item.format(title="Rebels\x00attacked", body="Troops fled.")
            + "</channel></rss>"
        ).encode(),
    )
    c.bad[f"{c.root / 'nul.rss'}:1"] = r"^NUL character in '(text|title)'"
    c.file(
        "big_item.rss",
        '<rss version="2.0"><channel><title>T</title>'
        + item.format(title="Big", body="Rebels shelled the town. " * 60_000)
        + "</channel></rss>",
    )
    c.bad[f"{c.root / 'big_item.rss'}:1"] = r"^text of [\d,]+ characters is over the 1,000,000-character limit"
    c.file("not_a_feed.rss", "just some words, not XML", bad=r"^not an RSS/Atom feed")
    c.file("noise.warc", bytes(range(256)) * 20, bad=r"^not a readable WARC file")
    body = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n"
    size = 60 * MB
    head = (
        f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: http://example.org/bomb\r\n"
        f"WARC-Date: 2020-01-01T00:00:00Z\r\nWARC-Record-ID: <urn:uuid:0>\r\n"
        f"Content-Type: application/http; msgtype=response\r\nContent-Length: {len(body) + 3 + size}\r\n\r\n"
    ).encode()
    with gzip.open(c.root / "bomb.warc.gz", "wb", compresslevel=9) as g:  # 60 MB of page in ~60 KB
        g.write(head + body + b"<p>")
        for _ in range(size // MB):
            g.write(b"a" * MB)
        g.write(b"\r\n\r\n")
    c.bad[f"{c.root / 'bomb.warc.gz'}@0"] = r"page larger than"


def names(c: Corpus) -> None:
    """File names that are not UTF-8, carry terminal escapes or newlines; a symlink loop; a device;
    a path that does not exist."""
    from watchpost.read import valid_unicode

    weird = c.file(b"not_utf8_\xff\xfe.txt", article(906))
    c.good.add(valid_unicode(weird.stem))
    c.file("esc_\x1b[31mred\x1b[0m.txt", b"\x00\x01binary", bad=r"^binary data")
    c.file("new\nline.txt", article(907), good="new\nline")
    c.file(b"bad_name_\xff.bin", b"\x00\x00\x00", bad=r"^binary data")
    (c.root / "loop").mkdir()
    (c.root / "loop" / "back").symlink_to(c.root, target_is_directory=True)
    c.file("loop/inside.txt", article(908), good="inside")
    c.extra_args += ["/dev/zero", str(c.root / "no_such_file.txt")]
    c.bad["/dev/zero"] = r"^not a regular file$"
    c.bad[str(c.root / "no_such_file.txt")] = r"^no such file or directory$"


def reported_items(stderr: str) -> dict[str, str]:
    """{item: reason} from the `skipped ITEM: REASON` lines of a run (names as printed)."""
    out = {}
    for line in stderr.splitlines():
        m = re.match(r"^skipped (.*?): (.*)$", line)
        if m:
            assert m.group(1) not in out, f"reported twice: {line}"
            out[m.group(1)] = m.group(2)
    return out


if __name__ == "__main__":
    corpus = build(Path(sys.argv[1]))
    print(f"{len(corpus.good)} good documents, {len(corpus.bad)} bad items under {corpus.root}")
