#!/usr/bin/python3
"""Checks the diagrams `newsgraph render` and `newsgraph extract -o X.svg`
draw, with the tools and the eyes of a reader in mind.

    check_render.py CHECK

    fixtures  the test fixtures (export-fixture) drawn as SVG: xmllint
              parses it; every entity is a node showing its label as
              written, every edge a line whose tooltip is its evidence;
              the heading and the legend are there
    seeds     the sample corpus drawn as SVG, PNG and PDF: every entity
              that has a relation is drawn, with the legend; the PNG and
              PDF are real files of a plausible size
    extract   extract writes diagrams for .svg/.png/.pdf outputs
    focus     --around, --depth, --max-nodes and the filters draw the part
              of the graph they select, and say so under the heading
    large     a synthetic graph of thousands of entities is drawn with
              sfdp within the time limit
    fonts     fontconfig has fonts for the Korean, Chinese and Cyrillic
              labels PNG and PDF must show (tools/bootstrap.sh installs
              them), and the awkward fixture draws as PNG
    errors    the exit codes and messages of the usual mistakes

Run by meson with NG_BIN, NG_EXPORT_FIXTURE and NG_SOURCE_ROOT set.
"""

import json
import os
import random
import struct
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET

BIN = os.environ["NG_BIN"]
SEEDS = os.path.join(os.environ["NG_SOURCE_ROOT"], "seeds")
SVG = "{http://www.w3.org/2000/svg}"
XLINK = "{http://www.w3.org/1999/xlink}"
LARGE_ENTITIES = 3000
LARGE_SECONDS = 60

# What the fixtures (tests/support/fixtures.c) show once sanitised:
# labels by entity id, and the evidence sentence of their edges.
FIXTURES = {
    "summit": {
        "title": "summit fixture",
        "labels": {
            "kim-jong-un": "Kim Jong Un", "vladimir-putin": "Vladimir Putin",
            "north-korea": "North Korea", "russia": "Russia",
            "united-states": "United States", "vostochny-cosmodrome": "Vostochny Cosmodrome",
            "un-security-council": "UN Security Council",
        },
        "tooltips": {
            '"Kim Jong Un met Vladimir Putin at Vostochny." (a.txt, 2023-09-13)',
            '"Kim arrived at Vostochny Cosmodrome." (a.txt, 2023-09-13)',
            '"North Korea is accused of supplying shells to Russia." (a.txt, 2023-09-13)',
            '"The US sanctioned North Korea." (b.txt)',
            '"The US did not supply Russia." (b.txt)',
        },
    },
    "awkward": {
        "title": 'awkward "labels" & <tags>',
        "labels": {
            "quote-group-co": 'Quote "Group" \\ & <Co>', "line-break-tab-org": "Line Break Tab Org",
            "김정은": "김정은", "平壤": "平壤", "bell-name-data": "Bell Name ]]> </data>",
            "badbytes": "Bad\ufffd\ufffdBytes", "evil-edirrevo": "eviledirrevo",
            "node": "node", "graph": "graph",
        },
        "tooltips": {'"He said "hi" \\ <b>&amp;</b> then  left." (odd "name".txt, 2024-01-02)'},
    },
}


def run(*args, timeout=120, env=None):
    return subprocess.run([BIN, *args], capture_output=True, timeout=timeout, env=env)


def require_clean(result, what):
    """Fails unless the command exited 0 and said nothing on stderr."""
    stderr = result.stderr.decode("utf-8", "replace")
    assert result.returncode == 0 and not stderr, f"{what}: exit {result.returncode}: {stderr}"


def export_fixture(name, directory):
    path = os.path.join(directory, name + ".json")
    require_clean(subprocess.run([os.environ["NG_EXPORT_FIXTURE"], name, "json", path],
                                 capture_output=True), "export-fixture")
    return path


def parse_svg(path):
    """The SVG's root, after xmllint has found it well-formed."""
    result = subprocess.run(["xmllint", "--noout", "--nonet", path], capture_output=True)
    assert result.returncode == 0, f"xmllint: {path}: {result.stderr.decode()}"
    return ET.parse(path).getroot()


