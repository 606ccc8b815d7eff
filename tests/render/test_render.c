/* The renderer: what the diagram shows (labels, heading, legend,
 * tooltips, arrows), which layout it picks, the image formats, and how
 * it fails. Parsing the SVG with xmllint, the seeds diagram and the large
 * graph are in check_render.py; a Graphviz without plugins is in
 * test_render_plugins.c. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include <graphviz/cgraph.h>

#include <newsgraph/render.h>

#include "fixtures.h"
#include "io/diagram.h"

/* A rendering in memory; free `data`. */
typedef struct drawing {
    char *data;
    size_t len;
    int status;
    ng_error err;
} drawing;

static drawing draw(const ng_graph *g, const ng_render_options *o, ng_render_format f)
{
    drawing d = {0};
    FILE *out = open_memstream(&d.data, &d.len);
    assert_non_null(out);
    d.status = ng_render(g, o, f, out, &d.err);
    assert_int_equal(fclose(out), 0);
    return d;
}

static drawing draw_summit(const ng_render_options *o, ng_render_format f)
{
    ng_graph *g = ng_fixture_summit();
    assert_non_null(g);
    drawing d = draw(g, o, f);
    ng_graph_free(g);
    if (d.status != 0)
        fail_msg("ng_render: %s", d.err.text);
    return d;
}

static void assert_contains(const char *haystack, const char *needle)
{
    if (!strstr(haystack, needle))
        fail_msg("the drawing lacks \"%s\"", needle);
}

/* --- what the SVG shows -------------------------------------------------- */

static void svg_names_every_connected_entity(void **state)
{
    (void)state;
    drawing d = draw_summit(NULL, NG_RENDER_SVG);
    /* the titles are the entity ids, with '-' written "&#45;" */
    static const char *const titles[] = {"kim&#45;jong&#45;un", "vladimir&#45;putin",
                                         "north&#45;korea", "russia", "united&#45;states",
                                         "vostochny&#45;cosmodrome"};
    static const char *const words[] = {">Kim Jong Un<", ">Vladimir Putin<", ">North Korea<",
                                        ">Russia<", ">United States<", ">Vostochny<",
                                        ">Cosmodrome<"};
    for (size_t i = 0; i < sizeof titles / sizeof titles[0]; i++) {
        char title[64];
        snprintf(title, sizeof title, "<title>%s</title>", titles[i]);
        assert_contains(d.data, title);
    }
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        assert_contains(d.data, words[i]);
    assert_null(strstr(d.data, "UN Security Council")); /* no edge: left out */
    free(d.data);
}

static void svg_has_heading_and_legend(void **state)
{
    (void)state;
    drawing d = draw_summit(NULL, NG_RENDER_SVG);
    assert_contains(d.data, ">summit fixture<");
    assert_contains(d.data, "2 documents, 2023&#45;09&#45;13 (1 undated)");
    assert_contains(d.data, "1 entity without relations left out");
    static const char *const key[] = {">Entities<", ">Relations<", ">Certainty<",
                                      ">person (2)<", ">country (3)<", ">meets (1)<",
                                      ">supplies (2)<", ">denied (1),<", ">line ends in a bar<"};
    for (size_t i = 0; i < sizeof key / sizeof key[0]; i++)
        assert_contains(d.data, key[i]);
    assert_null(strstr(d.data, "organization (")); /* only what is drawn is listed */
    free(d.data);
}

static void svg_tooltips_carry_evidence(void **state)
{
    (void)state;
    drawing d = draw_summit(NULL, NG_RENDER_SVG);
    assert_contains(d.data, "xlink:title=\"&quot;Kim Jong Un met Vladimir Putin at Vostochny."
                            "&quot; (a.txt, 2023&#45;09&#45;13)\"");
    assert_contains(d.data, "xlink:title=\"&quot;The US did not supply Russia.&quot; (b.txt)\"");
    assert_contains(d.data, "Kim Jong Un: person, 4 mentions in 2 documents; also Kim "
                            "Jong&#45;un, Mr Kim");
    assert_contains(d.data, "class=\"edge supplies alleged\"");
    assert_contains(d.data, "class=\"node place\"");
    free(d.data);
}

