/* The JSON pull reader (src/io/json_scan.h): what it accepts and refuses,
 * what strings and numbers decode to, and where it says faults are, from
 * memory and from streams longer than its window. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <float.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <errno.h>

#include "io/json_scan.h"

/* --- helpers -------------------------------------------------------------- */

/* Reads `len` bytes of `text` from a stream (fmemopen), skipping the one
 * top-level value and checking that nothing follows. Returns 0 or the
 * failure, with err filled. */
static int check_bytes(const char *text, size_t len, ng_error *err)
{
    FILE *in = len ? fmemopen((void *)text, len, "rb") : fopen("/dev/null", "rb");
    assert_non_null(in);
    ng_json_scan s;
    int rc = ng_json_scan_open(&s, in, "t.json", err);
    if (rc == 0)
        rc = ng_json_skip(&s);
    if (rc == 0)
        rc = ng_json_finish(&s);
    ng_json_scan_close(&s);
    fclose(in);
    return rc;
}

static int check(const char *text, ng_error *err)
{
    return check_bytes(text, strlen(text), err);
}

static void assert_accepted(const char *text)
{
    ng_error err;
    if (check(text, &err) != 0)
        fail_msg("refused %s: %s", text, err.text);
}

/* Asserts that `text` is refused as malformed, with `what` in the message. */
static void assert_refused_bytes(const char *text, size_t len, const char *what)
{
    ng_error err;
    if (check_bytes(text, len, &err) == 0)
        fail_msg("accepted: %.*s", (int)len, text);
    assert_int_equal(err.status, NG_ERR_PARSE);
    assert_string_equal(err.source, "t.json");
    if (!strstr(err.text, "not valid JSON") || !strstr(err.text, what))
        fail_msg("message \"%s\" does not say \"%s\"", err.text, what);
}

static void assert_refused(const char *text, const char *what)
{
    assert_refused_bytes(text, strlen(text), what);
}

/* Decodes the one string `text` holds into out. */
static void decode(const char *text, ng_buf *out)
{
    ng_json_scan s;
    ng_error err;
    ng_json_scan_bytes(&s, text, strlen(text), NULL, "t.json", &err);
    if (ng_json_read_string(&s, out) != 0 || ng_json_finish(&s) != 0)
        fail_msg("%s: %s", text, err.text);
    ng_json_scan_close(&s);
}

/* --- structure ------------------------------------------------------------ */

static void walks_objects_and_arrays(void **state)
{
    (void)state;
    const char *text = " {\"a\": [1, \"x\", null, true], \"b\": {}} ";
    ng_json_scan s;
    ng_error err;
    ng_json_type type;
    const char *key;
    ng_buf str = {0};
    long long n;
    int integer;
    ng_json_scan_bytes(&s, text, strlen(text), NULL, "t.json", &err);
    assert_int_equal(ng_json_peek(&s, &type), 0);
    assert_int_equal(type, NG_JSON_OBJECT);
    assert_int_equal(ng_json_enter(&s), 0);
    assert_int_equal(ng_json_next_member(&s, &key), 1);
    assert_string_equal(key, "a");
    assert_int_equal(ng_json_enter(&s), 0);
    assert_int_equal(ng_json_next_item(&s), 1);
    assert_int_equal(ng_json_read_number(&s, &n, &integer), 0);
    assert_int_equal(n, 1);
    assert_true(integer);
    assert_int_equal(ng_json_next_item(&s), 1);
    assert_int_equal(ng_json_read_string(&s, &str), 0);
    assert_string_equal(str.data, "x");
    assert_int_equal(ng_json_next_item(&s), 1);
    assert_int_equal(ng_json_peek(&s, &type), 0);
    assert_int_equal(type, NG_JSON_NULL);
    assert_int_equal(ng_json_skip(&s), 0);
    assert_int_equal(ng_json_next_item(&s), 1);
    assert_int_equal(ng_json_peek(&s, &type), 0);
    assert_int_equal(type, NG_JSON_BOOLEAN);
    assert_int_equal(ng_json_skip(&s), 0);
    assert_int_equal(ng_json_next_item(&s), 0);
    assert_int_equal(ng_json_next_member(&s, &key), 1);
    assert_string_equal(key, "b");
    assert_int_equal(ng_json_skip(&s), 0);
    assert_int_equal(ng_json_next_member(&s, &key), 0);
    assert_int_equal(ng_json_finish(&s), 0);
    ng_json_scan_close(&s);
    ng_buf_free(&str);
}