def groups(root, kind):
    """The <g class="KIND ..."> elements: nodes, edges."""
    return [g for g in root.iter(SVG + "g") if (g.get("class") or "").split()[:1] == [kind]]


def shown_text(element):
    """The text an element shows, its lines joined by spaces."""
    return " ".join(t.text or "" for t in element.iter(SVG + "text"))


def node_labels(root):
    """{node title: label shown}."""
    return {g.find(SVG + "title").text: shown_text(g) for g in groups(root, "node")}


def edge_tooltips(root):
    """The tooltips of the edges; Graphviz writes the second of two spaces
    as a no-break space, which is read back as a space."""
    return {a.get(XLINK + "title").replace("\xa0", " ")
            for g in groups(root, "edge") for a in g.iter(SVG + "a")}


def heading_text(root):
    """The text of the graph itself: the heading and the legend."""
    graph = groups(root, "graph")[0]
    return " ".join(t.text or "" for t in graph.findall(SVG + "g/" + SVG + "text") +
                    graph.findall(SVG + "text"))


def assert_has_legend(root, title):
    text = heading_text(root)
    for word in (title, "Entities", "Relations", "Certainty", "Reading", "document"):
        assert word in text, f"the heading lacks {word!r}: {text!r}"


def check_fixtures(directory):
    for name, expected in FIXTURES.items():
        svg = os.path.join(directory, name + ".svg")
        require_clean(run("render", export_fixture(name, directory), "--isolated", "-o", svg),
                      "render " + name)
        root = parse_svg(svg)
        assert node_labels(root) == expected["labels"], node_labels(root)
        tooltips = edge_tooltips(root)
        assert expected["tooltips"] <= tooltips, tooltips
        assert_has_legend(root, expected["title"])


def png_size(path):
    with open(path, "rb") as f:
        head = f.read(24)
    assert head[:8] == b"\x89PNG\r\n\x1a\n" and head[12:16] == b"IHDR", f"{path}: not a PNG"
    return struct.unpack(">II", head[16:24])


def assert_pdf(path):
    with open(path, "rb") as f:
        data = f.read()
    assert data.startswith(b"%PDF-") and b"%%EOF" in data[-32:], f"{path}: not a PDF"
    assert 5_000 < len(data) < 5_000_000, f"{path}: {len(data)} bytes"


def connected_labels(graph_json):
    """{id: label} of the entities that have a relation."""
    with open(graph_json, encoding="utf-8") as f:
        graph = json.load(f)["graph"]
    ends = {e[side] for e in graph["edges"] for side in ("source", "target")}
    return {n["id"]: n["label"] for n in graph["nodes"] if n["id"] in ends}


def check_seeds(directory):
    graph = os.path.join(directory, "graph.json")
    outputs = [os.path.join(directory, "graph." + ext) for ext in ("svg", "png", "pdf")]
    require_clean(run("extract", SEEDS, "-o", graph), "extract")
    args = [arg for out in outputs for arg in ("-o", out)]
    require_clean(run("render", graph, *args), "render")
    root = parse_svg(outputs[0])
    expected = connected_labels(graph)
    assert len(expected) > 10, "the seeds have lost their relations"
    assert node_labels(root) == expected, (node_labels(root), expected)
    assert len(groups(root, "edge")) > 10
    assert_has_legend(root, "seeds")
    width, height = png_size(outputs[1])
    assert 800 < width < 6000 and 500 < height < 6000, (width, height)
    assert 50_000 < os.path.getsize(outputs[1]) < 20_000_000
    assert_pdf(outputs[2])


def check_extract(directory):
    svg, png = os.path.join(directory, "seeds.svg"), os.path.join(directory, "seeds.png")
    require_clean(run("extract", SEEDS, "-o", svg, "-o", png,
                      "-o", os.path.join(directory, "seeds.json")), "extract")
    assert_has_legend(parse_svg(svg), "seeds")
    png_size(png)
    bad = run("extract", SEEDS, "-o", os.path.join(directory, "seeds.gif"))
    assert bad.returncode == 2 and b".svg, .png or .pdf" in bad.stderr, bad.stderr


