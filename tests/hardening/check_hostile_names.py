"""Hostile names from outside come out escaped and valid in every format.

tests/formats checks the exporters on a graph built through the API (the
"awkward" fixture). Here the same kind of names arrive the way a user's
do: in a JSON graph file given to `convert`, and in news text and a
dictionary given to `extract`. Every output is checked by the tool it is
meant for: the JSON against the JGF schema (jsonschema), the GraphML
against the GraphML schema (xmllint), the DOT by `dot` and `gvpr`, the
SVG diagram by xmllint. Names and evidence must keep what is printable
and lose only controls, bidi overrides and invalid bytes.

Run by meson with NG_BIN, NG_SCHEMAS and XML_CATALOG_FILES set.
"""
import json
import os
import shutil
import subprocess
import tempfile
import unittest

import jsonschema

BIN = os.environ["NG_BIN"]
SCHEMAS = os.environ["NG_SCHEMAS"]

# label as given -> label as every output must show it
HOSTILE = {
    'Quote "Group" \\ & <Co>': 'Quote "Group" \\ & <Co>',
    "Bell\u0007Name ]]> </data>": "Bell Name ]]> </data>",
    "<script>alert(1)</script>": "<script>alert(1)</script>",
    "evil\u202eedirrevo\u2066x\u2069": "eviledirrevox",
    "line\nbreak\ttab\r": "line break tab ",
    'dot "keyword" node -> graph; }': 'dot "keyword" node -> graph; }',
    "del\u007f c1\u0085 end": "del  c1  end",
    "nonchar\ufffe": "nonchar\ufffd",
}
# characters that must be in no output label
FORBIDDEN = [chr(c) for c in range(0x20)] + ["\u007f", "\u0085", "\u202e", "\u2066", "\u2069",
                                             "\ufffe"]


def hostile_graph():
    labels = list(HOSTILE)
    nodes = [{"id": f"n{i}", "label": label, "metadata": {"type": "person"}}
             for i, label in enumerate(labels)]
    edges = [{"source": f"n{i}", "target": f"n{(i + 1) % len(labels)}", "relation": "meets",
              "metadata": {"evidence": [{"doc": "<doc>\u202e.txt", "text": labels[i]}]}}
             for i in range(len(labels))]
    return {"graph": {"label": "<title> ]]> \u202e", "nodes": nodes, "edges": edges}}


def run(argv, **kwargs):
    return subprocess.run(argv, capture_output=True, timeout=120, **kwargs)


class Case(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="ng-hostile-")
        self.addCleanup(shutil.rmtree, self.dir)
        with open(os.path.join(SCHEMAS, "jgf", "json-graph-schema_v1.json")) as f:
            self.jgf = jsonschema.Draft4Validator(json.load(f))

    def path(self, name):
        return os.path.join(self.dir, name)

    def outputs(self):
        return [self.path("out." + ext) for ext in ("json", "graphml", "dot", "svg")]

    def assert_clean(self, result, what):
        self.assertEqual(result.returncode, 0, f"{what}: {result.stderr.decode(errors='replace')}")
        self.assertEqual(result.stderr, b"", what)

    def check_outputs(self):
        """Validates every output; returns the JSON graph."""
        out_json, out_graphml, out_dot, out_svg = self.outputs()
        with open(out_json, encoding="utf-8") as f:
            doc = json.load(f)
        errors = [e.message for e in self.jgf.iter_errors(doc)]
        self.assertEqual(errors, [], "JGF schema")
        valid = run(["xmllint", "--nonet", "--noout", "--schema",
                     os.path.join(SCHEMAS, "graphml", "graphml.xsd"), out_graphml])
        self.assertEqual(valid.returncode, 0, valid.stderr.decode(errors="replace"))
        svg = run(["dot", "-Tsvg", out_dot])
        self.assert_clean(svg, "dot")
        self.assert_clean(run(["xmllint", "--nonet", "--noout", "-"], input=svg.stdout),
                          "xmllint on dot's SVG")
        names = run(["gvpr", 'N{printf("%s\\n", title)}', out_dot])
        self.assert_clean(names, "gvpr")
        self.assert_clean(run(["xmllint", "--nonet", "--noout", out_svg]), "xmllint SVG")
        labels = [n["label"] for n in doc["graph"]["nodes"]]
        for label in labels + [doc["graph"]["label"]]:
            for c in FORBIDDEN:
                self.assertNotIn(c, label)
        return doc, names.stdout.decode("utf-8")


class FromGraphFile(Case):
    def test_json_graph_with_hostile_labels_converts_to_every_format(self):
        src = self.path("hostile.json")
        with open(src, "w", encoding="utf-8") as f:
            json.dump(hostile_graph(), f)
        argv = [BIN, "convert", src]
        for out in self.outputs():
            argv += ["-o", out]
        self.assert_clean(run(argv), "convert")
        doc, dot_labels = self.check_outputs()
        self.assertEqual(sorted(n["label"] for n in doc["graph"]["nodes"]),
                         sorted(HOSTILE.values()))
        # gvpr reads each name back (the title: the label holds renderer escapes)
        self.assertEqual(sorted(dot_labels.splitlines()), sorted(HOSTILE.values()))


class FromText(Case):
    def test_hostile_text_and_dictionary_extract_to_every_format(self):
        d = self.path("names.tsv")
        with open(d, "wb") as f:
            f.write(b'organization\tQuote "Group" Co\ncountry\tCdata ]]> Land\n')
        text = self.path("story.txt")
        with open(text, "wb") as f:
            f.write(b'Quote "Group" Co supplied Cdata ]]> Land with arms\xff\xfe. '
                    b"<script>alert(1)</script> \xe2\x80\xae\x01 sanctioned it.\n")
        argv = [BIN, "extract", "-q", "--dict", d, text]
        for out in self.outputs():
            argv += ["-o", out]
        result = run(argv)
        self.assertEqual(result.returncode, 1, result.stderr)  # the invalid bytes were repaired
        doc, _ = self.check_outputs()
        (edge,) = doc["graph"]["edges"]
        evidence = edge["metadata"]["evidence"][0]["text"]
        self.assertIn("<script>alert(1)</script>", evidence)
        self.assertIn("Cdata ]]> Land", evidence)
        self.assertIn("\ufffd", evidence)
        for c in FORBIDDEN:
            self.assertNotIn(c, evidence)


if __name__ == "__main__":
    unittest.main(verbosity=2)
