#!/usr/bin/python3
"""Checks the exporters' output with the tools it is written for.

    check_formats.py CHECK FIXTURE

writes FIXTURE (summit or awkward, see tests/support/fixtures.c) through
$NG_EXPORT_FIXTURE and runs CHECK on the file:

    graphml-schema      xmllint validates it against the GraphML schema
    graphml-networkx    networkx.read_graphml
    graphml-igraph      igraph.Graph.Read_GraphML
    graphml-graph-tool  graph_tool.load_graph(fmt="graphml")
    dot-render          dot -Tsvg: well-formed SVG showing every label as written
    dot-sfdp            sfdp -Tsvg
    dot-gvpr            gvpr queries on the data attributes
    dot-networkx        networkx.nx_agraph.read_dot (needs pygraphviz)

Each GraphML loader must give back every <data> of the file, with its
type, as ElementTree reads it; and what ElementTree reads must be the
fixture. Exit status: 0 passed, 1 failed, 77 skipped (meson's code).
"""

import math
import os
import subprocess
import sys
import tempfile
import warnings
import xml.etree.ElementTree as ET

SKIP = 77
GRAPHML = "{http://graphml.graphdrawing.org/xmlns}"
SVG = "{http://www.w3.org/2000/svg}"

# What the fixtures hold, as the exporters must write it: labels are
# sanitised (control characters become spaces, invalid bytes U+FFFD, bidi
# controls dropped), nothing else changes.
# entity id: (label, type); edges: (source, relation, target, modality, weight)
FIXTURES = {
    "summit": {
        "label": "summit fixture",
        "nodes": {
            "kim-jong-un": ("Kim Jong Un", "person"),
            "vladimir-putin": ("Vladimir Putin", "person"),
            "north-korea": ("North Korea", "country"),
            "russia": ("Russia", "country"),
            "united-states": ("United States", "country"),
            "vostochny-cosmodrome": ("Vostochny Cosmodrome", "place"),
            "un-security-council": ("UN Security Council", "organization"),
        },
        "edges": [
            ("kim-jong-un", "meets", "vladimir-putin", "asserted", 2),
            ("kim-jong-un", "visits", "vostochny-cosmodrome", "asserted", 1),
            ("north-korea", "supplies", "russia", "alleged", 1),
            ("united-states", "sanctions", "north-korea", "asserted", 1),
            ("united-states", "supplies", "russia", "denied", 1),
        ],
    },
    "awkward": {
        "label": 'awkward "labels" & <tags> ',
        "nodes": {
            "quote-group-co": ('Quote "Group" \\ & <Co>', "organization"),
            "line-break-tab-org": ("Line Break Tab Org", "organization"),
            "김정은": ("김정은", "person"),
            "平壤": ("平壤", "place"),
            "bell-name-data": ("Bell Name ]]> </data>", "person"),
            "badbytes": ("Bad\ufffd\ufffdBytes", "country"),
            "evil-edirrevo": ("eviledirrevo", "person"),
            "node": ("node", "place"),
            "graph": ("graph", "country"),
        },
        "edges": [
            ("quote-group-co", "supplies", "line-break-tab-org", "asserted", 1),
            ("김정은", "visits", "平壤", "asserted", 1),
            ("bell-name-data", "meets", "evil-edirrevo", "asserted", 1),
            ("badbytes", "sanctions", "graph", "asserted", 1),
            ("node", "meets", "김정은", "asserted", 1),
        ],
    },
}

AWKWARD_EVIDENCE = 'He said "hi" \\ <b>&amp;</b> then  left.'
MODALITY_SUFFIX = {"asserted": "", "planned": " (planned)", "alleged": " (alleged)",
                   "denied": " (denied)"}


class Skip(Exception):
    pass


def run(argv, **kwargs):
    return subprocess.run(argv, capture_output=True, check=False, **kwargs)


def require_clean(result, what):
    """Fails unless the tool exited 0 and said nothing on stderr."""
    stderr = result.stderr.decode("utf-8", "replace")
    assert result.returncode == 0 and not stderr, \
        f"{what} exited with {result.returncode}: {stderr}"