static void accepts_any_json(void **state)
{
    (void)state;
    assert_accepted("{}");
    assert_accepted("[]");
    assert_accepted("\"top-level string\"");
    assert_accepted("-0");
    assert_accepted("\t\r\n [ {\"a\" : [ ] } , [ [ ] ] , false ] \n");
}

static void refuses_broken_structure(void **state)
{
    (void)state;
    assert_refused("", "ends where a value should be");
    assert_refused("  \n ", "ends where a value should be");
    assert_refused("{,}", "a key or '}'");
    assert_refused("{\"a\" 1}", "':'");
    assert_refused("{\"a\": 1,}", "a key after ','");
    assert_refused("[1,]", "expected a value, found ']'");
    assert_refused("[1 2]", "',' or ']'");
    assert_refused("{\"a\": 1 \"b\": 2}", "',' or '}'");
    assert_refused("{1: 2}", "a key or '}'");
    assert_refused("[1]]", "nothing after the document");
    assert_refused("{} x", "nothing after the document");
    assert_refused("[nul]", "invalid literal");
    assert_refused("[truex]", "invalid literal");
    assert_refused("[True]", "expected a value");
    assert_refused("\xEF\xBB\xBF{}", "byte 0xEF");
    assert_refused("{\"a\": [1, 2}", "',' or ']'");
}

/* Every cut of a document short of its end is refused, wherever it falls:
 * inside a key, a string, an escape, a number, a literal or white space. */
static void every_truncation_is_refused(void **state)
{
    (void)state;
    const char *text = "{\"graph\": {\"label\": \"caf\\u00e9 \xE2\x82\xAC\\ud83d\\ude00\","
                       " \"n\": [-12.5e+3, 0, true, false, null],\n \"o\": {}}}";
    size_t len = strlen(text);
    for (size_t cut = 0; cut < len; cut++) {
        ng_error err;
        if (check_bytes(text, cut, &err) == 0)
            fail_msg("accepted the first %zu bytes", cut);
        assert_int_equal(err.status, NG_ERR_PARSE);
        assert_true(err.offset >= 0 && (size_t)err.offset <= cut);
    }
    assert_accepted(text);
}

/* --- strings -------------------------------------------------------------- */

static void decodes_escapes_and_surrogate_pairs(void **state)
{
    (void)state;
    ng_buf out = {0};
    decode("\"a\\\"b\\\\c\\/d\\b\\f\\n\\r\\t\"", &out);
    assert_string_equal(out.data, "a\"b\\c/d\b\f\n\r\t");
    decode("\"\\u0041\\u00e9\\u20AC\\uD83D\\uDE00\\uffff\"", &out);
    assert_string_equal(out.data, "A\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80\xEF\xBF\xBF");
    decode("\"\\uDBFF\\uDFFF\"", &out); /* U+10FFFF */
    assert_string_equal(out.data, "\xF4\x8F\xBF\xBF");
    decode("\"\"", &out);
    assert_string_equal(out.data, "");
    decode("\"raw \xC2\x80 \xE0\xA0\x80 \xF0\x90\x80\x80 \xF4\x8F\xBF\xBF \x7F\"", &out);
    assert_string_equal(out.data, "raw \xC2\x80 \xE0\xA0\x80 \xF0\x90\x80\x80 \xF4\x8F\xBF\xBF \x7F");
    ng_buf_free(&out);
}

