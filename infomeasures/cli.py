"""The ``infomeasures`` command line: one subcommand per measure.

Numbers on the command line are a distribution (or event probabilities, or a
joint table given row by row); a file name (``-`` for stdin, ``.gz`` read
transparently) holds observations in named CSV/TSV columns, read in chunks
into one :class:`~infomeasures.samples.Counts`, so memory does not grow with
the file.  Bad input exits with status 2 and one line on stderr.
"""

from __future__ import annotations

import argparse
import codecs
import csv
import ctypes
import gzip
import io
import json
import math
import re
import sys
import warnings
import zlib
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from . import __version__, samples
from . import _measures as dist
from . import _validation as v

_CHUNK_BYTES = 1 << 20  # a file is parsed 1 MB at a time


class _InputError(Exception):
    """Bad input: reported as one line on stderr, exit status 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # one line, no usage dump
        raise _InputError(f"{message} (see '{self.prog} --help')")


# ------------------------------------------------------------------ subcommands


@dataclass(frozen=True)
class _Command:
    """One subcommand: what it computes and which inputs and options it takes."""

    name: str
    summary: str
    examples: tuple[str, ...]
    measure: Callable  # on numbers: a function of infomeasures' distribution measures
    numbers: str  # what numbers on the line are: "events", "distribution", "table" or "pair"
    sample_measure: Callable | None = None  # on a file's columns: a samples function
    columns: tuple[str, ...] = ()  # ("column",): --column, repeatable; else --x, --y, ...
    estimator: bool = False  # takes --estimator
    options: tuple[str, ...] = ()  # extra flags, e.g. ("distance",)

    @property
    def takes_pq(self) -> bool:
        return self.numbers == "pair"

    @property
    def takes_table(self) -> bool:
        return self.numbers == "table"

    @property
    def takes_files(self) -> bool:
        return self.sample_measure is not None


_COMMANDS = {
    c.name: c
    for c in (
        _Command(
            "self-info",
            "surprisal -log p of each event probability",
            ("infomeasures self-info 0.5 0.25 0.001",),
            dist.self_information,
            "events",
        ),
        _Command(
            "entropy",
            "entropy H(X) of a distribution, counts, or a column of observations",
            (
                "infomeasures entropy 0.1 0.9",
                "infomeasures entropy --counts 30 10",
                "infomeasures entropy data.csv --column label --estimator miller-madow",
            ),
            dist.entropy,
            "distribution",
            samples.entropy,
            ("column",),
            estimator=True,
        ),
        _Command(
            "joint-entropy",
            "joint entropy H(X, Y, ...) of a joint table or of columns of observations",
            (
                "infomeasures joint-entropy --row 0.25 0.25 --row 0.5 0",
                "infomeasures joint-entropy data.csv --column a --column b",
            ),
            dist.joint_entropy,
            "table",
            samples.joint_entropy,
            ("column",),
            estimator=True,
        ),
        _Command(
            "cond-entropy",
            "conditional entropy H(X | Y) of a table pxy[x, y] or of two columns",
            (
                "infomeasures cond-entropy --row 0.25 0.25 --row 0.5 0",
                "infomeasures cond-entropy data.csv --x colA --y colB",
            ),
            dist.conditional_entropy,
            "table",
            samples.conditional_entropy,
            ("x", "y"),
            estimator=True,
        ),
        _Command(
            "mi",
            "mutual information I(X; Y) of a table pxy[x, y] or of two columns",
            (
                "infomeasures mi --row 0.5 0 --row 0 0.5",
                "infomeasures mi data.csv --x colA --y colB --estimator miller-madow",
                "infomeasures mi data.csv --x colA --y colB --test --seed 0",
                "infomeasures mi data.csv --x height --y weight --estimator ksg",
                "cat data.csv | infomeasures mi - --x colA --y colB --json",
            ),
            dist.mutual_information,
            "table",
            samples.mutual_information,
            ("x", "y"),
            estimator=True,
            options=("test",),
        ),
        _Command(
            "cmi",
            "conditional mutual information I(X; Y | Z) of a 3-D table or of three columns",
            (
                "infomeasures cmi --table pxyz.txt --shape 2 2 2",
                "infomeasures cmi data.csv --x a --y b --z c",
                "infomeasures cmi data.csv --x a --y b --z c --test --method g-test",
            ),
            dist.conditional_mutual_information,
            "table",
            samples.conditional_mutual_information,
            ("x", "y", "z"),
            estimator=True,
            options=("test",),
        ),
        _Command(
            "cross-entropy",
            "cross-entropy H(P, Q) of two distributions, or of the samples in two columns",
            (
                "infomeasures cross-entropy --p 1 0 0 --q 0.6 0.3 0.1",
                "infomeasures cross-entropy data.csv --x before --y after --estimator knn",
            ),
            dist.cross_entropy,
            "pair",
            samples.cross_entropy,
            ("x", "y"),
            estimator=True,
        ),
        _Command(
            "kl",
            "Kullback-Leibler divergence D(P || Q)",
            (
                "infomeasures kl --p 0.5 0.5 --q 0.9 0.1 --base e",
                "infomeasures kl data.csv --x before --y after --estimator knn",
            ),
            dist.kl_divergence,
            "pair",
            samples.kl_divergence,
            ("x", "y"),
            estimator=True,
        ),
        _Command(
            "js",
            "Jensen-Shannon divergence (--distance: its square root, a metric)",
            (
                "infomeasures js --p 0.5 0.5 --q 0.9 0.1",
                "infomeasures js --p 1 0 --q 0 1 --distance",
            ),
            dist.js_divergence,
            "pair",
            samples.js_divergence,
            ("x", "y"),
            options=("distance",),
        ),
    )
}


def _base(text: str) -> float:
    if text.strip().lower() == "e":
        return math.e
    try:
        base = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected 2, e, 10 or a number, got {text!r}") from None
    if not (math.isfinite(base) and base > 0 and base != 1):
        raise argparse.ArgumentTypeError(f"must be positive and not 1, got {text!r}")
    return base


def _separator_arg(text: str) -> str:
    sep = "\t" if text in ("\\t", "tab") else text
    if len(sep) != 1 or sep in '"\r\n' or not sep.isascii():
        raise argparse.ArgumentTypeError(
            f"must be one ASCII character other than a quote or newline (or 'tab'), got {text!r}"
        )
    return sep


def _encoding_arg(text: str) -> str:
    try:
        return codecs.lookup(text).name
    except LookupError:
        raise argparse.ArgumentTypeError(
            f"unknown encoding {text!r} (e.g. utf-8, latin-1, cp1252, utf-16)"
        ) from None


_UNITS = {2.0: ("bit", "bits"), math.e: ("nat", "nats"), 10.0: ("hartley", "hartleys")}


def _unit(base: float) -> str:
    """Return the unit's name, as ``--json`` reports it."""
    return _UNITS.get(base, (None, f"log-base-{base:g} units"))[1]