def export(fixture, fmt, directory):
    path = os.path.join(directory, f"{fixture}.{fmt}")
    require_clean(run([os.environ["NG_EXPORT_FIXTURE"], fixture, fmt, path]), "export-fixture")
    return path


def assert_equal(what, actual, expected):
    assert actual == expected, f"{what}:\n  expected {expected!r}\n  got      {actual!r}"


# --- GraphML --------------------------------------------------------------

def read_reference(path):
    """The file as ElementTree reads it, values typed by their keys:
    {"graph": {name: value}, "nodes": {id: {...}}, "edges": {id: (source,
    target, {...})}, "keys": {domain: {name: type}}}."""
    root = ET.parse(path).getroot()
    keys, names = {}, {}
    for key in root.iter(GRAPHML + "key"):
        keys.setdefault(key.get("for"), {})[key.get("attr.name")] = key.get("attr.type")
        names[key.get("id")] = (key.get("attr.name"), key.get("attr.type"))
    convert = {"string": str, "int": int, "boolean": {"true": True, "false": False}.__getitem__}

    def data(element):
        out = {}
        for d in element.findall(GRAPHML + "data"):
            name, kind = names[d.get("key")]
            out[name] = convert[kind](d.text or "")
        return out

    graph = root.find(GRAPHML + "graph")
    return {
        "keys": keys,
        "graph": data(graph),
        "nodes": {n.get("id"): data(n) for n in graph.findall(GRAPHML + "node")},
        "edges": {e.get("id"): (e.get("source"), e.get("target"), data(e))
                  for e in graph.findall(GRAPHML + "edge")},
    }


def check_reference(ref, fixture):
    """The written file holds the fixture."""
    expected = FIXTURES[fixture]
    assert_equal("graph label", ref["graph"]["label"], expected["label"])
    assert ref["graph"]["generator"].startswith("newsgraph "), ref["graph"]
    nodes = {d["entity_id"]: (d["label"], d["type"]) for d in ref["nodes"].values()}
    assert_equal("nodes", nodes, expected["nodes"])
    entity = {i: d["entity_id"] for i, d in ref["nodes"].items()}
    edges = [(entity[s], d["label"], entity[t], d["modality"], d["weight"])
             for s, t, d in ref["edges"].values()]
    assert_equal("edges", edges, expected["edges"])
    for s, t, d in ref["edges"].values():
        assert_equal("relation", d["relation"], d["label"])
        assert_equal("directed", d["directed"], d["relation"] != "meets")
        if fixture == "awkward":
            assert_equal("evidence", d["evidence"], AWKWARD_EVIDENCE)


def same_value(actual, expected, fill):
    """Whether a loaded value is the written one. expected is None when
    the file has no value: the loader may then show `fill` values."""
    if expected is None:
        return actual in fill or (isinstance(actual, float) and math.isnan(actual))
    if isinstance(expected, bool):
        return actual in (0, 1) and bool(actual) == expected
    if isinstance(expected, int):
        return not isinstance(actual, str) and actual == expected
    return actual == expected


def compare_attributes(what, loaded, written, names, fill):
    """Every attribute of the domain is loaded, with the written value."""
    assert_equal(f"{what}: attributes", set(loaded), set(names))
    for name in names:
        assert same_value(loaded[name], written.get(name), fill), \
            f"{what}: {name} is {loaded[name]!r}, written {written.get(name)!r}"


def compare_view(view, ref, fill):
    """Compares a loader's view, shaped like read_reference's result but
    with every attribute of a domain on every element, with the file."""
    keys = ref["keys"]
    compare_attributes("graph", view["graph"], ref["graph"], keys["graph"], fill)
    assert_equal("node ids", set(view["nodes"]), set(ref["nodes"]))
    for i, attrs in view["nodes"].items():
        compare_attributes(f"node {i}", attrs, ref["nodes"][i], keys["node"], fill)
    assert_equal("edge ids", set(view["edges"]), set(ref["edges"]))
    for i, (s, t, attrs) in view["edges"].items():
        assert_equal(f"edge {i} ends", (s, t), ref["edges"][i][:2])
        compare_attributes(f"edge {i}", attrs, ref["edges"][i][2], keys["edge"], fill)


