/*
 * maven_jar.c - Java archives: .jar, .war, .ear and the other zip-based packagings built on
 * them (.par, .sar, .nar, .kar, .jpi, .hpi, .lpkg), read from memory with libarchive.
 *
 * Format: a zip file (https://docs.oracle.com/en/java/javase/21/docs/specs/jar/jar.html) in
 * which Maven's archiver stores, for each artifact it packs,
 *   META-INF/maven/<groupId>/<artifactId>/pom.properties
 *       groupId=org.slf4j  artifactId=slf4j-api  version=2.0.9   (Java properties syntax)
 * and every jar tool writes META-INF/MANIFEST.MF ("Name: value" lines, 72-byte lines continued
 * by a leading space; Implementation-Title/-Version/-Vendor-Id, Bundle-SymbolicName and
 * Bundle-Version for OSGi bundles). Archives nest: a .war holds WEB-INF/lib/NAME.jar, a Spring Boot
 * jar BOOT-INF/lib/NAME.jar, an .ear its modules and lib/NAME.jar.
 *
 * What is reported, per archive (the file, then each archive inside it, to a depth of
 * JAR_MAX_DEPTH):
 *  - the archive itself: with one pom.properties, its coordinates; with several (a shaded or
 *    "uber" jar), the one whose artifactId the file name starts with, the others being
 *    components it embeds; with none, MANIFEST.MF and the file name ("name-1.2.3.jar"):
 *    version from Implementation-Version, else Bundle-Version, else Specification-Version,
 *    else the file name; name from the file name when it carries a version, else
 *    Bundle-SymbolicName, else a one-word Implementation-Title, else the file name; groupId
 *    from Implementation-Vendor-Id. Without a groupId no maven purl can be formed: the
 *    component is CRK_PKG_NO_PURL (name and version only). The property "identified_by" says
 *    which of "pom.properties", "MANIFEST.MF" or "file name" gave the identity;
 *  - its SHA-1, SHA-256 and SHA-512 (of the archive's bytes, as Maven Central indexes them) as
 *    the component's hashes; type=<extension> as purl qualifier when it is not a jar;
 *  - edges: product (CRK_BOM_ROOT) -> the file's component; archive -> each archive or
 *    embedded pom.properties inside it (through an archive that could not be identified, to
 *    what it holds);
 *  - nested archives carry the property "archive_entry" ("WEB-INF/lib/a.jar!/lib/b.jar");
 *  - scope: required, except the Gradle and Maven wrappers (a jar under gradle/wrapper/ or
 *    .mvn/wrapper/), which only run the build: dev.
 *
 * Hostile input (DESIGN.md §8): nothing is written to disk; every read is capped: entry headers
 * (JAR_MAX_ENTRIES over the whole file), metadata files (JAR_MAX_META), one nested archive
 * (JAR_MAX_NESTED), decompressed bytes over the whole file (JAR_MAX_TOTAL), nesting depth
 * (JAR_MAX_DEPTH). A cap reached is a warning and what was found is kept. A file that is not a
 * zip archive, or is broken, is CRK_EPARSE; a broken archive inside is a warning.
 */
#include <stdint.h>
#include <string.h>
#include <strings.h>

#include <archive.h>
#include <archive_entry.h>
#include <openssl/evp.h>

#include "base/alloc.h"
#include "base/arena.h"
#include "base/cursor.h"
#include "base/limits.h"
#include "base/strbuf.h"
#include "detect/detect.h"
#include "base/banned.h"

#define JAR_MAX_DEPTH 4                        /* archives inside archives */
#define JAR_MAX_ENTRIES ((size_t)1 << 20)      /* entry headers, the whole file */
#define JAR_MAX_META ((size_t)1 << 20)         /* one pom.properties or MANIFEST.MF */
#define JAR_MAX_NESTED ((size_t)256 << 20)     /* one archive inside */
#define JAR_MAX_TOTAL ((uint64_t)1 << 30)      /* decompressed bytes, the whole file */
#define JAR_MAX_POMPROPS 4096                  /* pom.properties in one archive */
#define JAR_MAX_SIZE ((size_t)512 << 20)       /* the file */

static const char *const archive_exts[] = {"jar", "war", "ear", "par", "sar", "nar",
					   "kar", "jpi", "hpi", "lpkg", NULL};

