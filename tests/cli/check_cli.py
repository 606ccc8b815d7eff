"""The newsgraph program as a user meets it: help, version, errors with
their messages and exit codes, and outputs that are never half-written.

Run by meson with NG_BIN (the program) and NG_SOURCE_ROOT set.
"""
import json
import os
import re
import shutil
import subprocess
import tempfile
import time
import unittest

BIN = os.environ["NG_BIN"]
SEEDS = os.path.join(os.environ["NG_SOURCE_ROOT"], "seeds")

EXIT_OK, EXIT_PARTIAL, EXIT_USAGE, EXIT_NO_INPUT, EXIT_MALFORMED, EXIT_OUTPUT = 0, 1, 2, 3, 4, 5


def run(*args, stdin=None, cwd=None):
    return subprocess.run([BIN, *args], input=stdin, capture_output=True, cwd=cwd, timeout=120)


class CliCase(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="ng-cli-")

    def tearDown(self):
        shutil.rmtree(self.dir)

    def path(self, *parts):
        return os.path.join(self.dir, *parts)

    def write(self, name, data):
        p = self.path(name)
        os.makedirs(os.path.dirname(p), exist_ok=True)
        with open(p, "wb") as f:
            f.write(data)
        return p

    def assert_exit(self, proc, code):
        self.assertEqual(proc.returncode, code,
                         f"exit {proc.returncode}, stderr: {proc.stderr.decode(errors='replace')}")

    def assert_stderr_has(self, proc, *texts):
        err = proc.stderr.decode("utf-8", errors="replace")
        for t in texts:
            self.assertIn(t, err)

    def load(self, path):
        with open(path, encoding="utf-8") as f:
            return json.load(f)

    def leftovers(self):
        """Temporary files an interrupted or failed save would leave."""
        return [n for n in os.listdir(self.dir) if n.startswith(".")]


class HelpAndVersion(CliCase):
    def test_help_lists_commands_and_exit_codes(self):
        p = run("--help")
        self.assert_exit(p, EXIT_OK)
        out = p.stdout.decode()
        for text in ("Usage: newsgraph COMMAND", "extract", "convert", "eval", "Exit status", "70"):
            self.assertIn(text, out)

    def test_every_command_has_help(self):
        for cmd in ("extract", "convert", "eval"):
            p = run(cmd, "--help")
            self.assert_exit(p, EXIT_OK)
            self.assertIn(f"Usage: newsgraph {cmd}", p.stdout.decode())

    def test_help_command_shows_command_help(self):
        p = run("help", "extract")
        self.assert_exit(p, EXIT_OK)
        self.assertIn("Usage: newsgraph extract", p.stdout.decode())

    def test_version(self):
        p = run("--version")
        self.assert_exit(p, EXIT_OK)
        self.assertRegex(p.stdout.decode(), r"^newsgraph \d+\.\d+\.\d+\n$")

    def test_man_page_documents_the_same_exit_codes(self):
        help_codes = re.findall(r"^  (\d+) ", run("--help").stdout.decode(), re.M)
        with open(os.path.join(os.environ["NG_SOURCE_ROOT"], "doc", "newsgraph.1")) as f:
            man = f.read()
        section = man[man.index(".SH EXIT STATUS"):man.index(".SH EXAMPLES")]
        self.assertEqual(help_codes, re.findall(r"^\.B (\d+)$", section, re.M))

    def test_no_arguments_is_usage_error(self):
        p = run()
        self.assert_exit(p, EXIT_USAGE)
        self.assert_stderr_has(p, "Usage: newsgraph")


