"""The installed ``infomeasures`` console script, run in subprocesses."""

import csv
import gzip
import io
import json
import math
import subprocess
import sys
import warnings
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats

import infomeasures as im
from infomeasures import samples

SCRIPT = Path(sys.executable).with_name("infomeasures")


def run(*args, stdin=None):
    return subprocess.run(
        [str(SCRIPT), *map(str, args)], capture_output=True, text=True, input=stdin, check=False
    )


def value(*args, stdin=None) -> float:
    out = run(*args, "--json", stdin=stdin)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)["value"]


@pytest.fixture(scope="module")
def data_csv(tmp_path_factory):
    rng = np.random.default_rng(5)
    n = 3000
    a = rng.integers(0, 4, n)
    b = np.array(["x", "y", "z"])[(a + rng.integers(0, 2, n)) % 3]
    c = rng.integers(0, 3, n)
    path = tmp_path_factory.mktemp("cli") / "data.csv"
    lines = ["a,b,c"] + [f"{i},{j},{k}" for i, j, k in zip(a, b, c, strict=True)]
    path.write_text("\n".join(lines) + "\n")
    return path, a.astype(str), b, c.astype(str)


def test_script_is_installed():
    assert SCRIPT.exists(), "pip install . must install the infomeasures console script"


class TestDistributions:
    def test_readme_example(self):
        out = run("entropy", "0.1", "0.9")
        assert (out.returncode, out.stdout, out.stderr) == (0, "0.468996 bits\n", "")

    def test_every_subcommand_matches_the_library(self):
        assert value("entropy", "--counts", 30, 10) == im.entropy([0.75, 0.25])
        assert value("self-info", 0.5, 0.001) == im.self_information([0.5, 0.001]).tolist()
        rows = ("--row", 0.4, 0.1, "--row", 0.2, 0.3)
        table = [[0.4, 0.1], [0.2, 0.3]]
        assert value("joint-entropy", *rows) == im.joint_entropy(table)
        assert value("cond-entropy", *rows) == im.conditional_entropy(table)
        assert value("mi", *rows) == im.mutual_information(table)
        p, q = [0.5, 0.5], [0.9, 0.1]
        pq = ("--p", *p, "--q", *q)
        assert value("kl", *pq, "--base", "e") == im.kl_divergence(p, q, base=math.e)
        assert value("cross-entropy", *pq) == im.cross_entropy(p, q)
        assert value("js", *pq) == im.js_divergence(p, q)
        assert value("js", *pq, "--distance") == im.js_distance(p, q)

    def test_cmi_from_table_file(self, tmp_path):
        pxyz = np.arange(1, 9, dtype=float).reshape(2, 2, 2) / 36
        path = tmp_path / "t.txt"
        np.savetxt(path, pxyz.reshape(2, 4))
        got = value("cmi", "--table", path, "--shape", 2, 2, 2)
        assert got == im.conditional_mutual_information(pxyz)

    def test_bases_and_precision(self):
        assert run("entropy", 0.5, 0.5, "--base", "e").stdout == "0.693147 nats\n"
        assert run("entropy", 0.5, 0.5, "--base", 10).stdout == "0.30103 hartleys\n"
        assert run("entropy", 0.1, 0.9, "--precision", 3).stdout == "0.469 bits\n"

    def test_infinite_kl_is_inf_in_json(self):
        assert value("kl", "--p", 0.5, 0.5, "--q", 1, 0) == "inf"
        assert run("kl", "--p", 0.5, 0.5, "--q", 1, 0).stdout == "inf bits\n"

    def test_module_entry_point(self):
        out = subprocess.run(
            [sys.executable, "-m", "infomeasures", "entropy", "0.1", "0.9"],
            capture_output=True,
            text=True,
            check=True,
        )
        assert out.stdout == "0.468996 bits\n"

    def test_version_and_help(self):
        assert run("--version").stdout.strip() == f"infomeasures {im.__version__}"
        helptext = run("mi", "--help").stdout
        assert "examples:" in helptext and "--estimator" in helptext