struct gav {
	const char *g, *a, *v;
};

struct ids {
	size_t *v;
	size_t n, alloc;
};

struct jarctx {
	struct crk_detect_ctx *ctx;
	struct crk_err *err;
	uint64_t total;  /* decompressed bytes read */
	size_t entries;  /* entry headers seen */
	int capped;      /* a whole-file cap was reached (warned once) */
	enum crk_scope scope;
};

static int oom(struct jarctx *jc)
{
	return crk_err_set(jc->err, CRK_ENOMEM, jc->ctx->path, 0, 0, "out of memory");
}

static void warn(struct jarctx *jc, const char *where, const char *what, const char *detail)
{
	crk_diags_addf(jc->ctx->diags, CRK_EPARSE, jc->ctx->path, 0, 0, "%s%s%s%s%s",
		       where ? where : "", where ? ": " : "", what, detail ? ": " : "",
		       detail ? detail : "");
}

static int ids_add(struct ids *l, size_t id)
{
	if (id == CRK_BOM_NONE)
		return 0;
	if (CRK_GROW(l->v, l->alloc, l->n + 1))
		return -1;
	l->v[l->n++] = id;
	return 0;
}

/* The extension of `name` if it is one of archive_exts (lowercase, static), else NULL. */
static const char *archive_ext(const char *name, size_t n)
{
	const char *dot = NULL;
	size_t i;
	for (i = n; i > 0; i--)
		if (name[i - 1] == '.') {
			dot = name + i - 1;
			break;
		} else if (name[i - 1] == '/') {
			break;
		}
	if (!dot)
		return NULL;
	for (i = 0; archive_exts[i]; i++)
		if ((size_t)(name + n - dot - 1) == strlen(archive_exts[i]) &&
		    strncasecmp(dot + 1, archive_exts[i], strlen(archive_exts[i])) == 0)
			return archive_exts[i];
	return NULL;
}

/* ---------------------------------------------------------------- metadata files */

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Appends a Java properties value s[0..n) unescaped (\t \n \r \f \uXXXX, \x -> x). */
static void prop_unescape(struct crk_strbuf *sb, const char *s, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++) {
		char c = s[i];
		if (c != '\\' || i + 1 >= n) {
			crk_strbuf_addch(sb, c);
			continue;
		}
		c = s[++i];
		if (c == 'u' && i + 4 < n && hexval(s[i + 1]) >= 0 && hexval(s[i + 2]) >= 0 &&
		    hexval(s[i + 3]) >= 0 && hexval(s[i + 4]) >= 0) {
			unsigned cp = (unsigned)(hexval(s[i + 1]) << 12 | hexval(s[i + 2]) << 8 |
						 hexval(s[i + 3]) << 4 | hexval(s[i + 4]));
			i += 4;
			if (cp < 0x80) {
				crk_strbuf_addch(sb, (char)cp);
			} else if (cp < 0x800) {
				crk_strbuf_addch(sb, (char)(0xc0 | cp >> 6));
				crk_strbuf_addch(sb, (char)(0x80 | (cp & 0x3f)));
			} else {
				crk_strbuf_addch(sb, (char)(0xe0 | cp >> 12));
				crk_strbuf_addch(sb, (char)(0x80 | (cp >> 6 & 0x3f)));
				crk_strbuf_addch(sb, (char)(0x80 | (cp & 0x3f)));
			}
			continue;
		}
		crk_strbuf_addch(sb, c == 't' ? '\t' : c == 'n' ? '\n' : c == 'r' ? '\r'
							  : c == 'f' ? '\f' : c);
	}
}

/* pom.properties: groupId, artifactId, version (the Java properties subset Maven writes:
 * comments, key=value or key: value, escapes; continuation lines are joined). */