def networkx_view(path, keys):
    import networkx as nx
    g = nx.read_graphml(path)
    assert g.is_directed() and not g.is_multigraph(), type(g)

    def full(data, domain):
        # NetworkX leaves out what the file leaves out: fill it in as None.
        return {name: data.get(name) for name in set(data) | set(keys[domain])}

    graph = {k: v for k, v in g.graph.items() if k not in ("node_default", "edge_default")}
    edges = {}
    for s, t, data in g.edges(data=True):
        data = dict(data)
        key = data.pop("id")  # NetworkX's copy of the XML id
        edges[key] = (s, t, full(data, "edge"))
    return {"graph": full(graph, "graph"),
            "nodes": {n: full(d, "node") for n, d in g.nodes(data=True)},
            "edges": edges}


def igraph_view(path, keys):
    import igraph
    g = igraph.Graph.Read_GraphML(path)
    assert g.is_directed()

    def attrs(item):
        out = item.attributes()
        out.pop("id")  # igraph's copy of the XML id
        return out

    return {"graph": {a: g[a] for a in g.attributes()},
            "nodes": {v["id"]: attrs(v) for v in g.vs},
            "edges": {e["id"]: (g.vs[e.source]["id"], g.vs[e.target]["id"], attrs(e))
                      for e in g.es}}


def graph_tool_view(path, keys):
    import graph_tool
    g = graph_tool.load_graph(path, fmt="graphml")
    assert g.is_directed()

    def attrs(maps, item):
        return {name: maps[name][item] for name in maps.keys()}

    # Canonical ids: vertex i is "n<i>", edge i is "e<i>".
    return {"graph": {name: g.gp[name] for name in g.gp.keys()},
            "nodes": {f"n{int(v)}": attrs(g.vp, v) for v in g.vertices()},
            "edges": {f"e{g.edge_index[e]}": (f"n{int(e.source())}", f"n{int(e.target())}",
                                              attrs(g.ep, e))
                      for e in g.edges()}}


LOADERS = {
    # loader: (module, view, values shown for what the file leaves out)
    "networkx": ("networkx", networkx_view, (None,)),
    "igraph": ("igraph", igraph_view, ("",)),
    "graph-tool": ("graph_tool", graph_tool_view, ("",)),
}


def check_graphml_loader(loader, fixture, directory):
    module, view, fill = LOADERS[loader]
    try:
        __import__(module)
    except ImportError as e:
        raise Skip(f"{module} is not installed: {e}")
    path = export(fixture, "graphml", directory)
    ref = read_reference(path)
    check_reference(ref, fixture)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        loaded = view(path, ref["keys"])
    # igraph warns about what it ignores rather than failing.
    assert not caught, f"{loader} warns: {[str(w.message) for w in caught]}"
    compare_view(loaded, ref, fill)


def check_graphml_schema(fixture, directory):
    path = export(fixture, "graphml", directory)
    schema = os.path.join(os.environ["NG_SCHEMAS"], "graphml", "graphml.xsd")
    result = run(["xmllint", "--nonet", "--noout", "--schema", schema, path])
    assert result.returncode == 0, result.stderr.decode("utf-8", "replace")


# --- DOT ------------------------------------------------------------------

def check_dot_render(fixture, directory):
    path = export(fixture, "dot", directory)
    svg = run(["dot", "-Tsvg", path])
    require_clean(svg, "dot -Tsvg")
    require_clean(run(["xmllint", "--nonet", "--noout", "-"], input=svg.stdout), "xmllint")
    texts = {"".join(t.itertext()) for t in ET.fromstring(svg.stdout).iter(SVG + "text")}
    expected = FIXTURES[fixture]
    wanted = {label for label, _ in expected["nodes"].values()}
    wanted |= {rel + MODALITY_SUFFIX[mod] for _, rel, _, mod, _ in expected["edges"]}
    wanted.add(expected["label"])
    missing = wanted - texts
    assert not missing, f"not rendered as written: {sorted(missing)}; rendered: {sorted(texts)}"