class TestFiles:
    def test_file_measures_match_samples(self, data_csv):
        path, a, b, c = data_csv
        assert value("entropy", path, "--column", "a") == samples.entropy(a)
        assert value("mi", path, "--x", "a", "--y", "b") == samples.mutual_information(a, b)
        assert value("cond-entropy", path, "--x", "a", "--y", "b") == (
            samples.conditional_entropy(a, b)
        )
        assert value("cmi", path, "--x", "a", "--y", "b", "--z", "c") == (
            samples.conditional_mutual_information(a, b, c)
        )
        assert value("joint-entropy", path, "--column", "a", "--column", "c") == (
            samples.joint_entropy(a, c)
        )
        assert value("js", path, "--x", "a", "--y", "c") == samples.js_divergence(a, c)
        mm = value("entropy", path, "--column", "b", "--estimator", "miller-madow")
        assert mm == samples.entropy(b, estimator="miller-madow")

    def test_stdin_and_json_fields(self, data_csv):
        path, a, b, _ = data_csv
        out = run("mi", "-", "--x", "a", "--y", "b", "--json", stdin=path.read_text())
        record = json.loads(out.stdout)
        assert record == {
            "measure": "mi",
            "value": samples.mutual_information(a, b),
            "unit": "bits",
            "base": 2.0,
            "estimator": "plugin",
            "n": len(a),
        }

    def test_tsv_without_header(self, tmp_path):
        path = tmp_path / "d.tsv"
        path.write_text("1\tu\n2\tv\n1\tu\n2\tv\n")
        assert value("mi", path, "--x", 1, "--y", 2, "--no-header") == 1.0

    def test_chunks_span_many_reads(self, tmp_path):
        # larger than one 4 MB chunk, so counts from several chunks are merged
        n = 700_000
        x = np.arange(n) % 7
        y = (np.arange(n) // 3) % 5
        path = tmp_path / "big.csv"
        path.write_text("x,y\n" + "".join(f"{i},{j}\n" for i, j in zip(x, y, strict=True)))
        assert value("mi", path, "--x", "x", "--y", "y") == pytest.approx(
            samples.mutual_information(x, y), rel=1e-13
        )

    def test_missing_fields(self, tmp_path):
        path = tmp_path / "m.csv"
        path.write_text("x,y\n1,a\n,b\n2,b\n")
        assert value("entropy", path, "--column", "x", "--nan-policy", "omit") == 1.0


class TestErrors:
    @pytest.mark.parametrize(
        ("args", "fragment"),
        [
            ((), "choose a measure"),
            (("entropy",), "needs a distribution"),
            (("entropy", "0.5", "half"), "cannot read 'half'"),
            (("entropy", "-0.5", "1.5"), "negative entries"),
            (("entropy", "0.5", "0.6"), "pass --counts"),
            (("entropy", "missing.csv", "--column", "a"), "cannot open 'missing.csv'"),
            (("kl", "--p", "0.5", "0.5"), "needs --p and --q"),
            (("kl", "f.csv", "--p", "1", "--q", "1"), "not both"),
            (("entropy", "0.5", "0.5", "--base", "1"), "must be positive and not 1"),
            (("mi", "--row", "0.5", "--row", "0.2", "0.3"), "same number of entries"),
            (("entropy", "0.5", "0.5", "--estimator", "nsb"), "add --counts"),
            (("frobnicate",), "invalid choice"),
        ],
    )
    def test_bad_input_exits_2_with_one_line(self, args, fragment):
        out = run(*args)
        assert out.returncode == 2
        assert out.stdout == ""
        lines = out.stderr.splitlines()
        assert len(lines) == 1, out.stderr
        assert lines[0].startswith("infomeasures: error: ")
        assert fragment in lines[0]
        assert "Traceback" not in out.stderr

    def test_file_errors(self, data_csv, tmp_path):
        path = data_csv[0]
        out = run("entropy", path, "--column", "nope")
        assert out.returncode == 2
        assert "its columns are: a, b, c" in out.stderr
        out = run("mi", path, "--x", "a", "--y", "b", "--estimator", "bogus")
        assert out.returncode == 2 and "'miller-madow'" in out.stderr
        bad = tmp_path / "bad.csv"
        bad.write_text("a,b\n1,2\n3,4\n5\n6,7\n")
        out = run("mi", bad, "--x", "a", "--y", "b")
        assert out.returncode == 2 and "line 4" in out.stderr
        assert len(out.stderr.splitlines()) == 1
        empty = tmp_path / "e.csv"
        empty.write_text("x,y\n1,\n")
        out = run("mi", empty, "--x", "x", "--y", "y")
        assert out.returncode == 2 and "empty field at line 2" in out.stderr

    def test_no_progress_bar_when_stderr_is_not_a_terminal(self, data_csv):
        out = run("entropy", data_csv[0], "--column", "a")
        assert out.stderr == ""

    @pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
    def test_progress_bar_when_stderr_is_a_terminal(self, data_csv):
        import os
        import pty

        leader, follower = pty.openpty()
        try:
            out = subprocess.run(
                [str(SCRIPT), "entropy", str(data_csv[0]), "--column", "a"],
                stdout=subprocess.PIPE,
                stderr=follower,
                text=True,
                check=True,
            )
            shown = os.read(leader, 4096).decode()
        finally:
            os.close(leader)
            os.close(follower)
        assert out.stdout.endswith("bits\n")
        assert "reading" in shown and "100%" in shown and "3,000 rows" in shown


def _peak_rss_kib(args) -> int:
    """Peak RSS of one CLI run, measured by a fresh parent (RUSAGE_CHILDREN)."""
    code = (
        "import resource, subprocess, sys\n"
        "subprocess.run(sys.argv[1:], check=True, capture_output=True)\n"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(SCRIPT), *map(str, args)],
        capture_output=True,
        text=True,
        check=True,
    )
    return int(out.stdout)


