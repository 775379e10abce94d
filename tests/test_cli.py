"""The installed ``infomeasures`` console script, run in subprocesses."""

import json
import math
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

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