class UsageErrors(CliCase):
    def test_unknown_command(self):
        p = run("frobnicate")
        self.assert_exit(p, EXIT_USAGE)
        self.assert_stderr_has(p, "newsgraph: unknown command 'frobnicate'")

    def test_unknown_option(self):
        p = run("extract", "--bogus", SEEDS)
        self.assert_exit(p, EXIT_USAGE)
        self.assert_stderr_has(p, "unknown option '--bogus'", "newsgraph extract --help")

    def test_option_missing_its_value(self):
        p = run("extract", SEEDS, "-o")
        self.assert_exit(p, EXIT_USAGE)
        self.assert_stderr_has(p, "option '-o' needs a value")

    def test_extract_without_input(self):
        p = run("extract", "-o", self.path("g.json"))
        self.assert_exit(p, EXIT_USAGE)
        self.assert_stderr_has(p, "no input given")

    def test_unknown_output_extension_fails_before_reading(self):
        p = run("extract", SEEDS, "-o", self.path("graph.txt"))
        self.assert_exit(p, EXIT_USAGE)
        self.assert_stderr_has(p, "cannot tell the format of", "graph.txt")
        self.assertFalse(os.path.exists(self.path("graph.txt")))

    def test_unknown_format_name(self):
        p = run("extract", SEEDS, "--format", "xml")
        self.assert_exit(p, EXIT_USAGE)
        self.assert_stderr_has(p, "unknown format 'xml'")


class Extract(CliCase):
    def test_seeds_give_one_document_record_per_file(self):
        out = self.path("g.json")
        p = run("extract", SEEDS, "-o", out)
        self.assert_exit(p, EXIT_OK)
        docs = self.load(out)["graph"]["metadata"]["documents"]
        names = sorted(d["doc"] for d in docs)
        self.assertEqual(names, sorted(os.listdir(SEEDS)))
        dated = {d["doc"]: d["date"] for d in docs}
        self.assertEqual(dated["002_f844181961fc0e49.txt"], "2023-09-12")
        self.assertTrue(all(d["sentences"] > 0 for d in docs))

    def test_every_output_format_written_at_once(self):
        outs = [self.path(n) for n in ("g.json", "g.graphml", "g.dot")]
        p = run("extract", SEEDS, *sum((["-o", o] for o in outs), []))
        self.assert_exit(p, EXIT_OK)
        for o in outs:
            self.assertGreater(os.path.getsize(o), 0)
        self.assertEqual(self.leftovers(), [])

    def test_json_to_standard_output_by_default(self):
        p = run("extract", SEEDS)
        self.assert_exit(p, EXIT_OK)
        self.assertIn("graph", json.loads(p.stdout))

    def test_format_option_with_standard_output(self):
        p = run("extract", SEEDS, "-f", "dot", "-o", "-")
        self.assert_exit(p, EXIT_OK)
        self.assertIn(b"digraph", p.stdout)

    def test_standard_input(self):
        p = run("extract", "-", stdin=b"Kim Jong Un met Vladimir Putin on Wednesday.\n")
        self.assert_exit(p, EXIT_OK)
        docs = json.loads(p.stdout)["graph"]["metadata"]["documents"]
        self.assertEqual(len(docs), 1)

    def test_missing_input_alone_writes_nothing(self):
        out = self.write("g.json", b"OLD")
        p = run("extract", self.path("nope.txt"), "-o", out)
        self.assert_exit(p, EXIT_NO_INPUT)
        self.assert_stderr_has(p, "nope.txt")
        with open(out, "rb") as f:
            self.assertEqual(f.read(), b"OLD")

    def test_missing_input_among_others_is_partial(self):
        good = self.write("in/a.txt", b"Russia sanctioned Iran.\n")
        out = self.path("g.json")
        p = run("extract", good, self.path("nope.txt"), "-o", out)
        self.assert_exit(p, EXIT_PARTIAL)
        self.assert_stderr_has(p, "nope.txt")
        self.assertEqual(len(self.load(out)["graph"]["metadata"]["documents"]), 1)

    def test_directory_with_binary_file_skips_it_with_warning(self):
        self.write("in/a.txt", b"Kim met Putin.\n")
        self.write("in/b.bin", bytes(range(256)) * 8)
        out = self.path("g.json")
        p = run("extract", self.path("in"), "-o", out)
        self.assert_exit(p, EXIT_PARTIAL)
        self.assert_stderr_has(p, "b.bin", "warning")
        docs = self.load(out)["graph"]["metadata"]["documents"]
        self.assertEqual([d["doc"] for d in docs], ["a.txt"])

    def test_invalid_utf8_is_reported_with_offset_and_replaced(self):
        bad = self.write("bad.txt", b"Kim met Putin\xff\xfe in Russia.\n")
        out = self.path("g.json")
        p = run("extract", bad, "-o", out)
        self.assert_exit(p, EXIT_PARTIAL)
        self.assert_stderr_has(p, "bad.txt", "13")  # the first bad byte
        with open(out, "rb") as f:
            f.read().decode("utf-8")  # the output is valid UTF-8

    def test_quiet_hides_warnings_but_not_the_status(self):
        bad = self.write("bad.txt", b"Kim met Putin\xff.\n")
        p = run("extract", "-q", bad, "-o", self.path("g.json"))
        self.assert_exit(p, EXIT_PARTIAL)
        self.assertEqual(p.stderr, b"")

    def test_empty_file_is_no_input(self):
        empty = self.write("empty.txt", b"")
        out = self.path("g.json")
        p = run("extract", empty, "-o", out)
        self.assert_exit(p, EXIT_NO_INPUT)
        self.assert_stderr_has(p, "empty.txt")
        self.assertFalse(os.path.exists(out))

    def test_file_with_nul_bytes_is_skipped_with_warning(self):
        nul = self.write("nul.txt", b"Kim met\x00 Putin.\n" * 4)
        p = run("extract", nul, "-o", self.path("g.json"))
        self.assertIn(p.returncode, (EXIT_NO_INPUT, EXIT_PARTIAL))
        self.assert_stderr_has(p, "nul.txt")

    def test_jsonl_malformed_record_names_its_line(self):
        corpus = self.write("c.jsonl",
                            b'{"id": "one", "date": "2023-09-13", "text": "Kim met Putin."}\n'
                            b'{"id": "two", "text": \n'
                            b'{"id": "three", "text": "Russia sanctioned Iran."}\n')
        out = self.path("g.json")
        p = run("extract", corpus, "-o", out)
        self.assert_exit(p, EXIT_PARTIAL)
        self.assert_stderr_has(p, "c.jsonl:2")
        docs = self.load(out)["graph"]["metadata"]["documents"]
        self.assertEqual([d["doc"] for d in docs], ["one", "three"])
        self.assertEqual(docs[0]["date"], "2023-09-13")

    def test_unwritable_output_keeps_previous_file_and_leaves_no_temporary(self):
        blocker = self.path("g.json")
        os.mkdir(blocker)  # a directory where the file should go
        p = run("extract", SEEDS, "-o", blocker)
        self.assert_exit(p, EXIT_OUTPUT)
        self.assert_stderr_has(p, "g.json")
        self.assertTrue(os.path.isdir(blocker))
        self.assertEqual(self.leftovers(), [])

    def test_output_in_missing_directory(self):
        p = run("extract", SEEDS, "-o", self.path("no", "such", "g.json"))
        self.assert_exit(p, EXIT_OUTPUT)
        self.assert_stderr_has(p, "no/such")