static int read_pom_properties(struct crk_arena *a, const char *buf, size_t len, struct gav *out)
{
	struct crk_line_iter it;
	const char *line;
	size_t n;
	crk_line_iter_init(&it, buf, len);
	while (crk_line_iter_next(&it, &line, &n)) {
		struct crk_strbuf val = CRK_STRBUF_INIT(JAR_MAX_META);
		const char *k, *v, **slot = NULL;
		size_t kl, vl, i;
		char *s;
		crk_bytes_trim(&line, &n);
		if (!n || line[0] == '#' || line[0] == '!')
			continue;
		for (i = 0; i < n && line[i] != '=' && line[i] != ':' && line[i] != ' ' &&
			    line[i] != '\t';
		     i++)
			if (line[i] == '\\')
				i++;
		k = line;
		kl = i < n ? i : n;
		v = line + kl;
		vl = n - kl;
		crk_bytes_trim(&v, &vl);
		if (vl && (v[0] == '=' || v[0] == ':')) {
			v++;
			vl--;
			crk_bytes_trim(&v, &vl);
		}
		if (crk_bytes_eq(k, kl, "groupId"))
			slot = &out->g;
		else if (crk_bytes_eq(k, kl, "artifactId"))
			slot = &out->a;
		else if (crk_bytes_eq(k, kl, "version"))
			slot = &out->v;
		/* a value continued on the next lines (ends with an odd number of backslashes) */
		for (;;) {
			size_t bs = 0;
			while (bs < vl && v[vl - 1 - bs] == '\\')
				bs++;
			if (bs % 2 == 0)
				break;
			prop_unescape(&val, v, vl - 1);
			if (!crk_line_iter_next(&it, &v, &vl)) {
				vl = 0;
				break;
			}
			crk_bytes_trim(&v, &vl);
		}
		prop_unescape(&val, v, vl);
		if (slot) {
			s = crk_strbuf_ok(&val) ? crk_arena_strndup(a, val.buf, val.len) : NULL;
			if (!s) {
				crk_strbuf_release(&val);
				return -1;
			}
			*slot = s;
		}
		crk_strbuf_release(&val);
	}
	return 0;
}

struct manifest {
	const char *impl_title, *impl_version, *vendor_id, *bsn, *bundle_version, *spec_version;
};

/* The main section of MANIFEST.MF. Only the attributes we use are kept. */
static int read_manifest(struct crk_arena *a, const char *buf, size_t len, struct manifest *m)
{
	static const char *const keys[] = {"Implementation-Title", "Implementation-Version",
					   "Implementation-Vendor-Id", "Bundle-SymbolicName",
					   "Bundle-Version", "Specification-Version"};
	const char **slots[] = {&m->impl_title, &m->impl_version, &m->vendor_id,
				&m->bsn, &m->bundle_version, &m->spec_version};
	struct crk_line_iter it;
	const char *line;
	size_t n, i;
	struct crk_strbuf val = CRK_STRBUF_INIT(JAR_MAX_META);
	int cur = -1; /* slot of the attribute being read, -1 none, -2 one we skip */

	crk_line_iter_init(&it, buf, len);
	for (;;) {
		int more = crk_line_iter_next(&it, &line, &n);
		if (more && n && line[0] == ' ') { /* continuation */
			if (cur >= 0)
				crk_strbuf_add(&val, line + 1, n - 1);
			continue;
		}
		if (cur >= 0) {
			const char *v = val.buf;
			size_t vl = val.len;
			crk_bytes_trim(&v, &vl);
			if (!crk_strbuf_ok(&val) ||
			    !(*slots[cur] = crk_arena_strndup(a, v, vl))) {
				crk_strbuf_release(&val);
				return -1;
			}
		}
		crk_strbuf_reset(&val);
		cur = -1;
		if (!more || !n)
			break; /* the end of the main section */
		for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
			size_t kl = strlen(keys[i]);
			if (n > kl && line[kl] == ':' && strncasecmp(line, keys[i], kl) == 0) {
				cur = (int)i;
				crk_strbuf_add(&val, line + kl + 1, n - kl - 1);
				break;
			}
		}
	}
	crk_strbuf_release(&val);
	return 0;
}

/* ---------------------------------------------------------------- identity */

/* "commons-lang3-3.12.0.jar" -> name "commons-lang3", version "3.12.0" (the version starts at
 * the first '-' followed by a digit); without one, the stem and no version. */