static void refuses_bad_escapes(void **state)
{
    (void)state;
    assert_refused("\"\\x\"", "invalid escape");
    assert_refused("\"\\U0041\"", "invalid escape");
    assert_refused("\"\\u12\"", "four hexadecimal digits");
    assert_refused("\"\\u12G4\"", "four hexadecimal digits");
    assert_refused("\"\\u0000\"", "\\u0000");
    assert_refused("\"\\uD83D\"", "surrogate");
    assert_refused("\"\\uD83Dx\"", "surrogate");
    assert_refused("\"\\uD83D\\u0041\"", "surrogate");
    assert_refused("\"\\uD83D\\uD83D\"", "surrogate");
    assert_refused("\"\\uDE00\\uD83D\"", "surrogate");
    assert_refused("\"\\uDC00\"", "surrogate");
}

static void refuses_invalid_utf8(void **state)
{
    (void)state;
    static const char *const bad[] = {
        "\"\x80\"",             /* a continuation byte alone */
        "\"\xC0\x80\"",         /* overlong NUL */
        "\"\xC1\xBF\"",         /* overlong */
        "\"\xE0\x9F\xBF\"",     /* overlong three-byte form */
        "\"\xED\xA0\x80\"",     /* a surrogate, encoded */
        "\"\xF0\x8F\xBF\xBF\"", /* overlong four-byte form */
        "\"\xF4\x90\x80\x80\"", /* above U+10FFFF */
        "\"\xF5\x80\x80\x80\"",
        "\"\xFF\"",
        "\"\xE2\x82\"",         /* cut short */
        "\"\xE2\x82x\"",
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
        assert_refused(bad[i], "invalid UTF-8");
    assert_refused("[\xC3\xA9]", "byte 0xC3"); /* outside a string */
}

static void refuses_nul_and_control_bytes(void **state)
{
    (void)state;
    assert_refused_bytes("\"a\0b\"", 5, "control character 0x00");
    assert_refused_bytes("[1,\0 2]", 7, "byte 0x00");
    assert_refused_bytes("{}\0", 3, "nothing after the document");
    assert_refused("\"tab\there\"", "control character 0x09");
    assert_refused("\"line\nbreak\"", "control character 0x0A");
    assert_refused("\"\x1F\"", "control character 0x1F");
}

/* --- numbers -------------------------------------------------------------- */

static void reads_integers_to_the_limits(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        long long value;
    } cases[] = {
        {"0", 0},
        {"-0", 0},
        {"42", 42},
        {"9223372036854775807", LLONG_MAX},
        {"-9223372036854775808", LLONG_MIN},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        ng_json_scan s;
        ng_error err;
        long long n = 1;
        int integer = 0;
        ng_json_scan_bytes(&s, cases[i].text, strlen(cases[i].text), NULL, "t.json", &err);
        assert_int_equal(ng_json_read_number(&s, &n, &integer), 0);
        assert_true(integer);
        assert_true(n == cases[i].value);
        ng_json_scan_close(&s);
    }
    assert_refused("9223372036854775808", "integer out of range");
    assert_refused("-9223372036854775809", "integer out of range");
    assert_refused("123456789012345678901234567890", "integer out of range");
}

static void follows_the_number_grammar(void **state)
{
    (void)state;
    static const char *const good[] = {"1.5", "-0.0", "1e5", "1E+5", "1e-5", "-1.25e-3",
                                       "0e999999999999999999999", "123.456e-789"};
    for (size_t i = 0; i < sizeof good / sizeof *good; i++)
        assert_accepted(good[i]);
    static const char *const bad[] = {"01", "-01", "-", "1.", "1.e5", ".5", "+1", "1e", "1e+",
                                      "0x10", "NaN", "Infinity", "-Infinity", "1.5.5"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        ng_error err;
        if (check(bad[i], &err) == 0)
            fail_msg("accepted %s", bad[i]);
        assert_int_equal(err.status, NG_ERR_PARSE);
    }
}