def _with_unit(text: str, base: float) -> str:
    """Return a printed value and its unit, singular for exactly one ("1 bit")."""
    singular, plural = _UNITS.get(base, (f"log-base-{base:g} unit", f"log-base-{base:g} units"))
    return f"{text} {singular if text in ('1', '-1') else plural}"


def _add_file_options(p: argparse.ArgumentParser, cmd: _Command) -> None:
    if cmd.columns == ("column",):
        p.add_argument(
            "--column",
            action="append",
            metavar="NAME",
            help="column of the file to use (repeat for several variables)",
        )
    else:
        for col in cmd.columns:
            p.add_argument(f"--{col}", metavar="NAME", help=f"column holding {col.upper()}")
    p.add_argument(
        "--sep",
        type=_separator_arg,
        help="field separator, one character or 'tab' (default: by extension, ',' or tab)",
    )
    p.add_argument(
        "--encoding",
        type=_encoding_arg,
        default="utf-8",
        help="text encoding of the file (default: utf-8)",
    )
    p.add_argument(
        "--no-header",
        action="store_true",
        help="the file has no header line; name columns 1, 2, ...",
    )
    p.add_argument(
        "--nan-policy",
        choices=v.NAN_POLICIES,
        default="raise",
        help="empty fields: report them (default) or drop those rows",
    )


def _continuous_choices(cmd: _Command) -> tuple[str, ...]:
    names = samples._estimator_names(cmd.sample_measure.__name__)
    return tuple(e for e in names if e in samples._CONTINUOUS_ESTIMATORS)


