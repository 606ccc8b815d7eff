"""Pathological inputs cost time and memory in proportion to their size.

    check_pathological.py B_SANITIZE

Work is counted, not timed: each case runs `newsgraph` under callgrind on
a small input (size 0), the pathological one at size n and at size 2n,
and the instructions it adds beyond the small one must at most double,
give or take 15% (a quadratic step would give 4). Memory is the peak
resident size of the program (GNU time) at n and 4n: what it adds must stay
within a few bytes per input byte. Then each case runs once at full size
natively, and must end with the right exit status within a memory bound.

In a sanitized build (B_SANITIZE is not "none") the counts and sizes mean
nothing, so the test is skipped (77). Run by meson with NG_BIN set; the
figures are printed for the record.
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

BIN = os.environ["NG_BIN"]
SKIP = 77

# Instructions added by doubling the pathological part: 2 is linear.
MAX_DOUBLING = 2.3

# meson sets MALLOC_PERTURB_, which makes glibc fill every block it
# allocates and frees: work and pages the program itself does not ask for.
ENV = {k: v for k, v in os.environ.items() if k != "MALLOC_PERTURB_"}


def run_native(argv):
    """Runs argv; returns (exit status, peak RSS in MB). GNU time measures
    it: Linux carries a process's peak RSS across exec, so a child forked
    from this (large) Python process would report Python's."""
    with tempfile.NamedTemporaryFile("r") as rss:
        p = subprocess.run(["/usr/bin/time", "-q", "-f", "%M", "-o", rss.name, *argv],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=600,
                           env=ENV)
        return p.returncode, int(rss.read().split()[-1]) / 1024


def instructions(argv, directory, codes):
    """Instructions callgrind counts for argv, which must exit with one of
    `codes`."""
    out = os.path.join(directory, "callgrind.out")
    p = subprocess.run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", *argv],
                       capture_output=True, timeout=600, env=ENV)
    assert p.returncode in codes, p.stderr.decode(errors="replace")[-2000:]
    with open(out) as f:
        for line in f:
            if line.startswith("summary:"):
                return int(line.split()[1])
    raise AssertionError("callgrind wrote no summary")


class Case(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="ng-patho-")
        self.addCleanup(shutil.rmtree, self.dir)

    def path(self, name):
        return os.path.join(self.dir, name)

    def write(self, name, data):
        with open(self.path(name), "wb") as f:
            f.write(data)
        return self.path(name)

    def assert_linear_work(self, what, argv_for, n, codes=(0, 1)):
        """argv_for(size) gives the command for an input of that size."""
        base, one, two = (instructions(argv_for(k), self.dir, codes) for k in (0, n, 2 * n))
        ratio = (two - base) / (one - base)
        print(f"{what}: instructions {base} (0), {one} (n={n}), {two} (2n); "
              f"doubling ratio {ratio:.3f}")
        self.assertLess(ratio, MAX_DOUBLING, what)

    def assert_bounded_memory(self, what, argv_for, n, bytes_of, per_byte):
        """Peak RSS at n and 4n: the growth must stay within per_byte
        bytes for each byte of input added."""
        (rc1, mb1), (rc4, mb4) = run_native(argv_for(n)), run_native(argv_for(4 * n))
        self.assertIn(rc1, (0, 1), what)
        self.assertIn(rc4, (0, 1), what)
        added = bytes_of(4 * n) - bytes_of(n)
        print(f"{what}: peak RSS {mb1:.1f} MB (n={n}), {mb4:.1f} MB (4n); "
              f"{(mb4 - mb1) * 2**20 / added:.1f} bytes per input byte added")
        self.assertLess((mb4 - mb1) * 2**20, per_byte * added, what)

    def assert_full_size(self, what, argv, code, max_mb):
        rc, mb = run_native(argv)
        print(f"{what}: exit {rc}, peak RSS {mb:.1f} MB")
        self.assertEqual(rc, code, what)
        self.assertLess(mb, max_mb, what)


WORDS = b"the long and winding road that leads to the door of Kim Jong Un "