class Jobs(CliCase):
    def extract(self, *args):
        out = self.path("g-%d.json" % len(os.listdir(self.dir)))
        p = run("extract", *args, "-o", out, "-o", out[:-5] + ".graphml", "-o", out[:-5] + ".dot")
        outputs = []
        for ext in (".json", ".graphml", ".dot"):
            with open(out[:-5] + ext, "rb") as f:
                outputs.append(f.read())
        return p, outputs

    def test_threads_give_the_graph_of_one_thread(self):
        _, one = self.extract(SEEDS)
        for jobs in ("2", "3", "8", "0"):
            p, many = self.extract(SEEDS, "--jobs", jobs)
            self.assert_exit(p, EXIT_OK)
            self.assertEqual(one, many, "--jobs " + jobs)

    def test_threads_keep_every_document_and_report_bad_ones(self):
        for i in range(30):
            self.write("in/%02d.txt" % i, b"Kim met Putin in Vladivostok.\n" if i % 3 else
                       b"Russia supplied shells to North Korea.\n")
        self.write("in/15.bin", bytes(range(256)) * 8)
        _, one = self.extract(self.path("in"))
        p, many = self.extract(self.path("in"), "-j", "4")
        self.assert_exit(p, EXIT_PARTIAL)
        self.assert_stderr_has(p, "15.bin")
        self.assertEqual(one, many)
        docs = json.loads(many[0])["graph"]["metadata"]["documents"]
        self.assertEqual(len(docs), 30)

    def test_threads_give_the_outputs_and_messages_of_one_thread(self):
        """JSON Lines records (good, renamed, malformed), standard input twice
        (the second time empty), and files that are binary, invalid UTF-8 or
        empty, or share a base name."""
        seeds = sorted(os.listdir(SEEDS))
        os.makedirs(self.path("in", "a"))
        for name in seeds:
            shutil.copy(os.path.join(SEEDS, name), self.path("in", "a", name))
        records = [json.dumps({"id": "r%d" % (i % 4), "date": "2023-09-%02d" % (i + 1),
                               "text": "Kim Jong Un met Vladimir Putin. Russia supplied fuel "
                                       "to North Korea, officials said (%d)." % i})
                   for i in range(12)]
        records[3] = '{"id": "broken", "text": '
        records[5] = "[1, 2]"
        records[7] = ""
        self.write("in/b/corpus.jsonl", ("\n".join(records) + "\n").encode())
        self.write("in/b/picture.bin", bytes(range(256)) * 8)
        self.write("in/b/latin1.txt", b"Kim Jong Un met Vladimir Putin \xe9t\xe9.\n")
        self.write("in/b/empty.txt", b"\n \n")
        self.write("in/c/" + seeds[0], b"Xi Jinping visited Moscow.\n")
        stdin = b"Putin visited Pyongyang.\n"
        runs = []
        for jobs in ("1", "2", "3", "8"):
            out = self.path("g%s.json" % jobs)
            p = run("extract", self.path("in"), "-", "-", "--jobs", jobs, "-o", out,
                    "-o", out[:-5] + ".graphml", "-o", out[:-5] + ".dot", stdin=stdin)
            self.assert_exit(p, EXIT_PARTIAL)
            outputs = []
            for ext in (".json", ".graphml", ".dot"):
                with open(out[:-5] + ext, "rb") as f:
                    outputs.append(f.read())
            runs.append((p.stderr, outputs))
        for stderr, outputs in runs[1:]:
            self.assertEqual(stderr, runs[0][0])
            self.assertEqual(outputs, runs[0][1])
        docs = [d["doc"] for d in json.loads(runs[0][1][0])["graph"]["metadata"]["documents"]]
        self.assertIn("r1#2", docs)
        self.assertIn("stdin", docs)
        for text in (b"binary file skipped", b"invalid UTF-8", b"empty document skipped",
                     b"record is not a JSON object", b"duplicate id"):
            self.assertIn(text, runs[0][0])

    def test_jobs_must_be_a_number(self):
        for bad in ("x", "-1", "1000"):
            p = run("extract", SEEDS, "--jobs", bad)
            self.assert_exit(p, EXIT_USAGE)
            self.assert_stderr_has(p, "--jobs")

    def extract_on_a_terminal(self, *inputs, before=None):
        """Runs extract with standard error on a pseudo-terminal; calls
        before() once the process has started. The terminal's bytes."""
        import pty
        master, slave = pty.openpty()
        p = subprocess.Popen([BIN, "extract", *inputs, "-o", self.path("g.json")],
                             stderr=slave)
        os.close(slave)
        if before:
            before()
        shown = b""
        try:
            while True:
                chunk = os.read(master, 65536)
                if not chunk:
                    break
                shown += chunk
        except OSError:
            pass  # the terminal is closed once everything is read
        os.close(master)
        p.wait(timeout=300)
        p.stderr = b""
        self.assert_exit(p, EXIT_OK)
        self.assertTrue(shown.endswith(b"\r\x1b[K"), "the line is erased at the end")
        return shown

    def copy_seeds(self, times):
        for i in range(times):
            for name in os.listdir(SEEDS):
                shutil.copy(os.path.join(SEEDS, name), self.path("%03d-%s" % (i, name)))

    def test_progress_line_on_a_terminal(self):
        # The first input is a pipe that gets its page after 1.2 s, so the
        # first line is drawn past the second that a rate needs.
        self.copy_seeds(20)
        pipes = tempfile.mkdtemp(prefix="ng-cli-fifo-")
        self.addCleanup(shutil.rmtree, pipes)
        fifo = os.path.join(pipes, "late")
        os.mkfifo(fifo)

        def feed():
            time.sleep(1.2)
            with open(fifo, "wb") as f:
                f.write(b"Vladimir Putin met Kim Jong Un in Vostochny.\n")
        shown = self.extract_on_a_terminal(fifo, self.dir, before=feed)
        self.assertRegex(shown, rb"newsgraph: \d+ documents?, [\d.]+ MB of [\d.]+ MB, "
                                rb"[\d.]+ MB/s, ETA \d+:\d\d")

    def test_progress_line_shows_no_rate_in_the_first_second(self):
        # The first document is drawn at once, long before a second is up.
        self.copy_seeds(1)
        shown = self.extract_on_a_terminal(self.dir)
        first = shown.split(b"\r\x1b[K")[1]
        self.assertRegex(first, rb"^newsgraph: 1 document, [\d.]+ MB of [\d.]+ MB$")

    def test_no_progress_line_when_standard_error_is_not_a_terminal(self):
        p = run("extract", SEEDS, "-o", self.path("g.json"))
        self.assertNotIn(b"MB/s", p.stderr)


