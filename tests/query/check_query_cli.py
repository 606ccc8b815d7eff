"""The query commands as a user meets them: neighbours, path, stats and
merge on the graph of seeds/, compared with the expected outputs in
expected/; their errors and exit codes; --from; and the merge laws on
graphs extracted from parts of seeds/.

The expected outputs are computed on data/seeds.json, the graph of seeds/
saved once by 'newsgraph extract --label seeds seeds', so that they change
when the query commands change, not whenever extraction improves. Run with
NG_UPDATE_GOLDEN=1 to extract data/seeds.json again and rewrite expected/,
then review the diff.

Run by meson with NG_BIN (the program) and NG_SOURCE_ROOT set.
"""
import json
import os
import shutil
import subprocess
import tempfile
import unittest

BIN = os.environ["NG_BIN"]
ROOT = os.environ["NG_SOURCE_ROOT"]
SEEDS = os.path.join(ROOT, "seeds")
HERE = os.path.join(ROOT, "tests", "query")
GRAPH = os.path.join(HERE, "data", "seeds.json")
EXPECTED = os.path.join(HERE, "expected")
UPDATE = os.environ.get("NG_UPDATE_GOLDEN") == "1"

EXIT_OK, EXIT_USAGE, EXIT_NO_INPUT, EXIT_MALFORMED = 0, 2, 3, 4
EXIT_NOT_FOUND, EXIT_AMBIGUOUS = 6, 7

# name of the expected output, arguments (GRAPH stands for the snapshot)
CASES = [
    ("neighbours-kim.txt", ["neighbours", GRAPH, "Kim Jong Un"]),
    ("neighbours-putin-depth2.tsv",
     ["neighbours", GRAPH, "Putin", "--depth", "2", "--format", "tsv"]),
    ("neighbours-north-korea-in.txt",
     ["neighbours", GRAPH, "north korea", "--direction", "in", "--relation", "supplies,visits",
      "--modality", "planned"]),
    ("neighbours-liu-evidence.txt", ["neighbours", GRAPH, "Liu Guozhong", "--evidence"]),
    ("neighbours-russia-people.json",
     ["neighbours", GRAPH, "Russia", "--type", "person", "--depth", "2", "--format", "json"]),
    ("neighbours-dated-evidence.tsv",
     ["neighbours", GRAPH, "Kim Jong Un", "--since", "2023-09", "--until", "2023-09-30",
      "--evidence", "-f", "tsv"]),
    ("path-putin-china.txt", ["path", GRAPH, "Vladimir Putin", "China", "--max-paths", "2"]),
    ("path-shoigu-liu.tsv", ["path", GRAPH, "Sergei Shoigu", "Liu Guozhong", "-f", "tsv"]),
    ("path-asserted.json",
     ["path", GRAPH, "Putin", "China", "--modality", "asserted", "-k", "3", "-f", "json"]),
    ("stats.txt", ["stats", GRAPH]),
    ("stats.json", ["stats", GRAPH, "--top", "3", "-f", "json"]),
]


def run(*args, stdin=None):
    return subprocess.run([BIN, *args], input=stdin, capture_output=True, timeout=120)


def setUpModule():
    if UPDATE:
        p = run("extract", "--label", "seeds", SEEDS, "-o", GRAPH)
        if p.returncode != 0:
            raise RuntimeError(p.stderr.decode())


class QueryCase(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="ng-query-")

    def tearDown(self):
        shutil.rmtree(self.dir)

    def path(self, name):
        return os.path.join(self.dir, name)

    def assert_exit(self, proc, code):
        self.assertEqual(proc.returncode, code,
                         f"exit {proc.returncode}, stderr: {proc.stderr.decode(errors='replace')}")

    def stderr(self, proc):
        return proc.stderr.decode("utf-8", errors="replace")

    def extract(self, name, *inputs):
        out = self.path(name)
        self.assert_exit(run("extract", "--label", "seeds", *inputs, "-o", out), EXIT_OK)
        return out

    def read(self, path):
        with open(path, "rb") as f:
            return f.read()


