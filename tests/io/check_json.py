"""Checks the JSON export with outside tools: the fixtures validate against
the JSON Graph Format v1 schema and load into NetworkX in the one call the
design promises.

Run by meson with NG_EXPORT_FIXTURE (the program that writes the fixtures)
and NG_SCHEMAS (the schema folder) in the environment.
"""
import json
import os
import subprocess
import sys
import tempfile

import jsonschema
import networkx as nx

# What the fixtures in tests/support/fixtures.c hold.
EXPECTED = {
    "summit": {
        "nodes": 7,
        "edges": 5,
        "labels": {"kim-jong-un": "Kim Jong Un", "vostochny-cosmodrome": "Vostochny Cosmodrome"},
        "edge": ("kim-jong-un", "vladimir-putin", "meets", 2),
    },
    "awkward": {
        "nodes": 9,
        "edges": 5,
        "labels": {"quote-group-co": 'Quote "Group" \\ & <Co>', "node": "node"},
        "edge": ("bell-name-data", "evil-edirrevo", "meets", 1),
    },
}


def export(fixture, directory):
    path = os.path.join(directory, fixture + ".json")
    subprocess.run([os.environ["NG_EXPORT_FIXTURE"], fixture, "json", path], check=True)
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def check_schema(doc, validator):
    errors = sorted(validator.iter_errors(doc), key=lambda e: list(e.absolute_path))
    for e in errors:
        print("schema:", "/".join(map(str, e.absolute_path)), e.message, file=sys.stderr)
    assert not errors, "does not validate against JGF v1"


def check_networkx(doc, want):
    g = nx.node_link_graph(doc["graph"], link="edges", key="id")
    assert g.number_of_nodes() == want["nodes"], g.number_of_nodes()
    assert g.number_of_edges() == want["edges"], g.number_of_edges()
    for node, label in want["labels"].items():
        assert g.nodes[node]["label"] == label, (node, g.nodes[node]["label"])
    source, target, relation, weight = want["edge"]
    (data,) = g.get_edge_data(source, target).values()
    assert data["relation"] == relation, data["relation"]
    assert data["metadata"]["weight"] == weight, data["metadata"]["weight"]


def main():
    schema_path = os.path.join(os.environ["NG_SCHEMAS"], "jgf", "json-graph-schema_v1.json")
    with open(schema_path, encoding="utf-8") as f:
        schema = json.load(f)
    validator = jsonschema.Draft4Validator(schema)
    with tempfile.TemporaryDirectory() as directory:
        for fixture, want in EXPECTED.items():
            doc = export(fixture, directory)
            check_schema(doc, validator)
            check_networkx(doc, want)
            print(fixture, "ok")


if __name__ == "__main__":
    main()