/* Real numbers are refused exactly when strtod overflows on them. */
static void refuses_reals_that_overflow_as_strtod_does(void **state)
{
    (void)state;
    /* 2^1024 - 2^970: halfway between DBL_MAX and 2^1024. */
    static const char half[] =
        "17976931348623158079372897140530341507993413271003782693617377898044496829276475094664"
        "90179775872070963302864166928879109465555478519404026306574886715058206819089020007083"
        "83676273854845817711531764475730270069855571366959622842914819860834936475292719074168"
        "444365510704342711559699508093042880177904174497792";
    enum { CASES = 14 };
    char reals[CASES][512] = {
        "1e308", "1e309", "-1e309", "1.7976931348623157e308", "1.7976931348623158e308",
        "1.7976931348623159e308", "179769313486231570814527423731704356798070e267",
        "0.00000000000000000000000000001e337", "1e-400", "-1e-999999999999", "1e99999999999",
    };
    snprintf(reals[11], sizeof reals[11], "%s.0", half);  /* halfway: rounds up */
    snprintf(reals[12], sizeof reals[12], "%.*s1.9", (int)strlen(half) - 1, half); /* below */
    snprintf(reals[13], sizeof reals[13], "0.000%se312", half);  /* halfway, shifted */
    for (size_t i = 0; i < CASES; i++) {
        errno = 0;
        double d = strtod(reals[i], NULL);
        int overflows = isinf(d) && errno == ERANGE;
        ng_error err;
        int rc = check(reals[i], &err);
        if ((rc != 0) != overflows)
            fail_msg("%s: strtod %s, the reader %s", reals[i],
                     overflows ? "overflows" : "does not", rc ? err.text : "accepts it");
        if (rc)
            assert_non_null(strstr(err.text, "real number out of range"));
    }
}

/* --- keys ------------------------------------------------------------------- */

static void refuses_duplicate_keys_at_every_depth(void **state)
{
    (void)state;
    assert_refused("{\"a\": 1, \"a\": 2}", "duplicate key \"a\"");
    assert_refused("[{\"x\": {\"a\": 1, \"b\": [], \"a\": 2}}]", "duplicate key \"a\"");
    assert_refused("{\"a\": 1, \"\\u0061\": 2}", "duplicate key \"a\"");
    assert_refused("{\"a long key past eight\": 1, \"a long key past eight\": 2}", "duplicate key");
    assert_accepted("{\"a long key past eightX\": 1, \"a long key past eightY\": 2}");
    assert_accepted("{\"a\": {\"a\": {\"a\": 1}}, \"b\": {\"a\": 2}}");
    assert_accepted("{\"\": 1, \"x\": 2}");
    assert_refused("{\"\": 1, \"\": 2}", "duplicate key \"\"");
}

/* Objects with many keys find repeats through an index, still exactly. */
static void refuses_duplicate_keys_in_large_objects(void **state)
{
    (void)state;
    enum { KEYS = 3000 };
    char *text = malloc(KEYS * 24 + 64);
    assert_non_null(text);
    size_t len = 0;
    text[len++] = '{';
    for (int i = 0; i < KEYS; i++)
        len += (size_t)sprintf(text + len, "%s\"key %d\": %d", i ? ", " : "", i, i);
    strcpy(text + len, "}");
    assert_accepted(text);
    sprintf(text + len, ", \"key %d\": 0}", KEYS / 2);
    assert_refused(text, "duplicate key \"key 1500\"");
    free(text);
}

/* Python's json module, and jansson without JSON_REJECT_DUPLICATES, take
 * repeated keys; the reader can too, and leaves their values to the
 * caller. */
static void repeated_keys_can_be_allowed(void **state)
{
    (void)state;
    const char *text = "{\"a\": 1, \"b\": {\"c\": 2, \"c\": 3}, \"a\": 4}";
    ng_json_scan s;
    ng_error err;
    const char *key;
    long long n;
    int integer;
    ng_json_scan_bytes(&s, text, strlen(text), NULL, "t.json", &err);
    ng_json_scan_allow_repeated_keys(&s);
    assert_int_equal(ng_json_enter(&s), 0);
    assert_int_equal(ng_json_next_member(&s, &key), 1);
    assert_int_equal(ng_json_skip(&s), 0);
    assert_int_equal(ng_json_next_member(&s, &key), 1);
    assert_int_equal(ng_json_skip(&s), 0);
    assert_int_equal(ng_json_next_member(&s, &key), 1);
    assert_string_equal(key, "a");
    assert_int_equal(ng_json_read_number(&s, &n, &integer), 0);
    assert_int_equal(n, 4);
    assert_int_equal(ng_json_next_member(&s, &key), 0);
    assert_int_equal(ng_json_finish(&s), 0);
    ng_json_scan_close(&s);
}

