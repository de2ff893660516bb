/*
 * update_impl.h - the decisions of `crakit db update` that need no network, kept apart so unit
 * tests can check them (tests/unit/vulndb/test_update.c): which conditional or range request to
 * send, and what a response means. Not API.
 */
#ifndef CRK_VULNDB_UPDATE_IMPL_H
#define CRK_VULNDB_UPDATE_IMPL_H

#include <stddef.h>
#include <stdint.h>

/* What is known before a download. */
struct crk_update_state {
	char etag[256];     /* ETag of the last imported download ("" none) */
	int64_t filetime;   /* its Last-Modified / file time, Unix seconds (0 none) */
	uint64_t part_size; /* bytes of a partial download on disk (0 none) */
	char part_etag[256];/* ETag the partial download was started with */
	int64_t part_time;  /* or its file time */
};

/* The request to send. */
struct crk_update_plan {
	uint64_t resume_from;       /* Range: bytes=N- (0: whole file) */
	char if_range[256];         /* If-Range: ETag (with resume_from) */
	int64_t if_range_time;      /* or If-Range: the HTTP-date of this time */
	char if_none_match[256];    /* If-None-Match (whole-file requests) */
	int64_t if_modified_since;  /* If-Modified-Since, Unix seconds (0 none) */
	int truncate_part;          /* a partial file that cannot be proven current is dropped */
};

enum crk_update_outcome {
	CRK_UPDATE_FAILED = 0,
	CRK_UPDATE_FULL,           /* 200: the whole file */
	CRK_UPDATE_RESUMED,        /* 206: the rest of a partial file */
	CRK_UPDATE_RESTARTED,      /* 200 to a range request: the server sent it all again */
	CRK_UPDATE_RESTART_NEEDED, /* 416: the partial file is no good; fetch it whole */
	CRK_UPDATE_NOT_MODIFIED,   /* 304 or an unmet time condition: the store is current */
};

/* Decides the request from the state. A partial file is resumed only when its validator is
 * known (If-Range makes a changed file come back whole instead of spliced). Returns 0. */
int crk_update__plan(const struct crk_update_state *st, struct crk_update_plan *p);
/* Interprets a response: HTTP status `code` (0 for file://) and libcurl's unmet-condition flag. */
int crk_update__outcome(const struct crk_update_plan *p, long code, int condition_unmet);
/* If `line` (n bytes, a raw header line) is header `name` (case-insensitive), copies its
 * trimmed value into out and returns 1; else 0 (also when it does not fit). */
int crk_update__header_value(const char *line, size_t n, const char *name, char *out,
			     size_t outsize);

#endif