class ExpectedOutputs(QueryCase):
    def test_each_case(self):
        for name, args in CASES:
            with self.subTest(name):
                p = run(*args)
                self.assert_exit(p, EXIT_OK)
                expected = os.path.join(EXPECTED, name)
                if UPDATE:
                    with open(expected, "wb") as f:
                        f.write(p.stdout)
                self.assertEqual(p.stdout.decode(), self.read(expected).decode(),
                                 f"{name} differs; if intended, rerun with NG_UPDATE_GOLDEN=1")

    def test_json_outputs_parse(self):
        for name, _ in CASES:
            if name.endswith(".json"):
                with open(os.path.join(EXPECTED, name), encoding="utf-8") as f:
                    json.load(f)

    def test_tsv_rows_have_the_header_columns(self):
        for name, _ in CASES:
            if name.endswith(".tsv"):
                lines = self.read(os.path.join(EXPECTED, name)).decode().splitlines()
                self.assertGreater(len(lines), 1, name)
                self.assertEqual({len(l.split("\t")) for l in lines},
                                 {len(lines[0].split("\t"))}, name)

    def test_graph_from_standard_input(self):
        p = run("neighbours", "-", "Kim Jong Un", stdin=self.read(GRAPH))
        self.assert_exit(p, EXIT_OK)
        self.assertEqual(p.stdout, self.read(os.path.join(EXPECTED, "neighbours-kim.txt")))


class LoadingWhatIsNeeded(QueryCase):
    """neighbours without --evidence loads no evidence records, yet answers
    with the weights and modalities a full load gives, and refuses the
    same files."""

    def answers(self, graph, *args):
        plain = run("neighbours", graph, *args, "-f", "json")
        full = run("neighbours", graph, *args, "--evidence", "-f", "json")
        self.assert_exit(plain, EXIT_OK)
        self.assert_exit(full, EXIT_OK)
        full = json.loads(full.stdout)
        for record in full["neighbours"]:
            del record["evidence"]
        return json.loads(plain.stdout), full

    def test_weights_and_modalities_are_those_of_the_records(self):
        with open(GRAPH, encoding="utf-8") as f:
            doc = json.load(f)
        edges = doc["graph"]["edges"]
        # repeats within an edge, and an edge listed twice (the other way
        # round, for meets) with some records of the first listing again
        edges[0]["metadata"]["evidence"] *= 2
        meets = next(e for e in edges if e["relation"] == "meets")
        again = dict(meets, source=meets["target"], target=meets["source"])
        again["metadata"] = {"evidence": meets["metadata"]["evidence"][:1] + [
            {"doc": "extra.txt", "modality": "denied"}]}
        edges.append(again)
        changed = self.path("changed.json")
        with open(changed, "w", encoding="utf-8") as f:
            json.dump(doc, f)
        for graph in (GRAPH, changed):
            for name in ("Kim Jong Un", "Russia", meets["source"]):
                with self.subTest(graph=graph, name=name):
                    plain, full = self.answers(graph, name, "--depth", "2")
                    self.assertEqual(plain, full)

    def test_a_malformed_record_is_refused_all_the_same(self):
        with open(GRAPH, encoding="utf-8") as f:
            doc = json.load(f)
        doc["graph"]["edges"][-1]["metadata"]["evidence"][-1]["modality"] = "rumoured"
        bad = self.path("bad.json")
        with open(bad, "w", encoding="utf-8") as f:
            json.dump(doc, f, indent=1)
        plain = run("neighbours", bad, "Kim Jong Un")
        full = run("neighbours", bad, "Kim Jong Un", "--evidence")
        self.assert_exit(plain, EXIT_MALFORMED)
        self.assert_exit(full, EXIT_MALFORMED)
        self.assertEqual(plain.stderr, full.stderr)
        self.assertIn("unknown modality \"rumoured\"", self.stderr(plain))


class Names(QueryCase):
    def test_ambiguous_name_lists_the_candidates(self):
        p = run("neighbours", GRAPH, "Kim Jong")
        self.assert_exit(p, EXIT_AMBIGUOUS)
        self.assertEqual(p.stdout, b"")
        err = self.stderr(p)
        self.assertIn("'Kim Jong' may be any of 2 entities", err)
        self.assertIn("Kim Jong Il (person, kim-jong-il)", err)
        self.assertIn("Kim Jong Un (person, kim-jong-un)", err)

    def test_missing_name(self):
        p = run("neighbours", GRAPH, "Atlantis")
        self.assert_exit(p, EXIT_NOT_FOUND)
        self.assertIn("no entity is called 'Atlantis'", self.stderr(p))

    def test_loose_match_is_noted_unless_quiet(self):
        p = run("neighbours", GRAPH, "Vladmir Putin")
        self.assert_exit(p, EXIT_OK)
        self.assertIn("taking 'Vladmir Putin' for Vladimir Putin (person)", self.stderr(p))
        q = run("neighbours", GRAPH, "Vladmir Putin", "-q")
        self.assertEqual(q.stderr, b"")
        self.assertEqual(p.stdout, q.stdout)

    def test_alias_and_folded_names(self):
        want = run("neighbours", GRAPH, "Vladimir Putin").stdout
        for name in ("Putin", "vladimir-putin", "VLADIMIR  PUTIN", "Vladim", "Vladimir Puttin"):
            with self.subTest(name):
                self.assertEqual(run("neighbours", GRAPH, name, "-q").stdout, want)

    def test_path_with_an_ambiguous_end(self):
        p = run("path", GRAPH, "Putin", "Kim Jong")
        self.assert_exit(p, EXIT_AMBIGUOUS)