static int split_file_name(struct crk_arena *a, const char *base, const char **name,
			   const char **version)
{
	const char *dot = strrchr(base, '.');
	size_t n = dot ? (size_t)(dot - base) : strlen(base), i;
	*version = NULL;
	for (i = 1; i + 1 < n; i++)
		if (base[i] == '-' && base[i + 1] >= '0' && base[i + 1] <= '9')
			break;
	if (i + 1 < n) {
		*name = crk_arena_strndup(a, base, i);
		*version = crk_arena_strndup(a, base + i + 1, n - i - 1);
		return *name && *version ? 0 : -1;
	}
	*name = crk_arena_strndup(a, base, n);
	return *name ? 0 : -1;
}

/* The part of a Bundle-SymbolicName before its parameters ("a.b;singleton:=true" -> "a.b"). */
static const char *bsn_name(struct crk_arena *a, const char *bsn)
{
	size_t n = strcspn(bsn, ";");
	while (n && (bsn[n - 1] == ' ' || bsn[n - 1] == '\t'))
		n--;
	return crk_arena_strndup(a, bsn, n);
}

static const char *first_set(const char *x, const char *y, const char *z)
{
	return x && x[0] ? x : y && y[0] ? y : z && z[0] ? z : NULL;
}

/* ---------------------------------------------------------------- hashing */

static int hex_digest(struct crk_arena *a, const EVP_MD *md, const char *buf, size_t len,
		      const char **out)
{
	unsigned char d[EVP_MAX_MD_SIZE];
	unsigned int dl = 0, i;
	char *h;
	if (!EVP_Digest(buf, len, d, &dl, md, NULL))
		return -1;
	if (!(h = crk_arena_alloc(a, (size_t)dl * 2 + 1)))
		return -1;
	for (i = 0; i < dl; i++) {
		h[2 * i] = "0123456789abcdef"[d[i] >> 4];
		h[2 * i + 1] = "0123456789abcdef"[d[i] & 15];
	}
	h[2 * dl] = '\0';
	*out = h;
	return 0;
}

/* ---------------------------------------------------------------- one archive */

struct archive_found {
	struct gav *props; /* from pom.properties */
	size_t nprops, allocprops;
	struct manifest mf;
	int have_mf;
	struct ids inner; /* top components of the archives inside */
};

static int process(struct jarctx *jc, const char *buf, size_t len, const char *base,
		   const char *entry_path, unsigned depth, struct ids *tops);

/* Reads the current entry's data, at most `cap` bytes and what the whole-file budget allows.
 * *out is heap memory (crk_free) or NULL when the entry was skipped (a warning says why). */
static int read_entry(struct jarctx *jc, struct archive *ar, struct archive_entry *ae,
		      const char *where, size_t cap, char **out, size_t *outlen)
{
	char *b = NULL;
	size_t n = 0, alloc = 0;
	la_int64_t declared = archive_entry_size_is_set(ae) ? archive_entry_size(ae) : -1;
	*out = NULL;
	*outlen = 0;
	if (declared > 0 && (uint64_t)declared > cap) {
		warn(jc, where, "skipped", "larger than the cap for an entry");
		return CRK_OK;
	}
	/* the declared size is a hint, not a promise: start small, grow as bytes come */
	alloc = declared > 0 && (uint64_t)declared < ((uint64_t)1 << 20) ? (size_t)declared + 1
									  : 65536;
	if (!(b = crk_malloc(alloc)))
		return oom(jc);
	for (;;) {
		la_ssize_t r;
		if (n + 1 >= alloc) {
			size_t na = alloc * 2;
			char *nb;
			if (na > cap + 1)
				na = cap + 1;
			if (na <= n + 1) {
				crk_free(b);
				warn(jc, where, "skipped", "larger than the cap for an entry");
				return CRK_OK;
			}
			if (!(nb = crk_realloc(b, na))) {
				crk_free(b);
				return oom(jc);
			}
			b = nb;
			alloc = na;
		}
		r = archive_read_data(ar, b + n, alloc - n - 1);
		if (r == 0)
			break;
		if (r < 0) {
			warn(jc, where, "cannot be read", archive_error_string(ar));
			crk_free(b);
			return CRK_OK;
		}
		n += (size_t)r;
		jc->total += (uint64_t)r;
		if (jc->total > JAR_MAX_TOTAL) {
			crk_free(b);
			if (!jc->capped)
				warn(jc, where, "not read", "more decompressed bytes than the cap");
			jc->capped = 1;
			return CRK_OK;
		}
	}
	b[n] = '\0';
	*out = b;
	*outlen = n;
	return CRK_OK;
}