static void options_change_the_picture(void **state)
{
    (void)state;
    ng_render_options o;
    ng_render_options_init(&o);
    o.show_isolated = 1;
    o.title = "Summit & <aftermath>";
    o.note = "around Kim Jong Un";
    drawing d = draw_summit(&o, NG_RENDER_SVG);
    assert_contains(d.data, "<title>un&#45;security&#45;council</title>");
    assert_contains(d.data, ">Summit &amp; &lt;aftermath&gt;<");
    assert_contains(d.data, ">around Kim Jong Un<");
    assert_null(strstr(d.data, "left out"));
    free(d.data);

    o.no_legend = 1;
    d = draw_summit(&o, NG_RENDER_SVG);
    assert_null(strstr(d.data, "Entities"));
    assert_null(strstr(d.data, "aftermath"));
    free(d.data);
}

/* Every layout engine is found in-process and draws the graph. */
static void every_layout_draws(void **state)
{
    (void)state;
    for (int l = NG_RENDER_LAYOUT_AUTO; l <= NG_RENDER_LAYOUT_TWOPI; l++) {
        ng_render_options o;
        ng_render_options_init(&o);
        o.layout = (ng_render_layout)l;
        drawing d = draw_summit(&o, NG_RENDER_SVG);
        assert_contains(d.data, "<title>kim&#45;jong&#45;un</title>");
        free(d.data);
    }
}

/* --- the diagram before layout -------------------------------------------- */

static Agedge_t *edge_keyed(Agraph_t *g, const char *key)
{
    for (Agnode_t *n = agfstnode(g); n; n = agnxtnode(g, n))
        for (Agedge_t *e = agfstout(g, n); e; e = agnxtout(g, e))
            if (strcmp(agnameof(e), key) == 0)
                return e;
    fail_msg("no edge %s", key);
    return NULL;
}

static const char *attr(void *object, const char *name)
{
    return agget(object, (char *)name);
}

static void arrows_follow_relation_and_modality(void **state)
{
    (void)state;
    ng_graph *g = ng_fixture_summit();
    assert_non_null(g);
    const ng_entity *kim = ng_graph_find(g, "Kim Jong Un");
    const ng_entity *us = ng_graph_find(g, "United States");
    const ng_edge *snub = ng_graph_add_edge(g, us, NG_RELATION_MEETS, kim, NULL);
    ng_evidence no = {"b.txt", 2, 0, 9, "Biden did not meet Kim.", "meet", NG_MODALITY_DENIED,
                      NULL, NULL, NULL};
    assert_int_equal(ng_graph_add_evidence(g, snub, &no, NULL), 0);

    ng_render_options o;
    ng_render_options_init(&o);
    ng_diagram dg;
    assert_int_equal(ng_diagram_build(&dg, g, &o, NULL), 0);
    Agedge_t *met = edge_keyed(dg.graph, "e0");     /* meets, asserted */
    Agedge_t *denied = edge_keyed(dg.graph, "e4"); /* supplies, denied */
    Agedge_t *snubbed = edge_keyed(dg.graph, "e5");
    assert_string_equal(attr(met, "dir"), "none");
    assert_string_equal(attr(met, "penwidth"), "2");
    assert_string_equal(attr(met, "label"), "meets \xC3\x97" "2");
    assert_string_equal(attr(denied, "arrowhead"), "tee");
    assert_string_equal(attr(denied, "style"), "dashed");
    /* a meeting has no arrowheads, so its denial is marked at both ends */
    assert_string_equal(attr(snubbed, "dir"), "both");
    assert_string_equal(attr(snubbed, "arrowtail"), "tee");
    assert_string_equal(attr(snubbed, "arrowhead"), "tee");
    assert_int_equal(ng_diagram_free(&dg, NULL), 0);
    ng_graph_free(g);
}