/* --- depth ---------------------------------------------------------------- */

static char *nested(size_t depth, const char *inside)
{
    size_t n = strlen(inside);
    char *text = malloc(2 * depth + n + 1);
    assert_non_null(text);
    memset(text, '[', depth);
    memcpy(text + depth, inside, n);
    memset(text + depth + n, ']', depth);
    text[2 * depth + n] = '\0';
    return text;
}

static void limits_depth_as_the_loader_always_did(void **state)
{
    (void)state;
    char *text = nested(NG_JSON_MAX_DEPTH, "");
    assert_accepted(text);
    free(text);
    text = nested(NG_JSON_MAX_DEPTH - 1, "1");
    assert_accepted(text);
    free(text);
    text = nested(NG_JSON_MAX_DEPTH, "1");
    assert_refused(text, "depth");
    free(text);
    text = nested(1000000, "");
    ng_error err;
    assert_int_equal(check(text, &err), NG_ERR_PARSE);
    assert_non_null(strstr(err.text, "depth"));
    assert_int_equal(err.offset, NG_JSON_MAX_DEPTH);
    free(text);
}

/* --- positions ------------------------------------------------------------ */

static void locates_faults_by_line_and_character(void **state)
{
    (void)state;
    ng_error err;
    assert_int_equal(check("{\n  \"graph\": {,}\n}", &err), NG_ERR_PARSE);
    assert_int_equal(err.line, 2);
    assert_int_equal(err.column, 13);
    assert_int_equal(err.offset, 14);
    /* Columns count characters: "é" and "€" are one each. */
    assert_int_equal(check("[\"\xC3\xA9\xE2\x82\xAC\", x]", &err), NG_ERR_PARSE);
    assert_int_equal(err.line, 1);
    assert_int_equal(err.column, 8);
    assert_int_equal(err.offset, 10);
    assert_int_equal(check("[1,\r\n\t2,\n\n   @]", &err), NG_ERR_PARSE);
    assert_int_equal(err.line, 4);
    assert_int_equal(err.column, 4);
}

/* Positions and values survive the window being refilled under a string,
 * on a line longer than the window, and at a fault far into a stream. */
static void reads_streams_longer_than_the_window(void **state)
{
    (void)state;
    enum { LONG = 3 * 256 * 1024 + 7 };
    char *text = malloc(2 * LONG + 64);
    assert_non_null(text);
    size_t len = (size_t)sprintf(text, "[\"");
    for (size_t i = 0; i < LONG; i++) /* "é" (two bytes) then "aa", over and over */
        len += (size_t)sprintf(text + len, "%s", i % 3 ? "a" : "\xC3\xA9");
    len += (size_t)sprintf(text + len, "\", \n  \"\\u00e9\", @]");
    ng_error err;
    assert_int_equal(check_bytes(text, len, &err), NG_ERR_PARSE);
    assert_int_equal(err.line, 2);
    assert_int_equal(err.column, 13);
    assert_int_equal(err.offset, (long long)len - 2);

    /* The same, with the fault on the long line itself. */
    len = (size_t)sprintf(text, "{\"k\": [");
    for (size_t i = 0; i < LONG / 4; i++)
        len += (size_t)sprintf(text + len, "%s", i ? ",1" : "1");
    size_t fault = len;
    len += (size_t)sprintf(text + len, "}]}");
    assert_int_equal(check_bytes(text, len, &err), NG_ERR_PARSE);
    assert_int_equal(err.line, 1);
    assert_int_equal(err.column, (long)fault + 1);
    assert_int_equal(err.offset, (long long)fault);
    free(text);
}