/* "META-INF/maven/<g>/<a>/pom.properties" */
static int is_pom_properties(const char *p)
{
	const char *s1, *s2;
	if (strncmp(p, "META-INF/maven/", 15) != 0)
		return 0;
	p += 15;
	if (!(s1 = strchr(p, '/')) || s1 == p || !(s2 = strchr(s1 + 1, '/')) || s2 == s1 + 1)
		return 0;
	return strcmp(s2 + 1, "pom.properties") == 0;
}

/* Handles one entry of the archive. */
static int on_entry(struct jarctx *jc, struct archive *ar, struct archive_entry *ae,
		    const char *entry_path, unsigned depth, struct archive_found *f)
{
	struct crk_arena *a = jc->ctx->arena;
	const char *name = archive_entry_pathname_utf8(ae);
	const char *where;
	char *data;
	size_t dlen;
	int rc;

	if (!name)
		name = archive_entry_pathname(ae);
	if (!name || archive_entry_filetype(ae) != AE_IFREG)
		return CRK_OK;
	if (is_pom_properties(name) || strcmp(name, "META-INF/MANIFEST.MF") == 0) {
		int is_mf = strcmp(name, "META-INF/MANIFEST.MF") == 0;
		if (is_mf && f->have_mf)
			return CRK_OK;
		if (!is_mf && f->nprops >= JAR_MAX_POMPROPS)
			return CRK_OK;
		where = entry_path ? crk_arena_printf(a, "%s!/%s", entry_path, name) : name;
		if (!where)
			return oom(jc);
		if ((rc = read_entry(jc, ar, ae, where, JAR_MAX_META, &data, &dlen)) || !data)
			return rc;
		if (is_mf) {
			f->have_mf = 1;
			rc = read_manifest(a, data, dlen, &f->mf);
		} else {
			struct gav gv = {NULL, NULL, NULL};
			rc = read_pom_properties(a, data, dlen, &gv);
			if (!rc && (!gv.g || !gv.a)) { /* fall back on the path's segments */
				const char *s1 = strchr(name + 15, '/');
				const char *s2 = strchr(s1 + 1, '/');
				if (!gv.g)
					gv.g = crk_arena_strndup(a, name + 15,
								 (size_t)(s1 - (name + 15)));
				if (!gv.a)
					gv.a = crk_arena_strndup(a, s1 + 1, (size_t)(s2 - s1 - 1));
				rc = gv.g && gv.a ? 0 : -1;
			}
			if (!rc && CRK_GROW(f->props, f->allocprops, f->nprops + 1) == 0)
				f->props[f->nprops++] = gv;
			else
				rc = -1;
		}
		crk_free(data);
		return rc ? oom(jc) : CRK_OK;
	}
	if (archive_ext(name, strlen(name))) {
		const char *base = strrchr(name, '/');
		base = base ? base + 1 : name;
		where = entry_path ? crk_arena_printf(a, "%s!/%s", entry_path, name)
				   : crk_arena_strdup(a, name);
		if (!where)
			return oom(jc);
		if (depth + 1 >= JAR_MAX_DEPTH) {
			warn(jc, where, "not read", "archives nested deeper than the cap");
			return CRK_OK;
		}
		if ((rc = read_entry(jc, ar, ae, where, JAR_MAX_NESTED, &data, &dlen)) || !data)
			return rc;
		rc = process(jc, data, dlen, base, where, depth + 1, &f->inner);
		crk_free(data);
		return rc;
	}
	return CRK_OK;
}