def seeds_graph(directory):
    """The seeds' graph: {id: label}, and (source, relation, target, modality)."""
    path = os.path.join(directory, "graph.json")
    require_clean(run("extract", SEEDS, "-o", path), "extract")
    with open(path, encoding="utf-8") as f:
        graph = json.load(f)["graph"]
    labels = {n["id"]: n["label"] for n in graph["nodes"]}
    edges = [(e["source"], e["relation"], e["target"], e["metadata"]["modality"])
             for e in graph["edges"]]
    return path, labels, edges


def check_focus(directory):
    graph, labels, edges = seeds_graph(directory)
    svg = os.path.join(directory, "focus.svg")
    kim = "kim-jong-un"
    near = {kim} | {s for s, _, t, _ in edges if t == kim} | {t for s, _, t, _ in edges if s == kim}
    require_clean(run("render", graph, "--around", "kim jong-un", "-o", svg), "--around")
    root = parse_svg(svg)
    assert set(node_labels(root)) == near, set(node_labels(root)) ^ near
    assert "around Kim Jong Un, 1 hop" in heading_text(root)

    require_clean(run("render", graph, "--relation", "supplies", "--modality", "planned",
                      "-o", svg), "--relation")
    root = parse_svg(svg)
    expected = {(r, m) for _, r, _, m in edges if r == "supplies" and m in ("planned", "asserted")}
    classes = {tuple(g.get("class").split()[1:]) for g in groups(root, "edge")}
    assert classes == expected, classes
    assert "supplies only · planned or more certain" in heading_text(root), heading_text(root)

    result = run("render", graph, "--max-nodes", "5", "-o", svg)
    assert result.returncode == 0 and b"kept the 5 most connected" in result.stderr, result.stderr
    root = parse_svg(svg)
    assert len(node_labels(root)) <= 5
    assert "the 5 most connected entities" in heading_text(root)

    for name, code in (("Nobody Atall", 6), ("Kim Jong", 7)):
        result = run("render", graph, "--around", name, "-o", svg)
        assert result.returncode == code, (name, result.returncode, result.stderr)
    result = run("render", graph, "--depth", "2", "-o", svg)
    assert result.returncode == 2 and b"--around" in result.stderr, result.stderr


def synthetic_graph(path, entities):
    """A scale-free graph: each entity links to two earlier ones, chosen
    in proportion to their degree, as news graphs grow around hubs."""
    rng = random.Random(7)
    types = ["person", "country", "organization", "place"]
    relations = ["meets", "visits", "supplies", "sanctions"]
    nodes = [{"id": f"n{i}", "label": f"Entity {i}", "metadata": {"type": types[i % 4]}}
             for i in range(entities)]
    edges, ends, seen = [], [0, 1], set()
    for i in range(2, entities):
        for _ in range(2):
            j = i
            while j == i:
                j = rng.choice(ends)
            relation = relations[rng.randrange(4)]
            if (i, j, relation) in seen:
                continue
            seen.add((i, j, relation))
            evidence = [{"doc": "d0", "text": f"Entity {i} and Entity {j}.",
                         "modality": "asserted"}] * rng.randint(1, 3)
            edges.append({"id": f"e{len(edges)}", "source": f"n{i}", "target": f"n{j}",
                          "relation": relation, "metadata": {"evidence": evidence}})
            ends += [i, j]
    graph = {"graph": {"directed": True, "type": "newsgraph", "label": "synthetic",
                       "metadata": {"documents": [{"doc": "d0", "date": "2024-01-01"}]},
                       "nodes": nodes, "edges": edges}}
    with open(path, "w", encoding="utf-8") as f:
        json.dump(graph, f)
    return len(edges)