/* A captured value reads back from memory with the stream's positions. */
static void captured_values_keep_their_positions(void **state)
{
    (void)state;
    const char *text = "{\"early\":\n  {\"a\": [1, 2],\n   \"b\": x}}";
    ng_json_scan s;
    ng_error err;
    const char *key;
    ng_buf kept = {0};
    ng_json_pos at;
    ng_json_scan_bytes(&s, text, strlen(text), NULL, "t.json", &err);
    assert_int_equal(ng_json_enter(&s), 0);
    assert_int_equal(ng_json_next_member(&s, &key), 1);
    /* The capture checks the text as it goes: the fault is found now. */
    assert_int_equal(ng_json_capture(&s, &kept, &at), NG_ERR_PARSE);
    assert_int_equal(err.line, 3);
    assert_int_equal(err.column, 9);
    ng_json_scan_close(&s);

    text = "{\"early\":\n  {\"a\": [1, 2],\n   \"b\": true}}";
    ng_json_scan_bytes(&s, text, strlen(text), NULL, "t.json", &err);
    assert_int_equal(ng_json_enter(&s), 0);
    assert_int_equal(ng_json_next_member(&s, &key), 1);
    assert_int_equal(ng_json_capture(&s, &kept, &at), 0);
    assert_string_equal(kept.data, "{\"a\": [1, 2],\n   \"b\": true}");
    assert_int_equal(at.line, 2);
    assert_int_equal(at.column, 3);
    assert_int_equal(at.offset, 12);
    ng_json_scan_close(&s);

    ng_json_type type;
    ng_json_scan_bytes(&s, kept.data, kept.len, &at, "t.json", &err);
    assert_int_equal(ng_json_enter(&s), 0);
    assert_int_equal(ng_json_next_member(&s, &key), 1);
    assert_int_equal(ng_json_skip(&s), 0);
    assert_int_equal(ng_json_next_member(&s, &key), 1);
    assert_int_equal(ng_json_peek(&s, &type), 0);
    ng_json_pos where = ng_json_where(&s);
    assert_int_equal(where.line, 3);
    assert_int_equal(where.column, 9);
    assert_int_equal(where.offset, 34);
    ng_json_scan_close(&s);
    ng_buf_free(&kept);
}

static void read_errors_are_io_errors(void **state)
{
    (void)state;
    FILE *in = fopen("/", "rb"); /* a directory: fread fails with EISDIR */
    if (!in)
        skip();
    ng_json_scan s;
    ng_error err;
    assert_int_equal(ng_json_scan_open(&s, in, "dir", &err), 0);
    assert_int_equal(ng_json_skip(&s), NG_ERR_IO);
    assert_int_equal(err.status, NG_ERR_IO);
    assert_non_null(strstr(err.text, "cannot read"));
    ng_json_scan_close(&s);
    fclose(in);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(walks_objects_and_arrays),
        cmocka_unit_test(accepts_any_json),
        cmocka_unit_test(refuses_broken_structure),
        cmocka_unit_test(every_truncation_is_refused),
        cmocka_unit_test(decodes_escapes_and_surrogate_pairs),
        cmocka_unit_test(refuses_bad_escapes),
        cmocka_unit_test(refuses_invalid_utf8),
        cmocka_unit_test(refuses_nul_and_control_bytes),
        cmocka_unit_test(reads_integers_to_the_limits),
        cmocka_unit_test(follows_the_number_grammar),
        cmocka_unit_test(refuses_reals_that_overflow_as_strtod_does),
        cmocka_unit_test(refuses_duplicate_keys_at_every_depth),
        cmocka_unit_test(refuses_duplicate_keys_in_large_objects),
        cmocka_unit_test(repeated_keys_can_be_allowed),
        cmocka_unit_test(limits_depth_as_the_loader_always_did),
        cmocka_unit_test(locates_faults_by_line_and_character),
        cmocka_unit_test(reads_streams_longer_than_the_window),
        cmocka_unit_test(captured_values_keep_their_positions),
        cmocka_unit_test(read_errors_are_io_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