def check_dot_sfdp(fixture, directory):
    path = export(fixture, "dot", directory)
    require_clean(run(["sfdp", "-Tsvg", path]), "sfdp -Tsvg")


NEIGHBOURS = r'''
BEG_G {
    node_t n = isNode($G, ARGV[0]), m;
    edge_t e;
    for (e = fstedge(n); e; e = nxtedge(e, n)) {
        m = opp(e, n);
        printf("%s %s %s %s\n", e.relation, e.modality, e.weight, m.name);
    }
}
'''

GVPR_QUERIES = {
    "summit": [
        ([NEIGHBOURS, "-a", "kim-jong-un"],
         "meets asserted 2 vladimir-putin\nvisits asserted 1 vostochny-cosmodrome\n"),
        (['E[relation=="supplies"]{print(tail.name, " -> ", head.name, " ", modality)}'],
         "north-korea -> russia alleged\nunited-states -> russia denied\n"),
        (['N[type=="country"]{print(name)}'], "north-korea\nrussia\nunited-states\n"),
    ],
    "awkward": [
        (['N[type=="person"]{print(name)}'], "김정은\nbell-name-data\nevil-edirrevo\n"),
        (['E[relation=="meets"]{print(tail.name, " -- ", head.name)}'],
         "bell-name-data -- evil-edirrevo\nnode -- 김정은\n"),
    ],
}


def check_dot_gvpr(fixture, directory):
    path = export(fixture, "dot", directory)
    for args, expected in GVPR_QUERIES[fixture]:
        result = run(["gvpr", args[0], *args[1:], path])
        require_clean(result, f"gvpr {args}")
        assert_equal(f"gvpr {args}", result.stdout.decode("utf-8"), expected)
    # The raw labels, as gvpr sees them.
    result = run(["gvpr", 'N{printf("%s|%s\\n", name, title)}', path])
    require_clean(result, "gvpr titles")
    titles = dict(line.split("|", 1) for line in result.stdout.decode("utf-8").splitlines())
    assert_equal("titles", titles, {i: l for i, (l, _) in FIXTURES[fixture]["nodes"].items()})


def check_dot_networkx(fixture, directory):
    try:
        import networkx as nx
        import pygraphviz  # noqa: F401  (nx_agraph needs it)
    except ImportError as e:
        raise Skip(f"networkx.nx_agraph needs pygraphviz: {e}")
    path = export(fixture, "dot", directory)
    g = nx.nx_agraph.read_dot(path)
    assert g.is_directed() and g.is_multigraph(), type(g)
    expected = FIXTURES[fixture]
    nodes = {n: (d["title"], d["type"]) for n, d in g.nodes(data=True)}
    assert_equal("nodes", nodes, expected["nodes"])
    edges = sorted((s, d["relation"], t, d["modality"], int(d["weight"]), k)
                   for s, t, k, d in g.edges(keys=True, data=True))
    assert_equal("edges", [e[:5] for e in edges], sorted(expected["edges"]))
    assert_equal("edge keys", sorted(e[5] for e in edges),
                 sorted(f"e{i}" for i in range(len(expected["edges"]))))


CHECKS = {
    "graphml-schema": check_graphml_schema,
    "graphml-networkx": lambda f, d: check_graphml_loader("networkx", f, d),
    "graphml-igraph": lambda f, d: check_graphml_loader("igraph", f, d),
    "graphml-graph-tool": lambda f, d: check_graphml_loader("graph-tool", f, d),
    "dot-render": check_dot_render,
    "dot-sfdp": check_dot_sfdp,
    "dot-gvpr": check_dot_gvpr,
    "dot-networkx": check_dot_networkx,
}


def main(argv):
    if len(argv) != 3 or argv[1] not in CHECKS or argv[2] not in FIXTURES:
        print(__doc__, file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as directory:
        try:
            CHECKS[argv[1]](argv[2], directory)
        except Skip as e:
            print(f"skipped: {e}")
            return SKIP
        except AssertionError as e:
            print(f"{argv[1]} {argv[2]}: {e}", file=sys.stderr)
            return 1
    print(f"{argv[1]} {argv[2]}: ok")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
