/*
 * json-floor.c - the floor for `crakit db import`: the time jansson alone takes to parse the
 * same JSON files (json_loadb, no other work), read from disk the same way. Built and run by
 * bench/db-import.sh; prints "files bytes seconds".
 * Usage: json-floor FILE...   (file names on the command line or, with "-", on stdin)
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int one(const char *path, size_t *bytes, double *parse)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;
	json_error_t e;
	json_t *v;
	double t0;
	if (!f)
		return -1;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = malloc((size_t)n + 1);
	if (!buf || fread(buf, 1, (size_t)n, f) != (size_t)n) {
		fclose(f);
		free(buf);
		return -1;
	}
	fclose(f);
	t0 = now();
	v = json_loadb(buf, (size_t)n, JSON_REJECT_DUPLICATES, &e);
	*parse += now() - t0;
	if (!v)
		fprintf(stderr, "%s:%d:%d: %s\n", path, e.line, e.column, e.text);
	json_decref(v);
	free(buf);
	*bytes += (size_t)n;
	return 0;
}

int main(int argc, char **argv)
{
	size_t files = 0, bytes = 0;
	double parse = 0, t0 = now();
	char line[4096];
	int i;
	if (argc == 2 && strcmp(argv[1], "-") == 0) {
		while (fgets(line, sizeof(line), stdin)) {
			line[strcspn(line, "\n")] = '\0';
			if (*line && one(line, &bytes, &parse) == 0)
				files++;
		}
	} else {
		for (i = 1; i < argc; i++)
			if (one(argv[i], &bytes, &parse) == 0)
				files++;
	}
	printf("%zu %zu %.6f %.6f\n", files, bytes, parse, now() - t0);
	return 0;
}
