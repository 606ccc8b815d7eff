/* A guard in front of libxml2 for the one XML cost its limits leave
 * unbounded: libxml2 (2.9) checks each attribute of a start tag against
 * all the ones before it for duplicates, so a tag with a million
 * attributes takes hours. The guard sees the bytes before the parser does
 * and stops the read at the first start tag with too many.
 *
 * It tracks just enough XML to find start tags: comments, CDATA sections
 * and processing instructions are skipped, quoted attribute values too,
 * and every '=' left inside a start tag is one attribute. In well-formed
 * XML nothing else can look like a start tag (but in the declarations of
 * a DOCTYPE, which the GraphML loader refuses anyway), so it refuses no
 * file without such a tag; in malformed XML it may report the limit where
 * libxml2 would have reported the syntax error. */
#ifndef NG_IO_XML_GUARD_H
#define NG_IO_XML_GUARD_H

#include <stddef.h>
#include <stdint.h>

/* Far more than any GraphML tool writes on one element, and little enough
 * that the duplicate check of a tag stays well under a second. */
#define NG_XML_MAX_ATTRIBUTES 10000

typedef struct ng_xml_guard {
    int state;
    unsigned char quote; /* the quote that ends the value being read */
    uint64_t last;       /* the last eight bytes, newest lowest */
    size_t attributes;   /* in the current start tag */
    long line;           /* 1-based line the scan has reached */
} ng_xml_guard;

/* Zero-initialise, then call on every chunk of input in order. Returns 0,
 * or -1 when a start tag has more than NG_XML_MAX_ATTRIBUTES attributes;
 * guard->line is then the line it has reached. */
int ng_xml_guard_scan(ng_xml_guard *guard, const char *bytes, size_t n);

#endif