class Dictionaries(CliCase):
    def test_user_dictionary_adds_names_and_words(self):
        d = self.write("my.tsv", b"person\tZara Veltman\talias=Veltman\n"
                                 b"trigger\tparley\trelation=meets\tverb=parley|parleyed\tprep=with\n")
        p = run("extract", "--dict", d, "-", stdin=b"Veltman parleyed with Vladimir Putin.\n")
        self.assert_exit(p, EXIT_OK)
        g = json.loads(p.stdout)["graph"]
        self.assertEqual([(e["source"], e["relation"], e["target"]) for e in g["edges"]],
                         [("vladimir-putin", "meets", "zara-veltman")])

    def test_malformed_dictionary_names_line_and_column(self):
        d = self.write("bad.tsv", b"person\tGood Name\nplanet\tMars\n")
        out = self.path("g.json")
        p = run("extract", "--dict", d, SEEDS, "-o", out)
        self.assert_exit(p, EXIT_MALFORMED)
        self.assert_stderr_has(p, "bad.tsv:2:1:", "unknown kind 'planet'")
        self.assertFalse(os.path.exists(out))

    def test_missing_dictionary(self):
        p = run("extract", "--dict", self.path("nope.tsv"), SEEDS, "-o", self.path("g.json"))
        self.assert_exit(p, EXIT_NO_INPUT)
        self.assert_stderr_has(p, "nope.tsv")

    def test_no_default_dictionary_finds_nothing(self):
        p = run("extract", "--no-default-dict", "-", stdin=b"Kim Jong Un met Vladimir Putin.\n")
        self.assert_exit(p, EXIT_OK)
        self.assertEqual(json.loads(p.stdout)["graph"]["edges"], [])