def one_line(size):
    """size bytes of words on one line, without punctuation."""
    return (WORDS * (size // len(WORDS) + 1))[:size]


def names(count):
    """count distinct capitalised names, "Bab Cab", "Bac Cab", ..."""
    letters = "bcdfghjklmnprstvwz"
    out = []
    for i in range(count):
        a, b, c = i % 18, i // 18 % 18, i // 324 % 18
        out.append(f"{letters[a].upper()}a{letters[b]}o{letters[c]} Vel{letters[i // 5832 % 18]}")
    return out


class Extraction(Case):
    def extract(self, name, data, *extra):
        return [BIN, "extract", "-q", *extra, self.write(name, data), "-o",
                self.path("out.json")]

    def test_single_line_without_punctuation(self):
        argv = lambda size: self.extract(f"line{size}.txt", one_line(size) or b"Kim met Putin.")
        self.assert_linear_work("50 MB line", argv, 1 << 17)
        self.assert_bounded_memory("50 MB line", argv, 1 << 20, lambda s: s, 40)
        self.assert_full_size("50 MB line", argv(50 << 20), 0, 2048)

    def test_one_name_repeated(self):
        argv = lambda k: self.extract(f"rep{k}.txt", b"Vladimir Putin " * k or b"Putin.")
        self.assert_linear_work("repeated name", argv, 20000)
        self.assert_bounded_memory("repeated name", argv, 100000, lambda k: 15 * k, 40)
        self.assert_full_size("repeated name x1M", argv(1000000), 0, 1024)

    def coordinated(self, count):
        """A dictionary of `count` people and one sentence naming them all."""
        people = names(count)
        d = self.write(f"people{count}.tsv", "".join(f"person\t{p}\n" for p in people).encode())
        text = ", ".join(people[:-1]) + (" and " if count > 1 else "") + people[-1] if people else "Kim"
        return self.extract(f"coord{count}.txt", (text + " met Vladimir Putin.\n").encode(),
                            "--dict", d)

    def test_coordinated_names(self):
        self.assert_linear_work("coordinated names", self.coordinated, 500)
        self.assert_full_size("10,000 coordinated names", self.coordinated(10000), 0, 1024)
        with open(self.path("out.json"), encoding="utf-8") as f:
            graph = json.load(f)["graph"]
        self.assertEqual(len(graph["nodes"]), 10001)  # every name found
        self.assertGreater(len(graph["edges"]), 0)

    def directory(self, count):
        d = self.path(f"dir{count}")
        os.mkdir(d)
        for i in range(count):
            with open(os.path.join(d, f"{i:06d}.txt"), "wb") as f:
                f.write(b"Kim met Putin.\n")
        return [BIN, "extract", "-q", d, "-o", self.path("out.json")]

    def test_directory_of_tiny_files(self):
        self.assert_linear_work("tiny files", lambda k: self.directory(k or 1), 1000)
        self.assert_full_size("100,000 tiny files", self.directory(100000), 0, 1024)


def json_graph(count):
    nodes = ",".join(f'{{"id":"n{i}","label":"Name {i}","metadata":{{"type":"person"}}}}'
                     for i in range(count))
    edges = ",".join(f'{{"source":"n{i}","target":"n{i + 1}","relation":"meets"}}'
                     for i in range(count - 1))
    return f'{{"graph":{{"nodes":[{nodes}],"edges":[{edges}]}}}}'.encode()


def graphml_node(count):
    """One node with `count` data elements (GraphML's attributes)."""
    keys = '<key id="k" for="node" attr.name="note" attr.type="string"/>'
    data = "".join(f'<data key="k">note {i}</data>' for i in range(count))
    return (f'<graphml xmlns="http://graphml.graphdrawing.org/xmlns">{keys}'
            f'<graph edgedefault="directed"><node id="a">{data}</node></graph></graphml>').encode()


def graphml_xml_attributes(count):
    """One node with `count` XML attributes besides its id."""
    attributes = " ".join(f'a{i}="{i}"' for i in range(count))
    return (f'<graphml xmlns="http://graphml.graphdrawing.org/xmlns">'
            f'<graph edgedefault="directed"><node id="a" {attributes}/></graph></graphml>').encode()


class Loaders(Case):
    def convert(self, name, data):
        return [BIN, "convert", self.write(name, data), "-o", self.path("out.json")]

    def test_enormous_json(self):
        argv = lambda k: self.convert(f"g{k}.json", json_graph(k or 1))
        self.assert_linear_work("enormous JSON", argv, 2000)
        # the loader holds one record at a time: what grows is the graph, some
        # 11 bytes for each byte of a file of such small records
        self.assert_bounded_memory("enormous JSON", argv, 20000, lambda k: len(json_graph(k)), 24)
        self.assert_full_size("JSON of 200,000 nodes", argv(200000), 0, 2048)

    def test_deeply_nested_json_is_malformed(self):
        deep = b'{"graph": {"nodes": ' + b"[" * 1000000 + b"]" * 1000000 + b"}}"
        self.assert_full_size("JSON nested 1,000,000 deep", self.convert("deep.json", deep), 4, 32)

    def test_graphml_node_with_a_million_attributes(self):
        argv = lambda k: self.convert(f"a{k}.graphml", graphml_node(k))
        self.assert_linear_work("GraphML attributes", argv, 20000)
        self.assert_bounded_memory("GraphML attributes", argv, 100000,
                                   lambda k: len(graphml_node(k)), 40)
        self.assert_full_size("GraphML node with 1,000,000 attributes", argv(1000000), 0, 2048)

    def test_graphml_element_with_a_million_xml_attributes_is_refused(self):
        # libxml2 checks each attribute against the ones before it: the
        # loader refuses an element with more than 10,000 (xml_guard.h)
        argv = lambda k: self.convert(f"x{k}.graphml", graphml_xml_attributes(k))
        self.assert_linear_work("XML attributes", argv, 20000, codes=(0, 4))
        self.assert_full_size("GraphML element with 1,000,000 XML attributes", argv(1000000), 4,
                              256)


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv.pop(1) != "none":
        print("skipped: counts and sizes mean nothing under the sanitizers")
        sys.exit(SKIP)
    unittest.main(verbosity=2)