/* Adds one component; *id is CRK_BOM_NONE when it could not be formed (a warning). */
static int add_component(struct jarctx *jc, const struct gav *gv, unsigned flags,
			 const char *ext, const char *entry_path, const char *how,
			 const struct crk_hash *hashes, size_t nhashes, size_t *id)
{
	struct crk_pkg pkg;
	struct crk_kv q, props[2];
	size_t np = 0;
	crk_detect_pkg_init(jc->ctx, &pkg, "maven", "Maven");
	pkg.ns = gv->g && gv->g[0] ? gv->g : NULL;
	pkg.name = gv->a;
	pkg.version = gv->v && gv->v[0] ? gv->v : NULL;
	pkg.flags = flags | (pkg.version ? 0 : CRK_PKG_UNPINNED) | (pkg.ns ? 0 : CRK_PKG_NO_PURL);
	pkg.scope = jc->scope;
	pkg.hashes = nhashes ? hashes : NULL;
	pkg.nhashes = nhashes;
	if (ext && strcmp(ext, "jar") != 0 && pkg.ns) {
		q.key = "type";
		q.value = ext;
		pkg.qualifiers = &q;
		pkg.nqualifiers = 1;
	}
	props[np].key = "identified_by";
	props[np++].value = how;
	if (entry_path) {
		props[np].key = "archive_entry";
		props[np++].value = entry_path;
	}
	pkg.props = props;
	pkg.nprops = np;
	return crk_detect_add(jc->ctx, &pkg, id, jc->err);
}

/* Which pom.properties is the archive itself: the only one, or the one whose artifactId the
 * file name is made of ("a.jar", "a-1.0.jar"). -1 when none is. */
static long pick_self(const struct archive_found *f, const char *base)
{
	size_t i;
	if (f->nprops == 1)
		return 0;
	for (i = 0; i < f->nprops; i++) {
		size_t al = strlen(f->props[i].a);
		if (strncmp(base, f->props[i].a, al) == 0 &&
		    (base[al] == '.' || (base[al] == '-' && base[al + 1] >= '0' &&
					 base[al + 1] <= '9')))
			return (long)i;
	}
	return -1;
}

/* Reads one archive (the file or one inside it) and adds what it holds; the ids of the
 * components that stand for it go to `tops`. */