/* A chain of `n` people, each meeting the next. */
static ng_graph *chain(size_t n)
{
    ng_graph *g = ng_graph_new(NULL);
    assert_non_null(g);
    const ng_entity *previous = NULL;
    for (size_t i = 0; i < n; i++) {
        char name[32];
        snprintf(name, sizeof name, "Person %zu", i);
        const ng_entity *e = ng_graph_add_entity(g, name, NG_ENTITY_PERSON, NULL);
        assert_non_null(e);
        if (previous)
            assert_non_null(ng_graph_add_edge(g, previous, NG_RELATION_MEETS, e, NULL));
        previous = e;
    }
    return g;
}

static ng_render_layout layout_for(size_t entities)
{
    ng_graph *g = chain(entities);
    ng_render_options o;
    ng_render_options_init(&o);
    ng_diagram dg;
    assert_int_equal(ng_diagram_build(&dg, g, &o, NULL), 0);
    assert_int_equal(dg.counts.entities, entities);
    ng_render_layout layout = dg.layout;
    assert_int_equal(ng_diagram_free(&dg, NULL), 0);
    ng_graph_free(g);
    return layout;
}

static void auto_layout_depends_on_size(void **state)
{
    (void)state;
    assert_int_equal(layout_for(NG_RENDER_DOT_MAX_ENTITIES), NG_RENDER_LAYOUT_DOT);
    assert_int_equal(layout_for(NG_RENDER_DOT_MAX_ENTITIES + 1), NG_RENDER_LAYOUT_SFDP);
}

/* --- image formats ------------------------------------------------------- */