class Convert(CliCase):
    def saved_graph(self):
        out = self.path("g.json")
        self.assert_exit(run("extract", SEEDS, "-o", out), EXIT_OK)
        return out

    def test_json_to_graphml_and_dot(self):
        src = self.saved_graph()
        p = run("convert", src, "-o", self.path("g.graphml"), "-o", self.path("g.dot"))
        self.assert_exit(p, EXIT_OK)
        self.assertIn(b"<graphml", open(self.path("g.graphml"), "rb").read())
        self.assertIn(b"digraph", open(self.path("g.dot"), "rb").read())

    def test_json_round_trip_is_identical(self):
        src = self.saved_graph()
        again = self.path("again.json")
        self.assert_exit(run("convert", src, "-o", again), EXIT_OK)
        self.assertEqual(open(src, "rb").read(), open(again, "rb").read())

    def test_missing_graph_file(self):
        p = run("convert", self.path("nope.json"), "-o", self.path("g.dot"))
        self.assert_exit(p, EXIT_NO_INPUT)
        self.assert_stderr_has(p, "nope.json")

    def test_malformed_graph_names_line_and_column(self):
        bad = self.write("bad.json", b'{"graph": {"nodes": [\n  {"id": 1,,}\n]}}\n')
        p = run("convert", bad, "-o", self.path("g.dot"))
        self.assert_exit(p, EXIT_MALFORMED)
        self.assert_stderr_has(p, "bad.json:2:")
        self.assertFalse(os.path.exists(self.path("g.dot")))

    def edge_summaries(self, path):
        """(source, relation, target) -> (weight, modality) of a JSON graph."""
        return {(e["source"], e["relation"], e["target"]):
                (e["metadata"]["weight"], e["metadata"]["modality"])
                for e in self.load(path)["graph"]["edges"]}

    def test_graphml_and_dot_convert_to_json_keeping_the_graph(self):
        src = self.saved_graph()
        self.assert_exit(run("convert", src, "-o", self.path("g.graphml"),
                             "-o", self.path("g.dot")), EXIT_OK)
        want_nodes = [(n["id"], n["label"], n["metadata"]["type"])
                      for n in self.load(src)["graph"]["nodes"]]
        for name in ("g.graphml", "g.dot"):
            back = self.path(name + ".json")
            self.assert_exit(run("convert", self.path(name), "-o", back), EXIT_OK)
            got_nodes = [(n["id"], n["label"], n["metadata"]["type"])
                         for n in self.load(back)["graph"]["nodes"]]
            self.assertEqual(sorted(got_nodes), sorted(want_nodes), name)
            self.assertEqual(self.edge_summaries(back), self.edge_summaries(src), name)

    def test_graphml_and_dot_round_trips_are_identical(self):
        src = self.saved_graph()
        for ext in ("graphml", "dot"):
            first, again = self.path("g." + ext), self.path("again." + ext)
            self.assert_exit(run("convert", src, "-o", first), EXIT_OK)
            self.assert_exit(run("convert", first, "-o", again), EXIT_OK)
            with open(first, "rb") as a, open(again, "rb") as b:
                self.assertEqual(a.read(), b.read(), ext)

    def test_malformed_dot_names_its_line(self):
        bad = self.write("bad.dot", b"digraph {\n  a -> b;\n  c -> -> d;\n}\n")
        p = run("convert", bad, "-o", self.path("g.json"))
        self.assert_exit(p, EXIT_MALFORMED)
        self.assert_stderr_has(p, "bad.dot:3:", "syntax error")
        self.assertFalse(os.path.exists(self.path("g.json")))

    def test_unknown_relation_in_graphml_names_its_line(self):
        bad = self.write("bad.graphml", b'<graphml><key id="r" for="edge" attr.name="relation"/>'
                         b'<graph>\n<node id="a"/><node id="b"/>\n'
                         b'<edge source="a" target="b"><data key="r">likes</data></edge>\n'
                         b'</graph></graphml>\n')
        p = run("convert", bad, "-o", self.path("g.json"))
        self.assert_exit(p, EXIT_MALFORMED)
        self.assert_stderr_has(p, "bad.graphml:3:", "unknown relation")

    def test_unknown_input_extension_is_usage_error(self):
        txt = self.write("g.txt", b"digraph { a -> b }\n")
        p = run("convert", txt, "-o", self.path("g.json"))
        self.assert_exit(p, EXIT_USAGE)
        self.assert_stderr_has(p, "--from")

    def test_convert_needs_an_output(self):
        p = run("convert", self.saved_graph())
        self.assert_exit(p, EXIT_USAGE)
        self.assert_stderr_has(p, "no output given")


if __name__ == "__main__":
    unittest.main(verbosity=2)
