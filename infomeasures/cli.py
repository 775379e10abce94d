"""The ``infomeasures`` command line: one subcommand per measure.

Numbers on the command line are a distribution (or event probabilities, or a
joint table given row by row); a file name (``-`` for stdin) holds
observations in named CSV/TSV columns, read in chunks into one
:class:`~infomeasures.samples.Counts`, so memory does not grow with the file.
Bad input exits with status 2 and one line on stderr.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import math
import os
import re
import sys

import numpy as np

from . import __version__, samples
from . import _measures as dist
from ._estimators import ESTIMATORS

_CHUNK_BYTES = 1 << 20  # lines are parsed ~1 MB at a time


class _InputError(Exception):
    """Bad input: reported as one line on stderr, exit status 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # one line, no usage dump
        raise _InputError(f"{message} (see '{self.prog} --help')")


# ------------------------------------------------------------------ subcommands

_PAIR = ("p", "q")
_SPECS = {
    "self-info": (
        "surprisal -log p of each event probability",
        "infomeasures self-info 0.5 0.25 0.001",
        "events",
        None,
    ),
    "entropy": (
        "entropy H(X) of a distribution, counts, or a column of observations",
        "infomeasures entropy 0.1 0.9\n"
        "  infomeasures entropy --counts 30 10\n"
        "  infomeasures entropy data.csv --column label --estimator miller-madow",
        "distribution",
        ("column",),
    ),
    "joint-entropy": (
        "joint entropy H(X, Y, ...) of a joint table or of columns of observations",
        "infomeasures joint-entropy --row 0.25 0.25 --row 0.5 0\n"
        "  infomeasures joint-entropy data.csv --column a --column b",
        "table",
        ("column",),
    ),
    "cond-entropy": (
        "conditional entropy H(X | Y) of a table pxy[x, y] or of two columns",
        "infomeasures cond-entropy --row 0.25 0.25 --row 0.5 0\n"
        "  infomeasures cond-entropy data.csv --x colA --y colB",
        "table",
        ("x", "y"),
    ),
    "mi": (
        "mutual information I(X; Y) of a table pxy[x, y] or of two columns",
        "infomeasures mi --row 0.5 0 --row 0 0.5\n"
        "  infomeasures mi data.csv --x colA --y colB --estimator miller-madow\n"
        "  cat data.csv | infomeasures mi - --x colA --y colB --json",
        "table",
        ("x", "y"),
    ),
    "cmi": (
        "conditional mutual information I(X; Y | Z) of a 3-D table or of three columns",
        "infomeasures cmi --table pxyz.txt --shape 2 2 2\n"
        "  infomeasures cmi data.csv --x a --y b --z c",
        "table",
        ("x", "y", "z"),
    ),
    "cross-entropy": (
        "cross-entropy H(P, Q) of two distributions, or of the samples in two columns",
        "infomeasures cross-entropy --p 1 0 0 --q 0.6 0.3 0.1",
        "pair",
        ("x", "y"),
    ),
    "kl": (
        "Kullback-Leibler divergence D(P || Q)",
        "infomeasures kl --p 0.5 0.5 --q 0.9 0.1 --base e",
        "pair",
        ("x", "y"),
    ),
    "js": (
        "Jensen-Shannon divergence (--distance: its square root, a metric)",
        "infomeasures js --p 0.5 0.5 --q 0.9 0.1\n  infomeasures js --p 1 0 --q 0 1 --distance",
        "pair",
        ("x", "y"),
    ),
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


def _unit(base: float) -> str:
    named = {2.0: "bits", math.e: "nats", 10.0: "hartleys"}
    return named.get(base, f"log-base-{base:g} units")


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
    for name, (summary, example, kind, columns) in _SPECS.items():
        p = sub.add_parser(
            name,
            help=summary,
            description=summary + ".",
            epilog="examples:\n  " + example,
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        if kind == "pair":
            p.add_argument("source", nargs="?", help="CSV/TSV file of observations, - for stdin")
            p.add_argument("--p", nargs="+", metavar="P", help="first distribution")
            p.add_argument("--q", nargs="+", metavar="Q", help="second distribution")
        else:
            p.add_argument(
                "values",
                nargs="*",
                metavar="NUMBER|FILE",
                help="probabilities, or one CSV/TSV file of observations (- for stdin)",
            )
        if kind == "table":
            p.add_argument(
                "--row",
                action="append",
                nargs="+",
                metavar="P",
                help="one row of the joint table (repeat for each row)",
            )
            p.add_argument("--table", metavar="FILE", help="joint table as a text file of numbers")
            p.add_argument("--shape", nargs="+", type=int, help="reshape the table (for cmi)")
        if kind in ("distribution", "table", "pair"):
            p.add_argument(
                "--counts",
                action="store_true",
                help="numbers are counts or weights: rescale them to sum to 1",
            )
        if columns:
            if columns == ("column",):
                p.add_argument(
                    "--column",
                    action="append",
                    metavar="NAME",
                    help="column of the file to use (repeat for several variables)",
                )
            for col in columns if columns != ("column",) else ():
                p.add_argument(f"--{col}", metavar="NAME", help=f"column holding {col.upper()}")
            p.add_argument("--sep", help="field separator (default: by extension, ',' or tab)")
            p.add_argument(
                "--no-header",
                action="store_true",
                help="the file has no header line; name columns 1, 2, ...",
            )
            p.add_argument(
                "--nan-policy",
                choices=("raise", "omit"),
                default="raise",
                help="empty fields: report them (default) or drop those rows",
            )
            if kind != "pair":
                p.add_argument(
                    "--estimator",
                    choices=tuple(ESTIMATORS),
                    default="plugin",
                    help="entropy estimator for observations and counts (default: plugin)",
                )
        if name == "js":
            p.add_argument("--distance", action="store_true", help="print the JS distance")
        p.add_argument("--base", type=_base, default=2.0, help="2 (default), e, 10 or a number")
        p.add_argument("--json", action="store_true", help="print a JSON object")
        p.add_argument("--precision", type=int, default=6, help="significant digits (default: 6)")
    return parser


# ------------------------------------------------------------------ inputs


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


def _open(source: str):
    if source == "-":
        return io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8", newline=""), None
    try:
        # utf-8-sig: a byte-order mark (spreadsheet exports) is not part of the header.
        f = open(source, encoding="utf-8-sig", newline="")  # closed by read_columns
    except OSError as exc:
        raise _InputError(f"cannot open {source!r}: {exc.strerror}") from None
    return f, os.fstat(f.fileno()).st_size


def _separator(source: str, sep: str | None) -> str:
    if sep is not None:
        return "\t" if sep in ("\\t", "tab") else sep
    return "\t" if source.lower().endswith((".tsv", ".tab")) else ","


_ROW_ERROR = re.compile(r"at row (\d+)")


def read_columns(source: str, names, *, sep=None, header=True, nan_policy="raise"):
    """Count the named columns of a delimited file into one `Counts`, in chunks.

    Lines are parsed by ``numpy.loadtxt`` about 1 MB at a time and each chunk
    is added to the counts, so memory stays flat however long the file is.
    Returns the counts and the number of data rows read.
    """
    delimiter = _separator(source, sep)
    f, size = _open(source)
    progress = _Progress("stdin" if source == "-" else source, size)
    try:
        first = f.readline()
        if not first:
            raise _InputError(f"{source!r} is empty")
        fields = next(csv.reader([first], delimiter=delimiter))
        header_names = (
            [h.strip() for h in fields] if header else [str(i + 1) for i in range(len(fields))]
        )
        missing = [n for n in names if n not in header_names]
        if missing:
            raise _InputError(
                f"no column {missing[0]!r} in {source!r}; its columns are: "
                + ", ".join(header_names)
            )
        usecols = [header_names.index(n) for n in names]
        counts = samples.Counts()
        pending = [] if header else [first]
        line_no = 1 if header else 0  # lines consumed before the chunk
        done = len(first.encode())
        rows = 0
        while True:
            lines = pending + f.readlines(_CHUNK_BYTES)
            pending = []
            if not lines:
                break
            counts = _count_chunk(
                counts, lines, usecols, len(header_names), delimiter, line_no, nan_policy
            )
            line_no += len(lines)
            rows += len(lines)
            done += sum(map(len, lines)) if size else 0
            progress.update(done, rows)
        if counts.ndim == 0:
            raise _InputError(f"{source!r} has no data rows")
        return counts, counts.n
    finally:
        progress.close()
        if source != "-":
            f.close()


def _count_chunk(counts, lines, usecols, ncols, delimiter, line_no, nan_policy):
    try:
        table = np.loadtxt(
            lines,
            dtype=str,
            delimiter=delimiter,
            comments=None,
            quotechar='"',
            ndmin=2,
        )
    except ValueError as exc:
        m = _ROW_ERROR.search(str(exc))
        where = f"line {line_no + int(m.group(1))}" if m else f"lines {line_no + 1}-"
        raise _InputError(f"malformed row at {where}: {str(exc).split(';')[0]}") from None
    if table.shape[1] != ncols:
        raise _InputError(
            f"malformed row at line {line_no + 1}: expected {ncols} fields, got {table.shape[1]}"
        )
    columns = [table[:, i] for i in usecols]
    empty = np.logical_or.reduce([c == "" for c in columns])
    if empty.any():
        if nan_policy == "raise":
            i = int(np.flatnonzero(empty)[0])
            raise _InputError(
                f"empty field at line {line_no + 1 + i}; pass --nan-policy omit to skip such rows"
            )
        columns = [c[~empty] for c in columns]
    return counts.update(*columns)


# ------------------------------------------------------------------ measures


def _table(args) -> np.ndarray:
    if args.table:
        try:
            arr = np.loadtxt(args.table, delimiter=None, ndmin=2, comments="#")
        except OSError as exc:
            raise _InputError(f"cannot open {args.table!r}: {exc.strerror}") from None
        except ValueError as exc:
            raise _InputError(f"cannot read the table {args.table!r}: {exc}") from None
    else:
        rows = [_numbers(r, "--row") for r in args.row]
        if len({len(r) for r in rows}) != 1:
            raise _InputError("every --row must have the same number of entries")
        arr = np.array(rows)
    if args.shape:
        if math.prod(args.shape) != arr.size:
            raise _InputError(f"--shape {args.shape} does not fit a table of {arr.size} numbers")
        arr = arr.reshape(args.shape)
    return arr


_TABLE_MEASURES = {
    "joint-entropy": (dist.joint_entropy, samples.joint_entropy),
    "cond-entropy": (dist.conditional_entropy, samples.conditional_entropy),
    "mi": (dist.mutual_information, samples.mutual_information),
    "cmi": (dist.conditional_mutual_information, samples.conditional_mutual_information),
}
_PAIR_MEASURES = {
    "cross-entropy": (dist.cross_entropy, samples.cross_entropy),
    "kl": (dist.kl_divergence, samples.kl_divergence),
    "js": (dist.js_divergence, samples.js_divergence),
}


def _file_columns(args) -> list[str]:
    if "column" in vars(args):
        cols = args.column or []
        if not cols:
            raise _InputError(f"name the column(s) to use with --column (measure {args.measure})")
        if args.measure == "entropy" and len(cols) != 1:
            raise _InputError("entropy takes one --column; use joint-entropy for several")
        return cols
    needed = [c for c in ("x", "y", "z") if c in vars(args)]
    absent = [c for c in needed if getattr(args, c) is None]
    if absent:
        raise _InputError(f"name the columns with {' '.join('--' + c for c in needed)}")
    return [getattr(args, c) for c in needed]


def _compute(args) -> tuple[object, int | None, str | None]:
    """(value, n observations or None, estimator or None)."""
    kind = _SPECS[args.measure][2]
    base = args.base
    estimator = getattr(args, "estimator", "plugin")
    source = None
    if kind == "pair":
        source = args.source
        if source is not None and (args.p or args.q):
            raise _InputError("give either a file or --p and --q, not both")
        if source is None and (args.p is None or args.q is None):
            raise _InputError(f"{args.measure} needs --p and --q, or a file with --x and --y")
    elif args.values and _looks_like_file(args.values):
        source = args.values[0]

    if source is not None:
        if kind == "events":
            raise _InputError("self-info takes event probabilities, not a file")
        cols = _file_columns(args)
        c, n = read_columns(
            source, cols, sep=args.sep, header=not args.no_header, nan_policy=args.nan_policy
        )
        if kind == "distribution":
            return samples.entropy(c, estimator=estimator, base=base), n, estimator
        if kind == "table":
            f = _TABLE_MEASURES[args.measure][1]
            return f(c, estimator=estimator, base=base), n, estimator
        cx, cy = (samples.Counts.from_table(c.marginal([i]), [c.categories[i]]) for i in (0, 1))
        value = _PAIR_MEASURES[args.measure][1](cx, cy, base=base)
        return (math.sqrt(value) if getattr(args, "distance", False) else value), n, None

    if kind == "events":
        if not args.values:
            raise _InputError("self-info needs one or more event probabilities")
        p = _numbers(args.values, "the probabilities")
        return dist.self_information(p, base=base).tolist(), None, None
    if kind == "distribution":
        if not args.values:
            raise _InputError("entropy needs a distribution (numbers) or a file")
        p = _numbers(args.values, "the distribution")
        if estimator != "plugin":
            if not args.counts:
                raise _InputError(f"--estimator {estimator} needs counts: add --counts")
            return samples.entropy_from_counts(p, estimator=estimator, base=base), None, estimator
        return dist.entropy(p, base=base, normalize=args.counts), None, None
    if kind == "table":
        if not (args.row or args.table):
            raise _InputError(f"{args.measure} needs a table (--row or --table FILE) or a file")
        if args.values:
            raise _InputError("give the table with --row or --table, not as bare numbers")
        pxy = _table(args)
        f = _TABLE_MEASURES[args.measure][0]
        return f(pxy, base=base, normalize=args.counts), None, None
    p, q = _numbers(args.p, "--p"), _numbers(args.q, "--q")
    f = _PAIR_MEASURES[args.measure][0]
    if args.measure == "js" and args.distance:
        f = dist.js_distance
    return f(p, q, base=base, normalize=args.counts), None, None


def _format(value, precision: int) -> str:
    return f"{value:.{precision}g}"


def _json_number(value):
    # JSON has no infinity: an infinite measure is reported as the string "inf".
    return value if math.isfinite(value) else "inf"


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

    Examples
    --------
    >>> from infomeasures.cli import main
    >>> main(["entropy", "0.1", "0.9"])
    0.468996 bits
    0
    """
    parser = _build_parser()
    try:
        args = parser.parse_args(argv)
        if args.measure is None:
            raise _InputError("choose a measure, e.g. 'infomeasures entropy 0.1 0.9' (see --help)")
        if not 1 <= args.precision <= 17:
            raise _InputError(f"--precision must be between 1 and 17, got {args.precision}")
        value, n, estimator = _compute(args)
    except _InputError as exc:
        return _fail(str(exc))
    except (ValueError, TypeError) as exc:
        # Library messages name Python arguments; say it in command-line terms.
        message = str(exc).replace("`", "").replace("normalize=True", "--counts")
        return _fail(message)
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
        print(json.dumps(record))
    elif isinstance(value, list):
        for x in value:
            print(f"{_format(x, args.precision)} {unit}")
    else:
        print(f"{_format(value, args.precision)} {unit}")
    return 0


def _fail(message: str, status: int = 2) -> int:
    print(f"infomeasures: error: {message}", file=sys.stderr)
    return status