def _build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="infomeasures",
        description="Information measures of distributions and of observations in files.",
        epilog="example: infomeasures entropy 0.1 0.9  ->  0.468996 bits\n"
        "Run 'infomeasures <measure> --help' for each measure's inputs.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"infomeasures {__version__}")
    sub = parser.add_subparsers(dest="measure", metavar="<measure>", parser_class=_Parser)
    for cmd in _COMMANDS.values():
        p = sub.add_parser(
            cmd.name,
            help=cmd.summary,
            description=cmd.summary + ".",
            epilog="examples:\n  " + "\n  ".join(cmd.examples),
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        if cmd.takes_pq:
            p.add_argument(
                "source", nargs="?", help="CSV/TSV file of observations (gzip too), - for stdin"
            )
            p.add_argument("--p", nargs="+", metavar="P", help="first distribution")
            p.add_argument("--q", nargs="+", metavar="Q", help="second distribution")
        else:
            p.add_argument(
                "values",
                nargs="*",
                metavar="NUMBER|FILE",
                help="probabilities, or one CSV/TSV file of observations (gzip too; - for stdin)",
            )
        if cmd.takes_table:
            p.add_argument(
                "--row",
                action="append",
                nargs="+",
                metavar="P",
                help="one row of the joint table (repeat for each row)",
            )
            p.add_argument("--table", metavar="FILE", help="joint table as a text file of numbers")
            p.add_argument("--shape", nargs="+", type=int, help="reshape the table (for cmi)")
        if cmd.numbers != "events":
            p.add_argument(
                "--counts",
                action="store_true",
                help="numbers are counts or weights: rescale them to sum to 1",
            )
        if cmd.takes_files:
            _add_file_options(p, cmd)
        if cmd.estimator:
            p.add_argument(
                "--estimator",
                choices=samples._estimator_names(cmd.sample_measure.__name__),
                default="plugin",
                help="estimator for observations and counts (default: plugin); "
                f"{', '.join(_continuous_choices(cmd))} read the columns as numbers "
                "(measurements) and keep them in memory, O(n): neighbour and Gaussian "
                "estimators need every point, where the count estimators keep only counts",
            )
        if "test" in cmd.options:
            p.add_argument(
                "--test",
                action="store_true",
                help="also test independence (given --z for cmi) and print the p-value",
            )
            p.add_argument(
                "--method",
                choices=("permutation", "g-test"),
                default="permutation",
                help="permutation test (default; any estimator) or G-test (plugin, counts)",
            )
            p.add_argument(
                "--n-resamples",
                type=int,
                default=9999,
                metavar="B",
                help="resamples of the permutation test (default: 9999)",
            )
            p.add_argument(
                "--seed", type=int, help="seed of the permutations (default: unpredictable)"
            )
        if "distance" in cmd.options:
            p.add_argument("--distance", action="store_true", help="print the JS distance")
        p.add_argument("--base", type=_base, default=2.0, help="2 (default), e, 10 or a number")
        p.add_argument("--json", action="store_true", help="print a JSON object")
        p.add_argument("--precision", type=int, default=6, help="significant digits (default: 6)")
    return parser


# ------------------------------------------------------------------ reading files


class _Progress:
    """A progress line on stderr, only when stderr is a terminal."""

    def __init__(self, name: str, total: int | None):
        self.on = sys.stderr.isatty()
        self.name, self.total = name, total

    def update(self, done: int, rows: int) -> None:
        if not self.on:
            return
        pct = f"{100 * done / self.total:3.0f}% " if self.total else ""
        sys.stderr.write(f"\rreading {self.name}: {pct}{rows:,} rows")
        sys.stderr.flush()

    def close(self) -> None:
        if self.on:
            sys.stderr.write("\n")


class _Source:
    """A file (or stdin) as a stream of UTF-8 byte blocks that end at a line end.

    gzip is recognised by its magic bytes, whatever the name.  A UTF-8 byte
    order mark is dropped; other encodings are decoded by Python's codecs and
    re-encoded as UTF-8, so one parser serves them all.
    """

    def __init__(self, source: str, encoding: str):
        self.name = "stdin" if source == "-" else repr(source)
        self.encoding = encoding
        if source == "-":
            raw, self.size = getattr(sys.stdin, "buffer", None), None
            if raw is None:
                raise _InputError("stdin is closed; give a file name instead of -")
        else:
            try:
                raw = open(source, "rb")  # closed by close()
            except OSError as exc:
                raise _InputError(f"cannot open {source!r}: {exc.strerror}") from None
            self.size = _file_size(raw)
        self._raw = raw
        self._own = source != "-"
        stream = raw
        try:
            if raw.peek(2)[:2] == b"\x1f\x8b":
                stream = gzip.GzipFile(fileobj=raw, mode="rb")
        except OSError as exc:  # e.g. a directory opened on some systems
            self.close()
            raise _InputError(f"cannot read {source!r}: {exc.strerror or exc}") from None
        self._utf8 = encoding in ("utf-8", "utf-8-sig")
        self._stream = (
            stream if self._utf8 else io.TextIOWrapper(stream, encoding=encoding, newline="")
        )
        self._first = True

    def progress(self) -> int:
        try:
            return self._raw.tell() if self.size else 0
        except OSError:
            return 0

    def read(self, n: int) -> bytes:
        """Up to `n` bytes (b"" at the end), as UTF-8."""
        try:
            block = self._stream.read(n)
        except UnicodeDecodeError as exc:
            raise _InputError(v.cli_not_text(self.name, self.encoding, None, exc)) from None
        except (gzip.BadGzipFile, EOFError, zlib.error) as exc:
            raise _InputError(v.cli_bad_gzip(self.name, exc)) from None
        except OSError as exc:
            raise _InputError(f"cannot read {self.name}: {exc.strerror or exc}") from None
        if not self._utf8:
            block = block.encode("utf-8")
        if self._first:
            self._first = False
            block = block.removeprefix(codecs.BOM_UTF8)
        return block

    def blocks(self, size: int):
        """Blocks of whole lines (the last one may lack its newline)."""
        parts = []  # an unfinished line, kept in pieces: a long line costs no re-copying
        while True:
            block = self.read(size)
            if not block:
                if any(parts):
                    yield b"".join(parts) + b"\n"
                return
            cut = block.rfind(b"\n") + 1
            if not cut:
                parts.append(block)
                continue
            parts.append(block[:cut])
            yield b"".join(parts)
            parts = [block[cut:]]

    def close(self) -> None:
        if self._own:
            self._raw.close()


def _file_size(f) -> int | None:
    try:
        f.seek(0, io.SEEK_END)
        size = f.tell()
        f.seek(0)
    except OSError:
        return None
    return size or None


def _separator(source: str, sep: str | None) -> str:
    if sep is not None:
        return sep
    name = source.lower().removesuffix(".gz")
    return "\t" if name.endswith((".tsv", ".tab")) else ","


class _Lines:
    """The lines of one block: where each starts and ends (without its line ending).

    Blank lines are dropped, and the file line number of each line is kept.
    """

    def __init__(self, buf: np.ndarray, first_line: int):
        newlines = np.flatnonzero(buf == 10)
        self.newlines = newlines.size  # blank ones too: the lines the block moves on
        starts = np.empty_like(newlines)
        starts[:1] = 0
        starts[1:] = newlines[:-1] + 1
        ends = newlines
        if buf.size and (buf == 13).any():  # CRLF endings: the CR is not part of a field
            ends = newlines - ((newlines > starts) & (buf[newlines - 1] == 13))
        blank = ends == starts
        # A blank line is no observation but still a line: later line numbers stay true.
        self.kept = np.flatnonzero(~blank) if blank.any() else None
        if self.kept is not None:
            starts, ends = starts[self.kept], ends[self.kept]
        self.starts, self.ends, self.first_line = starts, ends, first_line

    def __len__(self) -> int:
        return len(self.starts)

    def line_number(self, i: int) -> int:
        return self.first_line + int(i if self.kept is None else self.kept[i])


def _split_fields(buf: np.ndarray, lines: _Lines, ncols: int, sep: int):
    """Return ``(starts, ends)`` of every field, shape (lines, ncols), or None.

    None when a line has another number of separators (a quoted field, or a
    malformed row).
    """
    n = len(lines)
    delims = np.flatnonzero(buf == sep)
    if delims.size != n * (ncols - 1):
        return None
    d = delims.reshape(n, ncols - 1)
    # With the right total, every line holds its own separators iff each line's
    # first is after its start and its last before its end (separators are sorted).
    if ncols > 1 and n and not ((d[:, 0] >= lines.starts).all() and (d[:, -1] < lines.ends).all()):
        return None
    return d


def _field_bounds(lines: _Lines, d: np.ndarray, j: int, ncols: int):
    s = lines.starts if j == 0 else d[:, j - 1] + 1
    e = lines.ends if j == ncols - 1 else d[:, j]
    return s, e


_MAX_DIGITS = 18  # every 18-digit integer fits int64


def _parse_integers(buf: np.ndarray, s: np.ndarray, e: np.ndarray) -> np.ndarray | None:
    """Return the fields as int64 when each is an integer written canonically, else None.

    Canonically: ``0``, ``-12``, ``345``; no sign on zero, no ``+``, no
    leading zeros, no spaces.

    A canonical integer field is the text of exactly one integer, so counting
    integers gives the same table as counting the texts: ``01`` and ``1`` stay
    different labels because ``01`` is not canonical and sends the column to
    the text path.  The digits are read position by position from the right,
    each position one vectorised pass over the lines.
    """
    negative = buf[s] == 45  # "-"
    first = s + negative
    digits = e - first
    if digits.size == 0 or digits.min() < 1 or digits.max() > _MAX_DIGITS:
        return None
    lead = buf[first]
    if ((lead == 48) & ((digits > 1) | negative)).any():  # "007", "-0"
        return None
    if buf.size <= _MAX_DIGITS:  # the negative positions below must index the block
        buf = np.concatenate([buf, np.zeros(_MAX_DIGITS, dtype=np.uint8)])
    shortest = int(digits.min())
    value = np.zeros(len(s), dtype=np.int64)
    # Buffers reused at every digit position: fresh temporaries of this size
    # would be mapped and faulted in anew each time (malloc hands them back).
    d, inside, pos = np.empty(len(s), np.uint8), np.empty(len(s), bool), np.empty_like(e)
    for k in range(int(digits.max()), 0, -1):
        # e - k >= -_MAX_DIGITS > -buf.size: a position before a short field
        # (or, on the first line, before the block) still indexes the block,
        # and is zeroed below.
        np.subtract(e, k, out=pos)
        np.take(buf, pos, out=d)
        d -= np.uint8(48)  # non-digits wrap above 9
        if k > shortest:  # zero the positions that lie before a shorter field
            np.greater_equal(pos, first, out=inside)
            d *= inside
        if d.max() > 9:
            return None
        value *= 10
        value += d
    return np.negative(value, where=negative, out=value)


def _field_bytes(buf: np.ndarray, s: np.ndarray, e: np.ndarray) -> np.ndarray:
    """Return the fields as a fixed-width bytes array (dtype S), one per line."""
    width = max(int((e - s).max()), 1)
    out = np.zeros((len(s), width), dtype=np.uint8)
    for k in range(width):
        inside = s + k < e
        out[:, k] = np.where(inside, buf[np.where(inside, s + k, 0)], 0)
    return out.view(f"S{width}").reshape(-1)


def _fast_fields(buf, lines, ncols, usecols, sep):
    """Return ``(starts, ends)`` of each used column's fields, or None.

    None when the block needs the general parser (quoted fields, irregular
    rows, huge fields).
    """
    if not sep.isascii() or (buf == 34).any():  # '"': quoted fields
        return None
    d = _split_fields(buf, lines, ncols, ord(sep))
    if d is None:
        return None
    bounds = [_field_bounds(lines, d, j, ncols) for j in usecols]
    widest = max(int((e - s).max()) for s, e in bounds)
    if widest * len(lines) > 8 * buf.size:  # a few very long fields: S would blow up
        return None
    return bounds


def _labels(buf, s, e) -> np.ndarray:
    ints = _parse_integers(buf, s, e)
    return ints if ints is not None else _field_bytes(buf, s, e)


_ROW_ERROR = re.compile(r"changed from (\d+) to (\d+) at row (\d+)")


def _general_columns(block: bytes, lines: _Lines, ncols, usecols, sep):
    """Parse the used columns of a block by ``numpy.loadtxt`` (quoted fields).

    Return them as text labels, plus a mask of empty fields.
    """
    text = [block[s:e].decode("utf-8") for s, e in zip(lines.starts, lines.ends, strict=True)]
    try:
        table = np.loadtxt(text, dtype=str, delimiter=sep, comments=None, quotechar='"', ndmin=2)
    except ValueError as exc:
        m = _ROW_ERROR.search(str(exc))
        if m is None:
            raise _InputError(f"malformed rows after line {lines.first_line}: {exc}") from None
        first, got, row = (int(g) for g in m.groups())
        # loadtxt compares with the block's first row; the header says what is right.
        line, got = (0, first) if first != ncols else (row - 1, got)
        raise _InputError(
            f"malformed row at line {lines.line_number(line)}: "
            f"{got} field(s) where the header has {ncols}"
        ) from None
    if table.shape[1] != ncols:
        raise _InputError(
            f"malformed row at line {lines.line_number(0)}: "
            f"expected {ncols} fields, got {table.shape[1]}"
        )
    columns = [table[:, j] for j in usecols]
    return columns, np.logical_or.reduce([c == "" for c in columns])


def _text_labels(counts: samples.Counts) -> samples.Counts:
    """Return `counts` with every variable's labels as text.

    ``str`` of an integer is its canonical text, so the labels are those the
    text path gives.
    """
    cats = [c.astype(str) if c.dtype.kind in "iu" else c for c in counts.categories]
    return samples.Counts.from_table(counts.table, cats)


def _merge(total: samples.Counts | None, chunk: samples.Counts) -> samples.Counts:
    if total is None:
        return chunk
    kinds = [
        (a.dtype.kind in "iu", b.dtype.kind in "iu")
        for a, b in zip(total.categories, chunk.categories, strict=True)
    ]
    if any(a != b for a, b in kinds):  # a column read as integers in one block only
        total, chunk = _text_labels(total), _text_labels(chunk)
    return total + chunk


def _check_text(block: bytes, first_line: int, name: str) -> None:
    """Raise unless `block` is UTF-8 text (no NUL byte, no undecodable line)."""
    if b"\0" in block:
        raise _InputError(v.cli_binary(name))
    if not block.isascii():
        try:
            block.decode("utf-8")
        except UnicodeDecodeError as exc:
            line = first_line + block.count(b"\n", 0, exc.start)
            raise _InputError(v.cli_not_text(name, "utf-8", line, exc)) from None


def _empty_rows(empty: np.ndarray, lines: _Lines, nan_policy: str) -> np.ndarray | None:
    """Return the rows to keep when some have an empty field (None: keep all)."""
    if not empty.any():
        return None
    if nan_policy == "raise":
        line = lines.line_number(int(np.flatnonzero(empty)[0]))
        raise _InputError(f"empty field at line {line}; pass --nan-policy omit to skip such rows")
    return ~empty


def _count_block(block: bytes, first_line, ncols, usecols, sep, nan_policy, name):
    """Count the used columns of one block of whole lines; ``(Counts, its _Lines)``."""
    _check_text(block, first_line, name)
    buf = np.frombuffer(block, dtype=np.uint8)
    lines = _Lines(buf, first_line)
    if not len(lines):
        return None, lines
    bounds = _fast_fields(buf, lines, ncols, usecols, sep)
    if bounds is not None:
        empty = np.logical_or.reduce([s == e for s, e in bounds])
    else:
        columns, empty = _general_columns(block, lines, ncols, usecols, sep)
    keep = _empty_rows(empty, lines, nan_policy)
    if keep is not None and not keep.any():  # every row has an empty field
        return None, lines
    if bounds is not None:
        if keep is not None:
            bounds = [(s[keep], e[keep]) for s, e in bounds]
        columns = [_labels(buf, s, e) for s, e in bounds]
    elif keep is not None:
        columns = [c[keep] for c in columns]
    counts = samples.Counts().update(*columns)
    if any(c.dtype.kind == "S" for c in counts.categories):
        # Only the distinct labels are decoded, never every field.
        cats = [
            np.char.decode(c, "utf-8") if c.dtype.kind == "S" else c for c in counts.categories
        ]
        counts = samples.Counts.from_table(counts.table, cats)
    return counts, lines


def _used_columns(src: _Source, header_names, names, sep: str) -> list[int]:
    """Return the positions of the columns `names`, or name the first one missing."""
    missing = [n for n in names if n not in header_names]
    if missing:
        raise _InputError(v.cli_no_column(missing[0], src.name, header_names, sep))
    return [header_names.index(n) for n in names]


def _header(src: _Source, blocks, sep: str, header: bool):
    """Return the column names, the rest of the first block, and its first line number."""
    data = next(blocks, b"")
    if not data.strip(b"\r\n"):
        raise _InputError(f"{src.name} is empty")
    cut = data.index(b"\n") + 1
    first = data[:cut]
    if b"\0" in first:
        raise _InputError(v.cli_binary(src.name))
    try:
        text = first.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise _InputError(v.cli_not_text(src.name, src.encoding, 1, exc)) from None
    text = text.rstrip("\r\n")
    if "\r" in text:
        raise _InputError(v.cli_cr_line_endings(src.name))
    fields = next(csv.reader([text], delimiter=sep))
    if header:
        return [h.strip() for h in fields], data[cut:], 2
    return [str(i + 1) for i in range(len(fields))], data, 1


def read_columns(
    source: str,
    names,
    *,
    sep=None,
    header=True,
    nan_policy="raise",
    encoding="utf-8",
    chunk_bytes=_CHUNK_BYTES,
):
    """Count the named columns of a delimited file into one `Counts`, in chunks.

    The file is read `chunk_bytes` at a time; each block of whole lines is
    split into fields with vectorised byte operations, and each chunk is added
    to the counts, so memory stays flat however long the file is.  Columns of
    canonically written integers are parsed as int64 directly; other columns
    are counted as byte strings and only their distinct labels decoded.  A
    block with quoted fields or malformed rows goes to ``numpy.loadtxt``, which
    also names the line of a malformed row.  Returns the counts and the number
    of observations counted.
    """
    delimiter = _separator(source, sep)
    src = _Source(source, encoding)
    progress = _Progress(src.name.strip("'"), src.size)
    try:
        blocks = src.blocks(chunk_bytes)
        header_names, rest, line_no = _header(src, blocks, delimiter, header)
        usecols = _used_columns(src, header_names, names, delimiter)
        ncols = len(header_names)
        total, rows = None, 0
        for block in _chain(rest, blocks):
            counts, lines = _count_block(
                block, line_no, ncols, usecols, delimiter, nan_policy, src.name
            )
            line_no += lines.newlines
            rows += len(lines)
            if counts is not None:
                total = _merge(total, counts)
            progress.update(src.progress(), rows)
        if total is None:
            raise _InputError(f"{src.name} has no data rows")
        return total, total.n
    finally:
        progress.close()
        src.close()


def _chain(first: bytes, blocks):
    if first:
        yield first
    yield from blocks


def _number_block(block: bytes, first_line, ncols, usecols, sep, nan_policy, name, columns):
    """Return the used columns of one block of whole lines as float64, and its `_Lines`.

    Fields are split as `_count_block` splits them; each column is converted
    by numpy in one pass, and only when that fails are its fields tried one
    by one, to name the line of the field that is not a number.
    """
    if b"\0" in block:
        raise _InputError(v.cli_binary(name))
    buf = np.frombuffer(block, dtype=np.uint8)
    lines = _Lines(buf, first_line)
    if not len(lines):
        return None, lines
    bounds = _fast_fields(buf, lines, ncols, usecols, sep)
    if bounds is not None:
        fields = [_field_bytes(buf, s, e) for s, e in bounds]
    else:
        fields, _ = _general_columns(block, lines, ncols, usecols, sep)
    empty = np.logical_or.reduce([np.char.str_len(np.char.strip(f)) == 0 for f in fields])
    if empty.any():
        if nan_policy == "raise":
            line = lines.line_number(int(np.flatnonzero(empty)[0]))
            raise _InputError(
                f"empty field at line {line}; pass --nan-policy omit to skip such rows"
            )
        fields = [f[~empty] for f in fields]
        lines_kept = np.flatnonzero(~empty)
    else:
        lines_kept = None
    out = []
    for f, column in zip(fields, columns, strict=True):
        try:
            out.append(f.astype(np.float64))
        except ValueError:
            for i, text in enumerate(f.tolist()):
                try:
                    float(text)
                except ValueError:
                    row = i if lines_kept is None else int(lines_kept[i])
                    text = text.decode("utf-8", "replace") if isinstance(text, bytes) else text
                    raise _InputError(
                        v.cli_not_a_number(text, column, lines.line_number(row))
                    ) from None
            raise  # numpy refused what float() reads: not expected
    return out, lines


def read_numbers(
    source: str, names, *, sep=None, header=True, nan_policy="raise", encoding="utf-8"
):
    """Read the named columns of a delimited file as float64 arrays (measurements).

    Read in the same 1 MB blocks as `read_columns`, but every value is kept:
    neighbour and Gaussian estimators need all the points, so memory is
    O(n) (8 bytes per value and column).  An empty field stops (or, with
    ``nan_policy='omit'``, drops its row); a field that is not a number stops
    with the line that holds it.  ``nan`` and ``inf`` are read as numbers and
    left for the estimator's `nan_policy`.
    """
    delimiter = _separator(source, sep)
    src = _Source(source, encoding)
    progress = _Progress(src.name.strip("'"), src.size)
    try:
        blocks = src.blocks(_CHUNK_BYTES)
        header_names, rest, line_no = _header(src, blocks, delimiter, header)
        usecols = _used_columns(src, header_names, names, delimiter)
        parts, rows = [], 0
        for block in _chain(rest, blocks):
            cols, lines = _number_block(
                block, line_no, len(header_names), usecols, delimiter, nan_policy, src.name, names
            )
            line_no += lines.newlines
            rows += len(lines)
            if cols is not None:
                parts.append(cols)
            progress.update(src.progress(), rows)
        columns = [np.concatenate(c) for c in zip(*parts, strict=True)] if parts else []
        if not columns or not len(columns[0]):
            raise _InputError(f"{src.name} has no data rows")
        return columns, len(columns[0])
    finally:
        progress.close()
        src.close()


# ------------------------------------------------------------------ measures


def _numbers(texts, what: str) -> np.ndarray:
    out = []
    for t in texts:
        try:
            out.append(float(t))
        except ValueError:
            raise _InputError(f"cannot read {t!r} in {what} as a number") from None
    return np.array(out)


def _looks_like_file(values) -> bool:
    if len(values) != 1:
        return False
    try:
        float(values[0])
    except ValueError:
        return True
    return False


def _table(args) -> np.ndarray:
    if args.table:
        try:
            arr = np.loadtxt(args.table, delimiter=None, ndmin=2, comments="#")
        except OSError as exc:
            raise _InputError(f"cannot open {args.table!r}: {exc.strerror or exc}") from None
        except ValueError as exc:  # UnicodeDecodeError included
            reason = str(exc).split(";")[0]  # loadtxt's advice names its own arguments
            raise _InputError(f"cannot read the table {args.table!r}: {reason}") from None
    else:
        rows = [_numbers(r, "--row") for r in args.row]
        if len({len(r) for r in rows}) != 1:
            raise _InputError("every --row must have the same number of entries")
        arr = np.array(rows)
    if args.shape:
        if min(args.shape) < 1 or math.prod(args.shape) != arr.size:
            raise _InputError(f"--shape {args.shape} does not fit a table of {arr.size} numbers")
        arr = arr.reshape(args.shape)
    return arr


def _file_columns(args, cmd: _Command) -> list[str]:
    if cmd.columns == ("column",):
        cols = args.column or []
        if not cols:
            raise _InputError(f"name the column(s) to use with --column (measure {cmd.name})")
        if cmd.numbers == "distribution" and len(cols) != 1:
            raise _InputError("entropy takes one --column; use joint-entropy for several")
        return cols
    absent = [c for c in cmd.columns if getattr(args, c) is None]
    if absent:
        raise _InputError(f"name the columns with {' '.join('--' + c for c in cmd.columns)}")
    return [getattr(args, c) for c in cmd.columns]


def _source(args, cmd: _Command) -> str | None:
    """Return the file named on the line, or None when the input is numbers."""
    if cmd.takes_pq:
        if args.source is not None and (args.p or args.q):
            raise _InputError("give either a file or --p and --q, not both")
        if args.source is None and (args.p is None or args.q is None):
            raise _InputError(f"{cmd.name} needs --p and --q, or a file with --x and --y")
        return args.source
    if args.values and _looks_like_file(args.values):
        if not cmd.takes_files:
            raise _InputError(f"{cmd.name} takes event probabilities, not a file")
        return args.values[0]
    return None


def _keep_freed_memory() -> None:
    """Let glibc keep freed memory for reuse rather than return it to the OS.

    Each block of a file allocates and frees the same few MB of arrays.  By
    default glibc unmaps them and the next block faults every page back in:
    about 150,000 page faults, a quarter of the run, for a 5e6-row file.  Peak
    memory does not grow, since every block has the same size.  Only the
    command line does this: it owns its process.
    """
    if not sys.platform.startswith("linux"):
        return
    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):  # a C library without mallopt
        return
    mallopt(-1, 64 << 20)  # M_TRIM_THRESHOLD: keep up to 64 MB freed at the heap top
    mallopt(-3, 32 << 20)  # M_MMAP_THRESHOLD: blocks up to 32 MB come from the heap