static uint32_t big_endian(const unsigned char *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static void png_is_a_picture(void **state)
{
    (void)state;
    drawing d = draw_summit(NULL, NG_RENDER_PNG);
    const unsigned char *p = (const unsigned char *)d.data;
    assert_true(d.len > 20000 && d.len < 5000000);
    assert_memory_equal(p, "\x89PNG\r\n\x1a\n", 8);
    assert_memory_equal(p + 12, "IHDR", 4);
    uint32_t width = big_endian(p + 16), height = big_endian(p + 20);
    assert_true(width > 400 && width < 4000);
    assert_true(height > 200 && height < 4000);
    free(d.data);
}

static void pdf_is_a_document(void **state)
{
    (void)state;
    drawing d = draw_summit(NULL, NG_RENDER_PDF);
    assert_true(d.len > 5000 && d.len < 2000000);
    assert_memory_equal(d.data, "%PDF-", 5);
    assert_non_null(strstr(d.data + d.len - 32 > d.data ? d.data + d.len - 32 : d.data, "%%EOF"));
    free(d.data);
}

/* --- names and failures --------------------------------------------------- */

static void names_round_trip(void **state)
{
    (void)state;
    assert_int_equal(ng_render_format_from_name("PNG"), NG_RENDER_PNG);
    assert_int_equal(ng_render_format_from_name("gif"), NG_RENDER_UNKNOWN);
    assert_int_equal(ng_render_format_from_path("out/seeds.diagram.SVG"), NG_RENDER_SVG);
    assert_int_equal(ng_render_format_from_path("out.pdf/graph"), NG_RENDER_UNKNOWN);
    assert_string_equal(ng_render_format_name(NG_RENDER_PDF), "pdf");
    assert_null(ng_render_format_name(NG_RENDER_UNKNOWN));
    ng_render_layout layout;
    assert_int_equal(ng_render_layout_parse("SFDP", &layout), 0);
    assert_int_equal(layout, NG_RENDER_LAYOUT_SFDP);
    assert_int_equal(ng_render_layout_parse("osage", &layout), NG_ERR_INVALID);
    assert_string_equal(ng_render_layout_name(NG_RENDER_LAYOUT_AUTO), "auto");
    assert_null(ng_render_layout_name((ng_render_layout)99));
}

static void bad_arguments_fail(void **state)
{
    (void)state;
    ng_graph *g = ng_fixture_summit();
    ng_error err;
    assert_int_equal(ng_render(g, NULL, NG_RENDER_UNKNOWN, stdout, &err), NG_ERR_FORMAT);
    assert_int_equal(ng_render(NULL, NULL, NG_RENDER_SVG, stdout, &err), NG_ERR_INVALID);
    ng_render_options o;
    ng_render_options_init(&o);
    o.layout = (ng_render_layout)42;
    assert_int_equal(ng_render(g, &o, NG_RENDER_SVG, stdout, &err), NG_ERR_INVALID);
    assert_int_equal(ng_render_save(g, NULL, NG_RENDER_UNKNOWN, "diagram.gif", &err),
                     NG_ERR_FORMAT);
    assert_string_equal(err.source, "diagram.gif");
    assert_int_equal(ng_render_save(g, NULL, NG_RENDER_SVG, "/nonexistent/dir/d.svg", &err),
                     NG_ERR_IO);
    assert_string_equal(err.source, "/nonexistent/dir/d.svg");
    ng_graph_free(g);
}

static size_t entries_in(const char *path)
{
    DIR *dir = opendir(path);
    assert_non_null(dir);
    size_t n = 0;
    for (struct dirent *ent; (ent = readdir(dir)) != NULL;)
        n += strcmp(ent->d_name, ".") != 0 && strcmp(ent->d_name, "..") != 0;
    closedir(dir);
    return n;
}

static void save_writes_the_file_alone(void **state)
{
    (void)state;
    char dir[] = "/tmp/ng-render-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[64];
    snprintf(path, sizeof path, "%s/summit.png", dir);
    ng_graph *g = ng_fixture_summit();
    ng_error err;
    assert_int_equal(ng_render_save(g, NULL, NG_RENDER_UNKNOWN, path, &err), 0);
    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    assert_true(st.st_size > 20000);
    assert_int_equal(entries_in(dir), 1); /* no temporary file left beside it */
    assert_int_equal(unlink(path), 0);
    assert_int_equal(rmdir(dir), 0);
    ng_graph_free(g);
}

/* A destination that is not a regular file (here a pipe; /dev/null is
 * the usual one) is written to, not replaced by a file renamed over it. */
static void save_writes_into_a_pipe(void **state)
{
    (void)state;
    char dir[] = "/tmp/ng-render-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char fifo[64];
    snprintf(fifo, sizeof fifo, "%s/diagram.svg", dir);
    assert_int_equal(mkfifo(fifo, 0600), 0);
    pid_t reader = fork();
    assert_true(reader >= 0);
    if (reader == 0) { /* counts what arrives, and exits 0 if it is an SVG */
        FILE *in = fopen(fifo, "rb");
        char head[6] = "";
        size_t got = in ? fread(head, 1, 5, in) : 0;
        while (in && fgetc(in) != EOF)
            got++;
        _exit(got > 1000 && strcmp(head, "<?xml") == 0 ? 0 : 1);
    }
    ng_graph *g = ng_fixture_summit();
    ng_error err;
    int rc = ng_render_save(g, NULL, NG_RENDER_UNKNOWN, fifo, &err);
    int status = 0;
    assert_int_equal(waitpid(reader, &status, 0), reader);
    assert_int_equal(rc, 0);
    assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    struct stat st;
    assert_int_equal(stat(fifo, &st), 0);
    assert_true(S_ISFIFO(st.st_mode));
    assert_int_equal(entries_in(dir), 1);
    assert_int_equal(unlink(fifo), 0);
    assert_int_equal(rmdir(dir), 0);
    ng_graph_free(g);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(svg_names_every_connected_entity),
        cmocka_unit_test(svg_has_heading_and_legend),
        cmocka_unit_test(svg_tooltips_carry_evidence),
        cmocka_unit_test(options_change_the_picture),
        cmocka_unit_test(every_layout_draws),
        cmocka_unit_test(arrows_follow_relation_and_modality),
        cmocka_unit_test(auto_layout_depends_on_size),
        cmocka_unit_test(png_is_a_picture),
        cmocka_unit_test(pdf_is_a_document),
        cmocka_unit_test(names_round_trip),
        cmocka_unit_test(bad_arguments_fail),
        cmocka_unit_test(save_writes_the_file_alone),
        cmocka_unit_test(save_writes_into_a_pipe),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