class Paths(QueryCase):
    def test_no_path(self):
        p = run("path", GRAPH, "Tuvalu", "Vladimir Putin")
        self.assert_exit(p, EXIT_NOT_FOUND)
        self.assertIn("no path leads from Tuvalu to Vladimir Putin", self.stderr(p))

    def test_more_paths_than_asked_for_is_said(self):
        p = run("path", GRAPH, "Vladimir Putin", "China", "--max-paths", "2")
        self.assertIn("more than 2 shortest paths", self.stderr(p))
        data = json.loads(run("path", GRAPH, "Vladimir Putin", "China", "-k", "2",
                              "-f", "json").stdout)
        self.assertTrue(data["truncated"])
        self.assertEqual(len(data["paths"]), 2)

    def test_a_direction_can_forbid_every_path(self):
        p = run("path", GRAPH, "Vladimir Putin", "China", "--direction", "out")
        self.assert_exit(p, EXIT_NOT_FOUND)


class Dot(QueryCase):
    def test_ego_network_renders(self):
        p = run("neighbours", GRAPH, "Kim Jong Un", "--relation", "meets", "-f", "dot")
        self.assert_exit(p, EXIT_OK)
        dot = shutil.which("dot")
        if dot:
            svg = subprocess.run([dot, "-Tsvg"], input=p.stdout, capture_output=True)
            self.assertEqual(svg.returncode, 0, svg.stderr)
        table = run("neighbours", GRAPH, "Kim Jong Un", "--relation", "meets", "-f", "tsv")
        ids = {line.split("\t")[1] for line in table.stdout.decode().splitlines()[1:]}
        for i in ids | {"kim-jong-un"}:
            self.assertIn(f'"{i}"'.encode(), p.stdout)
        self.assertEqual(p.stdout.count(b"-> "), len(ids))


class Errors(QueryCase):
    def test_usage_errors(self):
        cases = [
            (["neighbours", GRAPH, "Kim", "--relation", "hugs"], "unknown relation 'hugs'"),
            (["neighbours", GRAPH, "Kim", "--type", "person,planet"], "unknown entity type 'planet'"),
            (["neighbours", GRAPH, "Kim", "--since", "2023-13"], "--since wants a date"),
            (["neighbours", GRAPH, "Kim", "--depth", "0"], "--depth wants a whole number"),
            (["neighbours", GRAPH, "Kim", "--direction", "up"], "unknown direction 'up'"),
            (["neighbours", GRAPH, "Kim", "--modality", "rumoured"], "unknown modality"),
            (["neighbours", GRAPH], "give a GRAPH file and a NAME"),
            (["neighbours", GRAPH, "Kim", "--from", SEEDS], "with --from, give only a NAME"),
            (["path", GRAPH, "Kim"], "give a GRAPH file, FROM and TO"),
            (["path", GRAPH, "Kim", "Putin", "-k", "0"], "--max-paths wants"),
            (["stats", GRAPH, "-f", "dot"], "unknown format 'dot' (use table, json)"),
            (["stats"], "give one GRAPH file"),
            (["merge"], "no graph given"),
            (["merge", GRAPH, "-o", "out.txt"], "cannot tell the format"),
        ]
        for args, message in cases:
            with self.subTest(args=args):
                p = run(*args)
                self.assert_exit(p, EXIT_USAGE)
                self.assertIn(message, self.stderr(p))

    def test_missing_graph_file(self):
        p = run("neighbours", self.path("nope.json"), "Kim")
        self.assert_exit(p, EXIT_NO_INPUT)
        self.assertIn("nope.json", self.stderr(p))

    def test_malformed_graph_file(self):
        bad = self.path("bad.json")
        with open(bad, "wb") as f:
            f.write(b'{"graph": {"nodes": [\n  {"id": 1,,}\n]}}\n')
        for cmd in (["neighbours", bad, "Kim"], ["stats", bad], ["merge", bad]):
            with self.subTest(cmd[0]):
                p = run(*cmd)
                self.assert_exit(p, EXIT_MALFORMED)
                self.assertIn("bad.json:2:", self.stderr(p))

    def test_help(self):
        for cmd in ("neighbours", "path", "stats", "merge"):
            with self.subTest(cmd):
                p = run(cmd, "--help")
                self.assert_exit(p, EXIT_OK)
                out = p.stdout.decode()
                self.assertIn(f"Usage: newsgraph {cmd}", out)
                self.assertIn("  7   ambiguous", out)
                self.assertIn(cmd, run("--help").stdout.decode())