def _compute_file(args, cmd: _Command, source: str):
    """(value, n observations, estimator, test or None) of a measure of a file's columns."""
    _keep_freed_memory()
    estimator = getattr(args, "estimator", None)
    reader = read_numbers if estimator in samples._CONTINUOUS_ESTIMATORS else read_columns
    data, n = reader(
        source,
        _file_columns(args, cmd),
        sep=args.sep,
        header=not args.no_header,
        nan_policy=args.nan_policy,
        encoding=args.encoding,
    )
    if reader is read_numbers:
        variables = tuple(data)
    elif cmd.takes_pq:  # two samples, each counted on its own
        variables = tuple(
            samples.Counts.from_table(data.marginal([i]), [data.categories[i]]) for i in (0, 1)
        )
    else:
        variables = (data,)
    options = (
        {"base": args.base} if estimator is None else {"base": args.base, "estimator": estimator}
    )
    value = cmd.sample_measure(*variables, **options)
    if getattr(args, "distance", False):
        value = math.sqrt(value)
    test = None
    if getattr(args, "test", False):
        result = samples.mutual_information_test(
            *variables,
            method=args.method,
            n_resamples=args.n_resamples,
            rng=args.seed,
            **options,
        )
        test = {
            "pvalue": result.pvalue,
            "method": args.method,
            "n_resamples": args.n_resamples if args.method == "permutation" else None,
        }
    return value, n, estimator, test