@pytest.mark.skipif(sys.platform != "linux", reason="ru_maxrss units differ by platform")
def test_peak_memory_is_flat_in_file_length(tmp_path):
    """2e6 and 6e6 rows: reading in chunks keeps peak memory the same."""
    rng = np.random.default_rng(0)
    paths = []
    for n in (2_000_000, 6_000_000):
        codes = rng.integers(0, 100, n)
        table = np.char.add(np.char.add(codes.astype(str), ","), (codes % 7).astype(str))
        path = tmp_path / f"rows{n}.csv"
        with open(path, "w") as f:
            f.write("x,y\n")
            f.write("\n".join(table.tolist()))
            f.write("\n")
        paths.append(path)
        del codes, table
    small, large = (_peak_rss_kib(["mi", p, "--x", "x", "--y", "y"]) for p in paths)
    # Loading 4e6 more rows whole would cost > 100 MB; chunks cost nothing extra.
    assert large - small < 20 * 1024, (small, large)


# ------------------------------------------------------------------ file formats (#13.14, #17)


def _csv_reference(text: str, columns, sep=","):
    """Read labels of the named columns as Python's csv module reads them.

    The independent reference for our byte parser; blank lines skipped.
    """
    rows = [r for r in csv.reader(io.StringIO(text, newline=""), delimiter=sep) if r]
    header, body = rows[0], rows[1:]
    return [np.array([r[header.index(c)] for r in body]) for c in columns]