class FromDocuments(QueryCase):
    def test_queries_extract_on_the_fly(self):
        graph = self.path("g.json")
        self.assert_exit(run("extract", SEEDS, "-o", graph), EXIT_OK)
        for args in (["neighbours", "Kim Jong Un", "-n", "2"], ["path", "Putin", "China"],
                     ["stats"]):
            with self.subTest(args[0]):
                saved = run(args[0], graph, *args[1:])
                direct = run(args[0], "--from", SEEDS, *args[1:])
                self.assert_exit(direct, EXIT_OK)
                self.assertEqual(direct.stdout, saved.stdout)

    def test_input_problems_make_a_partial_answer(self):
        p = run("stats", "--from", SEEDS, "--from", self.path("nope.txt"))
        self.assert_exit(p, 1)
        self.assertIn("nope.txt", self.stderr(p))
        self.assertIn(b"documents  5", p.stdout)

    def test_nothing_readable(self):
        p = run("stats", "--from", self.path("nope.txt"))
        self.assert_exit(p, EXIT_NO_INPUT)


class Merge(QueryCase):
    def shards(self):
        docs = sorted(os.path.join(SEEDS, n) for n in os.listdir(SEEDS))
        return (self.extract("a.json", *docs[:2]), self.extract("b.json", docs[2]),
                self.extract("c.json", *docs[3:]))

    def merge(self, name, *inputs):
        out = self.path(name)
        self.assert_exit(run("merge", *inputs, "-o", out), EXIT_OK)
        return self.read(out)

    def test_shards_merge_into_the_whole(self):
        a, b, c = self.shards()
        whole = self.extract("whole.json", SEEDS)
        self.assertEqual(self.merge("abc.json", a, b, c), self.merge("w.json", whole))

    def test_commutative_and_associative(self):
        a, b, c = self.shards()
        abc = self.merge("abc.json", a, b, c)
        self.assertEqual(self.merge("cba.json", c, b, a), abc)
        ab, bc = self.path("ab.json"), self.path("bc.json")
        self.merge("ab.json", a, b)
        self.merge("bc.json", b, c)
        self.assertEqual(self.merge("ab_c.json", ab, c), abc)
        self.assertEqual(self.merge("a_bc.json", a, bc), abc)
        self.assertEqual(self.merge("ba.json", b, a), self.read(ab))

    def test_canonical_form_is_stable(self):
        once = self.path("once.json")
        self.merge("once.json", GRAPH)
        self.assertEqual(self.merge("twice.json", once), self.read(once))

    def test_merging_with_documents(self):
        a, b, c = self.shards()
        docs = sorted(os.path.join(SEEDS, n) for n in os.listdir(SEEDS))
        out = self.path("m.json")
        p = run("merge", a, "--from", docs[2], "--from", docs[3], "--from", docs[4],
                "--label", "seeds", "-o", out)
        self.assert_exit(p, EXIT_OK)
        self.assertEqual(self.read(out), self.merge("abc.json", a, b, c))

    def test_label_and_output_formats(self):
        a, b, _ = self.shards()
        p = run("merge", a, b, "--label", "two parts")
        self.assert_exit(p, EXIT_OK)
        self.assertEqual(json.loads(p.stdout)["graph"]["label"], "two parts")
        p = run("merge", a, b, "-o", self.path("m.graphml"), "-o", self.path("m.dot"))
        self.assert_exit(p, EXIT_OK)
        self.assertIn(b"<graphml", self.read(self.path("m.graphml")))
        self.assertIn(b"digraph", self.read(self.path("m.dot")))


if __name__ == "__main__":
    unittest.main(verbosity=2)
