/* The renderer when Graphviz has no plugins: the call fails with
 * Graphviz's reason in the error, nothing reaches standard error, and no
 * file is left behind. gvc looks its plugin directory up once per
 * process (GVBINDIR, else where it was installed), which is why this is a
 * program of its own. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include <newsgraph/render.h>

#include "fixtures.h"

static void missing_plugins_are_reported_not_printed(void **state)
{
    (void)state;
    char dir[] = "/tmp/ng-no-plugins-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[64];
    snprintf(path, sizeof path, "%s/summit.svg", dir);
    assert_int_equal(setenv("GVBINDIR", dir, 1), 0);

    FILE *trap = tmpfile();
    assert_non_null(trap);
    fflush(stderr);
    int saved = dup(STDERR_FILENO);
    assert_true(saved >= 0 && dup2(fileno(trap), STDERR_FILENO) >= 0);
    ng_graph *g = ng_fixture_summit();
    ng_error err;
    int rc = ng_render_save(g, NULL, NG_RENDER_UNKNOWN, path, &err);
    fflush(stderr);
    assert_true(dup2(saved, STDERR_FILENO) >= 0);
    close(saved);
    long printed = ftell(trap);
    fclose(trap);

    assert_int_equal(rc, NG_ERR_FORMAT);
    assert_string_equal(err.source, path);
    assert_non_null(strstr(err.text, "cannot lay the graph out with dot: Graphviz says: "
                                     "Layout type: \"dot\" not recognized"));
    assert_int_equal(printed, 0);
    assert_int_equal(access(path, F_OK), -1);
    assert_int_equal(rmdir(dir), 0); /* nothing else was left in it either */
    ng_graph_free(g);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(missing_plugins_are_reported_not_printed),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