class TestFileFormats:
    def test_blank_lines_skipped_without_warning_or_shifted_line_numbers_bug(self, tmp_path):
        path = tmp_path / "blank.csv"
        path.write_text("a,b\n1,x\n\n2,y\n\n\n1,x\n3\n")
        out = run("mi", path, "--x", "a", "--y", "b")
        assert out.returncode == 2
        assert out.stderr.splitlines() == [
            "infomeasures: error: malformed row at line 8: 1 field(s) where the header has 2"
        ]
        path.write_text("a,b\n1,x\n\n2,y\r\n\r\n1,x\n")
        out = run("mi", path, "--x", "a", "--y", "b", "--json")
        assert out.stderr == ""
        assert json.loads(out.stdout)["n"] == 3
        assert json.loads(out.stdout)["value"] == samples.mutual_information(
            [1, 2, 1], list("xyx")
        )

    def test_stdin_byte_order_mark_is_not_part_of_the_header_bug(self):
        out = subprocess.run(
            [str(SCRIPT), "mi", "-", "--x", "a", "--y", "b"],
            input=b"\xef\xbb\xbfa,b\n1,x\n2,y\n",
            capture_output=True,
            check=False,
        )
        assert (out.returncode, out.stdout, out.stderr) == (0, b"1 bit\n", b"")

    def test_non_utf8_file_names_the_file_and_suggests_encoding_bug(self, tmp_path):
        path = tmp_path / "latin.csv"
        path.write_bytes("city,n\nZürich,1\nGenève,2\nZürich,1\n".encode("latin-1"))
        out = run("entropy", path, "--column", "city")
        assert out.returncode == 2
        (line,) = out.stderr.splitlines()
        assert "latin.csv" in line and "line 2" in line and "--encoding" in line
        got = value("entropy", path, "--column", "city", "--encoding", "latin-1")
        assert got == samples.entropy(["Zürich", "Genève", "Zürich"])

    def test_utf16_file_with_encoding(self, tmp_path):
        path = tmp_path / "u16.tsv"
        path.write_text("x\ty\nα\t1\nβ\t2\nα\t1\n", encoding="utf-16")
        got = value("mi", path, "--x", "x", "--y", "y", "--encoding", "utf-16")
        assert got == samples.mutual_information(["α", "β", "α"], [1, 2, 1])

    @pytest.mark.parametrize(
        ("args", "printed"),
        [
            (("js", "--p", 1, 0, "--q", 0, 1, "--distance"), "1 bit\n"),
            (("entropy", 0.5, 0.5), "1 bit\n"),
            (("entropy", 0.25, 0.25, 0.25, 0.25), "2 bits\n"),
            (("entropy", *[0.1] * 10, "--base", 10), "1 hartley\n"),
            (("self-info", 0.5, 0.25, "--base", 4), "0.5 log-base-4 units\n1 log-base-4 unit\n"),
        ],
    )
    def test_one_unit_is_singular_bug(self, args, printed):
        assert run(*args).stdout == printed

    def test_semicolon_separated_file_hints_at_sep_bug(self, tmp_path):
        path = tmp_path / "semi.csv"
        path.write_text("a;b\n1;x\n2;y\n")
        out = run("mi", path, "--x", "a", "--y", "b")
        assert out.returncode == 2
        assert "pass --sep ';'" in out.stderr and len(out.stderr.splitlines()) == 1
        assert value("mi", path, "--x", "a", "--y", "b", "--sep", ";") == 1.0

    def test_gzip_files_and_stdin_are_read_transparently(self, data_csv, tmp_path):
        path, a, b, _ = data_csv
        gz = tmp_path / "data.csv.gz"
        gz.write_bytes(gzip.compress(path.read_bytes()))
        expected = samples.mutual_information(a, b)
        assert value("mi", gz, "--x", "a", "--y", "b") == expected
        out = subprocess.run(
            [str(SCRIPT), "mi", "-", "--x", "a", "--y", "b", "--json"],
            input=gzip.compress(path.read_bytes()),
            capture_output=True,
            check=True,
        )
        assert json.loads(out.stdout)["value"] == expected
        tsv = tmp_path / "d.tsv.gz"  # the extension under .gz still picks the separator
        tsv.write_bytes(gzip.compress(b"p\tq\n1\tu\n2\tv\n"))
        assert value("mi", tsv, "--x", "p", "--y", "q") == 1.0


FIELDS = ["0", "1", "01", "-1", "-0", "+1", "1.0", " 1", "12", "-12", "a", "é", '"1"', '"a,b"']