static int process(struct jarctx *jc, const char *buf, size_t len, const char *base,
		   const char *entry_path, unsigned depth, struct ids *tops)
{
	struct crk_arena *a = jc->ctx->arena;
	struct archive_found f;
	struct archive *ar;
	struct archive_entry *ae;
	struct crk_hash hashes[3];
	const char *ext = archive_ext(base, strlen(base));
	size_t i, self = CRK_BOM_NONE, id;
	long si;
	int rc = CRK_OK, r, nentries = 0;

	memset(&f, 0, sizeof(f));
	if (!(ar = archive_read_new()))
		return oom(jc);
	archive_read_support_format_zip(ar);
	if (archive_read_open_memory(ar, buf, len) != ARCHIVE_OK) {
		r = ARCHIVE_FATAL;
		goto broken;
	}
	for (;;) {
		r = archive_read_next_header(ar, &ae);
		if (r == ARCHIVE_EOF)
			break;
		if (r != ARCHIVE_OK && r != ARCHIVE_WARN)
			goto broken;
		nentries++;
		if (++jc->entries > JAR_MAX_ENTRIES) {
			if (!jc->capped)
				warn(jc, entry_path, "entries not read",
				     "more entries than the cap");
			jc->capped = 1;
			break;
		}
		if ((rc = on_entry(jc, ar, ae, entry_path, depth, &f)) != CRK_OK)
			goto out;
		if (jc->capped)
			break;
	}
	goto identify;
broken:
	if (!entry_path && nentries == 0) {
		rc = crk_err_set(jc->err, CRK_EPARSE, jc->ctx->path, 0, 0,
				 "not a zip archive: %s",
				 archive_error_string(ar) ? archive_error_string(ar)
							  : "unrecognized archive format");
		goto out;
	}
	if (!entry_path) {
		rc = crk_err_set(jc->err, CRK_EPARSE, jc->ctx->path, 0, 0,
				 "broken zip archive after %d entries: %s", nentries,
				 archive_error_string(ar) ? archive_error_string(ar) : "unknown");
		goto out;
	}
	warn(jc, entry_path, nentries ? "broken archive" : "not a zip archive",
	     archive_error_string(ar));
	if (!nentries)
		goto out;

identify:
	if (hex_digest(a, EVP_sha1(), buf, len, &hashes[0].value) ||
	    hex_digest(a, EVP_sha256(), buf, len, &hashes[1].value) ||
	    hex_digest(a, EVP_sha512(), buf, len, &hashes[2].value)) {
		rc = oom(jc);
		goto out;
	}
	hashes[0].alg = "SHA-1";
	hashes[1].alg = "SHA-256";
	hashes[2].alg = "SHA-512";
	si = pick_self(&f, base);
	if (si >= 0) {
		rc = add_component(jc, &f.props[si], 0, ext, entry_path, "pom.properties", hashes, 3,
				   &self);
	} else if (f.nprops == 0) {
		struct gav gv = {NULL, NULL, NULL};
		const char *fname, *fver, *how = "file name";
		if (split_file_name(a, base, &fname, &fver)) {
			rc = oom(jc);
			goto out;
		}
		gv.a = fname;
		gv.v = fver;
		if (f.have_mf) {
			const struct manifest *m = &f.mf;
			const char *mv = first_set(m->impl_version, m->bundle_version,
						   m->spec_version);
			if (mv) {
				gv.v = mv;
				how = "MANIFEST.MF";
			}
			if (!fver && m->bsn && m->bsn[0]) {
				if (!(gv.a = bsn_name(a, m->bsn))) {
					rc = oom(jc);
					goto out;
				}
				how = "MANIFEST.MF";
			} else if (!fver && m->impl_title && m->impl_title[0] &&
				   !strpbrk(m->impl_title, " \t")) {
				gv.a = m->impl_title;
				how = "MANIFEST.MF";
			}
			gv.g = m->vendor_id;
		}
		if (gv.a && gv.a[0])
			rc = add_component(jc, &gv, 0, ext, entry_path, how, hashes, 3, &self);
	}
	if (rc)
		goto out;
	/* what the archive holds: embedded pom.properties and inner archives */
	for (i = 0; i < f.nprops; i++) {
		if ((long)i == si)
			continue;
		if ((rc = add_component(jc, &f.props[i], 0, NULL, entry_path, "pom.properties",
					NULL, 0, &id)) != CRK_OK)
			goto out;
		if (self != CRK_BOM_NONE ? crk_bom_add_dep(jc->ctx->bom, self, id) == CRK_ENOMEM
					 : ids_add(tops, id)) {
			rc = oom(jc);
			goto out;
		}
	}
	for (i = 0; i < f.inner.n; i++)
		if (self != CRK_BOM_NONE
			    ? crk_bom_add_dep(jc->ctx->bom, self, f.inner.v[i]) == CRK_ENOMEM
			    : ids_add(tops, f.inner.v[i])) {
			rc = oom(jc);
			goto out;
		}
	if (self != CRK_BOM_NONE && ids_add(tops, self))
		rc = oom(jc);
out:
	archive_read_free(ar);
	crk_free(f.props);
	crk_free(f.inner.v);
	return rc;
}

static int is_wrapper(const char *path)
{
	return strstr(path, "gradle/wrapper/") != NULL || strstr(path, ".mvn/wrapper/") != NULL;
}

static int jar_parse(struct crk_detect_ctx *ctx, struct crk_err *err)
{
	struct jarctx jc;
	struct ids tops = {NULL, 0, 0};
	size_t i;
	int rc;

	memset(&jc, 0, sizeof(jc));
	jc.ctx = ctx;
	jc.err = err;
	jc.scope = is_wrapper(ctx->path) ? CRK_SCOPE_DEV : CRK_SCOPE_REQUIRED;
	rc = process(&jc, ctx->buf, ctx->len, ctx->name, NULL, 0, &tops);
	for (i = 0; rc == CRK_OK && i < tops.n; i++)
		if (crk_bom_add_dep(ctx->bom, CRK_BOM_ROOT, tops.v[i]) == CRK_ENOMEM)
			rc = oom(&jc);
	crk_free(tops.v);
	return rc;
}

static int jar_match(const char *relpath, size_t rellen, const char *name)
{
	(void)relpath;
	(void)rellen;
	return archive_ext(name, strlen(name)) != NULL;
}

const struct crk_detector crk_detector_maven_jar = {
	.name = "maven/archive",
	.ecosystem = "Maven",
	.match = jar_match,
	.parse = jar_parse,
	.max_size = JAR_MAX_SIZE,
	.doc = "Java archives: .jar .war .ear .par .sar .nar .kar .jpi .hpi .lpkg (pom.properties, "
	       "MANIFEST.MF, nested jars, SHA-1/256/512)",
};