def _compute_numbers(args, cmd: _Command):
    """(value, None, estimator or None) of a measure of numbers on the line."""
    base = args.base
    if cmd.numbers == "events":
        if not args.values:
            raise _InputError(f"{cmd.name} needs one or more event probabilities")
        p = _numbers(args.values, "the probabilities")
        return cmd.measure(p, base=base).tolist(), None, None
    if cmd.numbers == "distribution":
        if not args.values:
            raise _InputError(f"{cmd.name} needs a distribution (numbers) or a file")
        p = _numbers(args.values, "the distribution")
        if args.estimator != "plugin":
            if not args.counts:
                raise _InputError(f"--estimator {args.estimator} needs counts: add --counts")
            value = samples.entropy_from_counts(p, estimator=args.estimator, base=base)
            return value, None, args.estimator
        return cmd.measure(p, base=base, normalize=args.counts), None, None
    if cmd.numbers == "table":
        if not (args.row or args.table):
            raise _InputError(f"{cmd.name} needs a table (--row or --table FILE) or a file")
        if args.values:
            raise _InputError("give the table with --row or --table, not as bare numbers")
        return cmd.measure(_table(args), base=base, normalize=args.counts), None, None
    p, q = _numbers(args.p, "--p"), _numbers(args.q, "--q")
    f = dist.js_distance if getattr(args, "distance", False) else cmd.measure
    return f(p, q, base=base, normalize=args.counts), None, None