class TestReadColumns:
    """read_columns in-process, against Python's csv module as the reference."""

    @staticmethod
    def _cells(counts):
        """{(label of each variable, as text): count} over the observed cells."""
        cells = np.argwhere(np.asarray(counts.table) > 0)
        return {
            tuple(str(cats[i]) for cats, i in zip(counts.categories, cell, strict=True)): int(
                counts.table[tuple(cell)]
            )
            for cell in cells
        }

    def _check(self, text, columns, **kw):
        counts, n = read_columns_from_text(text, columns, **kw)
        ref = samples.counts(*_csv_reference(text, columns, kw.get("sep") or ","))
        assert n == ref.n
        # Compared as text: integer columns may be counted as int64, in numeric order.
        assert self._cells(counts) == self._cells(ref)

    def test_integer_columns_keep_text_semantics(self):
        # "01", "-0", "+1", "1.0" and " 1" are labels of their own, never the integer 1 or 0.
        rows = [("1", "0"), ("01", "-0"), ("+1", "0"), ("1.0", "1"), (" 1", "1"), ("1", "0")]
        self._check("x,y\n" + "".join(f"{a},{b}\n" for a, b in rows), ["x", "y"])

    def test_integer_columns_are_counted_as_integers(self):
        # The fast path: canonical integer fields never become strings.
        counts, n = read_columns_from_text("x,y\n10,-3\n7,0\n10,-3\n", ["x", "y"])
        assert n == 3
        assert [c.dtype.kind for c in counts.categories] == ["i", "i"]
        assert [c.tolist() for c in counts.categories] == [[7, 10], [-3, 0]]

    def test_integers_of_every_width_next_to_shorter_fields(self):
        # Digits are read right to left: a position before a shorter field, or
        # before the first line of a block, must not leak into the value.
        widths = [1, 18, 2, 17, 3, 9, 1]
        fields = [("-" if w % 2 else "") + "9" * w for w in widths]
        text = "x,y\n" + "".join(f"{a},{w}\n" for a, w in zip(fields, widths, strict=True))
        for chunk in (16, 64, 1 << 20):
            counts, n = read_columns_from_text(text, ["x", "y"], chunk_bytes=chunk)
            assert n == len(widths)
            assert counts.categories[0].dtype.kind == "i"
            assert counts.categories[0].tolist() == sorted({int(f) for f in fields})

    def test_integers_beyond_int64_and_negative(self):
        big = ["9" * 18, "-" + "9" * 18, "1" + "0" * 18, "-5", "123456789012345678901234"]
        self._check("x\n" + "\n".join(big + big[:2]) + "\n", ["x"])

    def test_column_integer_in_one_block_text_in_another(self):
        text = "x,y\n" + "1,2\n" * 300 + "a,2\n" + "1,01\n" * 300
        for chunk in (64, 1000, 1 << 20):
            self._check(text, ["x", "y"], chunk_bytes=chunk)

    def test_quoted_fields_and_crlf(self):
        self._check('x,y\r\n"1",a\r\n"a,b",1\r\n1,"a,b"\r\n1,a\r\n', ["x", "y"])

    @settings(max_examples=60, deadline=None)
    @given(
        rows=st.lists(st.tuples(*[st.sampled_from(FIELDS)] * 3), min_size=1, max_size=40),
        chunk=st.integers(8, 200),
        sep=st.sampled_from([",", "\t", ";"]),
        blank=st.lists(st.integers(0, 40), max_size=3),
    )
    def test_any_fields_any_chunking_match_the_csv_module(self, rows, chunk, sep, blank):
        if sep != ",":  # a field holding a comma is quoted only for ','
            rows = [tuple(f for f in r) for r in rows if not any("," in f for f in r)]
            if not rows:
                return
        lines = [sep.join(r) for r in rows]
        for i in sorted(blank, reverse=True):
            lines.insert(min(i, len(lines)), "")
        text = sep.join("abc") + "\n" + "\n".join(lines) + "\n"
        self._check(text, ["a", "c"], chunk_bytes=chunk, sep=sep)


def read_columns_from_text(text, columns, **kw):
    import tempfile

    from infomeasures.cli import read_columns

    with tempfile.NamedTemporaryFile("w", suffix=".csv", delete=False, encoding="utf-8") as f:
        f.write(text)
    try:
        return read_columns(f.name, columns, **kw)
    finally:
        Path(f.name).unlink()


# ------------------------------------------------------------------ hostile input (#18)


