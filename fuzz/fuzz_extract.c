/* Fuzz target: arbitrary bytes as a news document, through the public
 * reader (normalisation, furniture, sentences) and the extraction
 * pipeline, then the graph written as JSON. The reader only takes paths,
 * so the bytes go through one temporary file per process. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include <newsgraph/newsgraph.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char path[64];

static void remove_file(void)
{
    unlink(path);
}

/* Writes the input where the reader will find it; 0 on success. */
static int write_input(const uint8_t *data, size_t size)
{
    if (path[0] == '\0') {
        snprintf(path, sizeof path, "/tmp/ng-fuzz-extract-%ld.txt", (long)getpid());
        atexit(remove_file);
    }
    FILE *f = fopen(path, "wb");
    if (f == NULL)
        return -1;
    size_t written = fwrite(data, 1, size, f);
    return fclose(f) == 0 && written == size ? 0 : -1;
}

/* Extracts every document the reader hands out and writes the graph. */
static void extract_all(ng_extractor *x, ng_reader *r, ng_graph *g)
{
    ng_error err;
    const ng_document *doc;
    int rc;
    while ((rc = ng_reader_next(r, &doc, &err)) != 0)
        if (rc > 0)
            ng_extract_document(x, g, doc, &err);
    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
    if (out != NULL) {
        ng_io_write(g, NG_FORMAT_JSON, out, &err);
        fclose(out);
    }
    free(buf);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* The built-in dictionary is loaded once: it is read-only afterwards. */
    static ng_extractor *x;
    ng_error err;
    if (x == NULL && (x = ng_extractor_new(NULL, &err)) == NULL)
        abort();
    if (write_input(data, size) != 0)
        abort();
    ng_reader *r = ng_reader_new(NULL, &err);
    ng_graph *g = ng_graph_new(&err);
    if (r != NULL && g != NULL && ng_reader_add(r, path, &err) == 0)
        extract_all(x, r, g);
    ng_graph_free(g);
    ng_reader_free(r);
    return 0;
}