def _compute(args) -> tuple[object, int | None, str | None, dict | None]:
    """(value, n observations or None, estimator or None, test or None)."""
    cmd = _COMMANDS[args.measure]
    if getattr(args, "distance", False) and args.base < 1:
        raise _InputError(
            "--distance needs --base above 1 (below 1 the divergence is negative "
            "and has no square root)"
        )
    source = _source(args, cmd)
    if source is None:
        if getattr(args, "test", False):
            raise _InputError(v.cli_test_needs_file(cmd.name))
        if getattr(args, "estimator", None) in samples._CONTINUOUS_ESTIMATORS:
            raise _InputError(v.cli_continuous_needs_file(args.estimator, cmd.name))
        value, n, estimator = _compute_numbers(args, cmd)
        test = None
    else:
        value, n, estimator, test = _compute_file(args, cmd, source)
    if np.isnan(value).any():
        raise _InputError(f"{cmd.name} is undefined (NaN) for these inputs")
    return value, n, estimator, test


def _format(value, precision: int) -> str:
    return f"{value:.{precision}g}"


def _json_number(value):
    # JSON has no infinity: an infinite measure is reported as the string "inf".
    return value if math.isfinite(value) else "inf"


def _run(argv):
    """Parse and compute, with no floating-point warning reaching the terminal.

    A warning raised while computing (an overflowing sum, say) is followed by
    the library's own error or by a value checked here, so it is dropped;
    the one line on stderr is then the error.
    """
    args = _build_parser().parse_args(argv)
    if args.measure is None:
        raise _InputError("choose a measure, e.g. 'infomeasures entropy 0.1 0.9' (see --help)")
    if not 1 <= args.precision <= 17:
        raise _InputError(f"--precision must be between 1 and 17, got {args.precision}")
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore", RuntimeWarning)
        warnings.showwarning = _warn
        return args, _compute(args)