@pytest.fixture(scope="module")
def hostile_files(tmp_path_factory):
    d = tmp_path_factory.mktemp("hostile")
    files = {
        "ok": "a,b\n1,x\n2,y\n",
        "empty": "",
        "blank": "\n\n\n",
        "header": "a,b\n",
        "ragged": "a,b\n1,2\n3\n",
        "emptyfield": "a,b\n1,\n",
        "mac": "a,b\r1,2\r",
        "semi": "a;b\n1;2\n",
    }
    for name, text in files.items():
        (d / f"{name}.csv").write_text(text)
    (d / "latin.csv").write_bytes("a,b\né,1\n".encode("latin-1"))
    (d / "binary.csv").write_bytes(bytes(range(256)) * 4)
    (d / "bad.gz").write_bytes(b"\x1f\x8b" + b"garbage" * 10)
    rows = np.random.default_rng(0).integers(0, 1000, (5000, 2))
    whole = gzip.compress(("a,b\n" + "".join(f"{i},{j}\n" for i, j in rows)).encode())
    (d / "trunc.csv.gz").write_bytes(whole[: len(whole) // 2])
    (d / "table.txt").write_text("0.5 0.5\n0.5\n")
    return d


HOSTILE = [
    ("entropy", "1e308", "1e308"),
    ("entropy", "nan", "0.5"),
    ("entropy", "inf", "1"),
    ("entropy", "1e999", "1"),
    ("entropy", "1" + "0" * 400, "1"),
    ("entropy", "--", "-1", "2"),
    ("entropy", "0.5", "0.5", "--base", "0"),
    ("entropy", "0.5", "0.5", "--base", "nan"),
    ("entropy", "0.5", "0.5", "--base", "inf"),
    ("entropy", "0.5", "0.5", "--base", "-2"),
    ("entropy", "0.5", "0.5", "--base", "1e-400"),
    ("entropy", "0.5", "0.5", "--base", "two"),
    ("entropy", "0.5", "0.5", "--precision", "0"),
    ("entropy", "0.5", "0.5", "--precision", "9" * 30),
    ("entropy", "0.5", "0.5", "--precision", "-3"),
    ("entropy", "0.5", "0.5", "--precision", "x"),
    ("entropy", "--counts", "1", "2", "--estimator", "bogus"),
    ("entropy", "--counts", "0", "0"),
    ("entropy", ""),
    ("self-info", "2"),
    ("self-info", "nan"),
    ("self-info", "{d}/ok.csv"),
    ("kl", "--p", "0.5", "0.5", "--q", "1"),
    ("kl", "--p", "--q", "1"),
    ("js", "--p", "1", "0", "--q", "0", "1", "--distance", "--base", "0.5"),
    ("mi", "--row", "0.5", "0.5", "--shape", "3"),
    ("cmi", "--row", "0.25", "0.25", "--row", "0.25", "0.25", "--shape", "-1", "-4"),
    ("cmi", "--table", "{d}"),
    ("cmi", "--table", "{d}/binary.csv"),
    ("cmi", "--table", "{d}/missing.txt"),
    ("cmi", "--table", "{d}/table.txt"),
    ("entropy", "{d}/missing.csv", "--column", "a"),
    ("entropy", "{d}", "--column", "a"),
    ("entropy", "{d}/binary.csv", "--column", "a"),
    ("entropy", "{d}/empty.csv", "--column", "a"),
    ("entropy", "{d}/blank.csv", "--column", "a"),
    ("entropy", "{d}/header.csv", "--column", "a"),
    ("entropy", "{d}/ok.csv", "--column", "nope"),
    ("entropy", "{d}/ok.csv"),
    ("entropy", "{d}/ok.csv", "--column", "a", "--column", "b"),
    ("mi", "{d}/ok.csv", "--x", "a"),
    ("mi", "{d}/ok.csv", "--x", "a", "--y", "b", "--estimator", "bogus"),
    ("mi", "{d}/ok.csv", "--x", "a", "--y", "b", "--sep", ""),
    ("mi", "{d}/ok.csv", "--x", "a", "--y", "b", "--sep", ";;"),
    ("mi", "{d}/ok.csv", "--x", "a", "--y", "b", "--encoding", "klingon"),
    ("mi", "{d}/ok.csv", "--x", "a", "--y", "b", "--nan-policy", "ignore"),
    ("mi", "{d}/latin.csv", "--x", "a", "--y", "b"),
    ("mi", "{d}/bad.gz", "--x", "a", "--y", "b"),
    ("mi", "{d}/trunc.csv.gz", "--x", "a", "--y", "b"),
    ("mi", "{d}/ragged.csv", "--x", "a", "--y", "b"),
    ("mi", "{d}/emptyfield.csv", "--x", "a", "--y", "b"),
    ("mi", "{d}/mac.csv", "--x", "a", "--y", "b"),
    ("mi", "{d}/semi.csv", "--x", "a", "--y", "b"),
    ("kl", "{d}/ok.csv", "--x", "a", "--y", "b", "--p", "1"),
    ("frobnicate",),
    (),
]


def _hostile_argv(args, d):
    return [a.format(d=d) for a in args]


@pytest.mark.parametrize("args", HOSTILE, ids=" ".join)
def test_hostile_command_line_gives_one_line_and_status_2(args, hostile_files, capsys):
    """In-process, with every warning an error: any leaked warning or exception fails."""
    from infomeasures.cli import main

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        status = main(_hostile_argv(args, hostile_files))
    out, err = capsys.readouterr()
    assert (status, out) == (2, "")
    lines = err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("infomeasures: error: "), err


@pytest.mark.slow
def test_hostile_command_lines_through_the_installed_script(hostile_files):
    """The same list through the console script: no traceback, no warning text."""
    for args in HOSTILE:
        out = run(*_hostile_argv(args, hostile_files))
        assert out.returncode == 2, (args, out.stderr)
        assert out.stdout == ""
        lines = out.stderr.splitlines()
        assert len(lines) == 1 and lines[0].startswith("infomeasures: error: "), (args, out)
        assert "Traceback" not in out.stderr and "Warning" not in out.stderr


def test_overflowing_numbers_print_one_line_bug():
    out = run("entropy", "1e308", "1e308")
    assert out.returncode == 2
    (line,) = out.stderr.splitlines()  # was a RuntimeWarning, its source line, then the error
    assert line.startswith("infomeasures: error: p ")


# ------------------------------------------------------------------ significance
@pytest.fixture(scope="module")
def measurements_csv(tmp_path_factory):
    rng = np.random.default_rng(9)
    n = 200
    t = rng.normal(size=n)
    a = t + 0.5 * rng.normal(size=n)
    b = t + 0.5 * rng.normal(size=n)
    c = rng.integers(0, 3, n)
    path = tmp_path_factory.mktemp("cli-sig") / "m.csv"
    rows = ["t,a,b,c"] + [
        f"{float(x)!r},{float(y)!r},{float(z)!r},{k}"
        for x, y, z, k in zip(t, a, b, c, strict=True)
    ]
    path.write_text("\n".join(rows) + "\n")
    return path, t, a, b, c


def _json(*args):
    out = run(*args, "--json")
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


class TestSignificance:
    def test_mi_test_is_the_library_test(self, data_csv):
        path, a, b, _ = data_csv
        got = _json("mi", path, "--x", "a", "--y", "b", "--test", "--seed", 3, "--n-resamples", 99)
        ref = samples.mutual_information_test(a, b, n_resamples=99, rng=3)
        assert got["value"] == ref.statistic
        assert got["pvalue"] == ref.pvalue
        assert (got["method"], got["n_resamples"]) == ("permutation", 99)

    def test_printed_p_value_line(self, data_csv):
        path = data_csv[0]
        out = run("mi", path, "--x", "a", "--y", "c", "--test", "--seed", 0, "--n-resamples", 99)
        assert out.returncode == 0, out.stderr
        value_line, p_line = out.stdout.splitlines()
        assert value_line.endswith("bits")
        assert p_line.startswith("p-value ") and p_line.endswith(
            "(permutation test, 99 resamples)"
        )

    def test_cmi_g_test_is_scipy_summed_over_strata(self, data_csv):
        path, a, b, c = data_csv
        got = _json(
            "cmi", path, "--x", "a", "--y", "c", "--z", "b", "--test", "--method", "g-test"
        )
        assert got["method"] == "g-test" and got["n_resamples"] is None
        table = samples.counts(a, c, b).table
        g, df = 0.0, 0
        for k in range(table.shape[2]):  # scipy per stratum, empty rows/columns removed
            t = table[:, :, k]
            t = t[t.sum(1) > 0][:, t.sum(0) > 0]
            ref = stats.chi2_contingency(t, correction=False, lambda_="log-likelihood")
            g, df = g + ref.statistic, df + ref.dof
        assert math.isclose(got["pvalue"], stats.chi2.sf(g, df), rel_tol=1e-9)

    @pytest.mark.parametrize("estimator", ["ksg", "gaussian", "gaussian-copula"])
    def test_continuous_columns_read_as_numbers(self, measurements_csv, estimator):
        path, t, a, b, _ = measurements_csv
        got = _json("mi", path, "--x", "a", "--y", "b", "--estimator", estimator)
        assert got["value"] == samples.mutual_information(a, b, estimator=estimator)
        got = _json("cmi", path, "--x", "a", "--y", "b", "--z", "t", "--estimator", estimator)
        assert got["value"] == samples.conditional_mutual_information(a, b, t, estimator=estimator)

    def test_continuous_test(self, measurements_csv):
        path, t, a, b, _ = measurements_csv
        args = ("--estimator", "ksg", "--test", "--seed", 1, "--n-resamples", 49)
        got = _json("cmi", path, "--x", "a", "--y", "b", "--z", "t", *args)
        ref = samples.mutual_information_test(a, b, t, estimator="ksg", n_resamples=49, rng=1)
        assert (got["value"], got["pvalue"]) == (ref.statistic, ref.pvalue)

    def test_entropy_and_kl_of_measurements(self, measurements_csv):
        path, t, a, _, _ = measurements_csv
        got = _json("entropy", path, "--column", "t", "--estimator", "kozachenko-leonenko")
        assert got["value"] == samples.entropy(t, estimator="kozachenko-leonenko")
        got = _json("kl", path, "--x", "a", "--y", "t", "--estimator", "knn")
        assert got["value"] == samples.kl_divergence(a, t, estimator="knn")

    def test_non_numeric_field_names_its_line(self, tmp_path):
        path = tmp_path / "bad.csv"
        path.write_text("x,y\n1.5,2\n0.5,3.25\n2.0,abc\n")
        out = run("mi", path, "--x", "x", "--y", "y", "--estimator", "ksg")
        assert out.returncode == 2 and out.stdout == ""
        assert out.stderr.count("\n") == 1
        assert "cannot read 'abc' in column 'y' at line 4 as a number" in out.stderr

    def test_empty_numeric_field_names_its_line_or_is_omitted(self, tmp_path):
        path = tmp_path / "gap.csv"
        rows = [f"{i / 7:.4f},{(i * 3 % 11) / 3:.4f}" for i in range(30)]
        rows[5] = "0.1,"
        path.write_text("x,y\n" + "\n".join(rows) + "\n")
        out = run("mi", path, "--x", "x", "--y", "y", "--estimator", "gaussian")
        assert out.returncode == 2 and "empty field at line 7" in out.stderr
        got = _json(
            "mi", path, "--x", "x", "--y", "y", "--estimator", "gaussian", "--nan-policy", "omit"
        )
        assert got["n"] == 29

    @pytest.mark.parametrize(
        "args",
        [
            ("mi", "--row", "0.5", "0", "--row", "0", "0.5", "--test"),
            ("mi", "FILE", "--x", "a", "--y", "b", "--test", "--n-resamples", "0"),
            ("mi", "FILE", "--x", "a", "--y", "b", "--test", "--method", "chi2"),
            ("mi", "FILE", "--x", "a", "--y", "b", "--estimator", "knn"),
            (
                "mi",
                "FILE",
                "--x",
                "a",
                "--y",
                "b",
                "--estimator",
                "ksg",
                "--method",
                "g-test",
                "--test",
            ),
            ("entropy", "0.5", "0.5", "--estimator", "kozachenko-leonenko"),
            ("js", "FILE", "--x", "a", "--y", "b", "--test"),
        ],
    )
    def test_bad_test_options_give_one_line_and_status_2(self, measurements_csv, args):
        args = [str(measurements_csv[0]) if a == "FILE" else a for a in args]
        out = run(*args)
        assert out.returncode == 2, out.stdout
        assert out.stderr.startswith("infomeasures: error: ") and out.stderr.count("\n") == 1


def test_start_up_does_not_import_scipy_stats():
    # scipy.stats takes about 0.3 s to import: the command line's start-up
    # (and `import infomeasures.samples`) leave it to the tests that need it.
    code = "import sys, infomeasures.cli; print('scipy.stats' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