def is_straight(path):
    """Whether an SVG path "Mx,y Cx,y x,y ..." has all its points on the
    line from its first point to its last."""
    numbers = [float(n) for n in path.replace("M", " ").replace("C", " ").replace(",", " ").split()]
    points = list(zip(numbers[0::2], numbers[1::2]))
    (x0, y0), (x1, y1) = points[0], points[-1]
    length = max(((x1 - x0) ** 2 + (y1 - y0) ** 2) ** 0.5, 1e-9)
    return all(abs((x1 - x0) * (y0 - y) - (x0 - x) * (y1 - y0)) / length < 1.0 for x, y in points)


def check_large(directory):
    graph, svg = os.path.join(directory, "large.json"), os.path.join(directory, "large.svg")
    edges = synthetic_graph(graph, LARGE_ENTITIES)
    # meson sets MALLOC_PERTURB_, which makes glibc fill every freed block:
    # sfdp grows its quadtree arrays by realloc, and filling the blocks it
    # leaves behind takes ten times as long as the layout. The time that
    # matters is the one users see.
    env = {k: v for k, v in os.environ.items() if k != "MALLOC_PERTURB_"}
    start = time.monotonic()
    result = run("render", graph, "-o", svg, timeout=LARGE_SECONDS, env=env)
    seconds = time.monotonic() - start
    assert result.returncode == 0, result.stderr
    # the whole of it is drawn, with a word on how to draw a readable part
    assert b"--max-nodes, --around or a filter" in result.stderr, result.stderr
    root = parse_svg(svg)
    assert len(groups(root, "node")) == LARGE_ENTITIES
    assert len(groups(root, "edge")) == edges
    # auto chose sfdp, which the renderer has draw straight lines (but for
    # the parallel edges of two entities joined by several relations)
    paths = [next(g.iter(SVG + "path")).get("d") for g in groups(root, "edge")]
    straight = sum(map(is_straight, paths))
    assert straight > 0.9 * len(paths), f"{straight} of {len(paths)} lines straight"
    print(f"{LARGE_ENTITIES} entities, {edges} edges drawn in {seconds:.1f} s")


def check_fonts(directory):
    for char, script in (("김", "Hangul"), ("平", "Han"), ("П", "Cyrillic")):
        fonts = subprocess.run(["fc-list", f":charset={ord(char):x}", "family"],
                               capture_output=True, text=True).stdout
        assert fonts.strip(), f"no font covers {script} ({char}): run tools/bootstrap.sh"
    png = os.path.join(directory, "awkward.png")
    require_clean(run("render", export_fixture("awkward", directory), "-o", png), "render")
    png_size(png)


def check_errors(directory):
    graph = export_fixture("summit", directory)
    cases = [
        (("render", os.path.join(directory, "missing.json"), "-o", "x.svg"), 3, "cannot open"),
        (("render", graph, "-o", os.path.join(directory, "x.gif")), 2, ".svg, .png or .pdf"),
        (("render", graph, "--layout", "spring"), 2, "unknown layout 'spring'"),
        (("render", graph, "-f", "jpeg"), 2, "unknown diagram format 'jpeg'"),
        (("render", graph, "-o", os.path.join(directory, "no", "x.svg")), 5, "no/x.svg"),
        (("render",), 2, "give one GRAPH file"),
    ]
    for args, code, message in cases:
        result = run(*args)
        stderr = result.stderr.decode("utf-8", "replace")
        assert result.returncode == code and message in stderr, (args, result.returncode, stderr)
    broken = os.path.join(directory, "broken.json")
    with open(broken, "w") as f:
        f.write('{"graph": {"nodes": [')
    assert run("render", broken, "-o", os.path.join(directory, "b.svg")).returncode == 4
    assert not os.path.exists(os.path.join(directory, "b.svg"))


CHECKS = {"fixtures": check_fixtures, "seeds": check_seeds, "extract": check_extract,
          "focus": check_focus, "large": check_large, "fonts": check_fonts,
          "errors": check_errors}

if __name__ == "__main__":
    with tempfile.TemporaryDirectory(prefix="ng-render-") as work:
        CHECKS[sys.argv[1]](work)
    print("ok")