def main(argv=None) -> int:
    """Run the ``infomeasures`` command line.

    Parameters
    ----------
    argv : list of str, optional
        The arguments after the program name; default ``sys.argv[1:]``.

    Returns
    -------
    int
        The exit status: 0 on success, 2 for bad input (after one line on
        stderr).

    See Also
    --------
    infomeasures.samples.entropy : What ``infomeasures entropy`` computes from a file.
    infomeasures.samples.mutual_information : What ``infomeasures mi`` computes from a file.
    infomeasures.samples.mutual_information_test : What ``--test`` adds to ``mi`` and ``cmi``.

    Examples
    --------
    >>> from infomeasures.cli import main
    >>> main(["entropy", "0.1", "0.9"])
    0.468996 bits
    0
    """
    try:
        args, (value, n, estimator, test) = _run(argv)
    except _InputError as exc:
        return _fail(str(exc))
    except (ValueError, TypeError, OverflowError) as exc:
        # Library messages name Python arguments; say it in command-line terms.
        message = str(exc).replace("`", "").replace("normalize=True", "--counts")
        return _fail(message)
    except OSError as exc:  # a read that failed midway (a device, a network file)
        return _fail(f"cannot read the input: {exc.strerror or exc}")
    except MemoryError:
        return _fail("not enough memory for this input")
    except KeyboardInterrupt:
        return _fail("interrupted", status=130)

    unit = _unit(args.base)
    measure = "js-distance" if getattr(args, "distance", False) else args.measure
    if args.json:
        record = {
            "measure": measure,
            "value": [_json_number(x) for x in value]
            if isinstance(value, list)
            else _json_number(value),
            "unit": unit,
            "base": args.base,
            "estimator": estimator,
            "n": n,
        }
        if test is not None:
            record.update(test)
        print(json.dumps(record))
    else:
        for x in value if isinstance(value, list) else [value]:
            print(_with_unit(_format(x, args.precision), args.base))
        if test is not None:
            how = (
                f"permutation test, {test['n_resamples']} resamples"
                if test["method"] == "permutation"
                else "G-test"
            )
            print(f"p-value {_format(test['pvalue'], args.precision)} ({how})")
    return 0


def _warn(message, category, filename, lineno, file=None, line=None):
    print(f"infomeasures: warning: {' '.join(str(message).split())}", file=sys.stderr)


def _fail(message: str, status: int = 2) -> int:
    line = " ".join(message.split())  # one line, whatever the message held
    print(f"infomeasures: error: {line}", file=sys.stderr)
    return status
