/*
 * rpmdb.c - installed RPM packages: the rpm database of a root filesystem.
 *
 * Files (rpm 4.16+ keeps its database in SQLite; older systems in Berkeley DB, SUSE in NDB):
 *   var/lib/rpm/rpmdb.sqlite, usr/lib/sysimage/rpm/rpmdb.sqlite   read
 *   var/lib/rpm/Packages (Berkeley DB), var/lib/rpm/Packages.db,
 *   usr/lib/sysimage/rpm/Packages.db (NDB)                         recognised, not read yet:
 *       CRK_EUNSUPPORTED "rpm database in Berkeley DB/NDB format is not supported yet"
 *
 * The SQLite file (rpm's lib/backend/sqlite.c) has a table Packages(hnum INTEGER PRIMARY KEY,
 * blob BLOB), one header blob per package (rpmdb.h gives its layout); the other tables are
 * indexes. The file is untrusted: it is never written anywhere nor opened by path. A private
 * copy of the bytes is handed to sqlite3_deserialize() as a read-only in-memory database (the
 * WAL flag of the file header is reset in the copy: an in-memory database cannot be in WAL mode;
 * what the -wal file beside it holds is not seen), on a connection set up defensively:
 * SQLITE_DBCONFIG_DEFENSIVE, untrusted schema, no triggers, no views, no extensions,
 * query_only, cell_size_check, a cap on blob length and a progress handler that stops a query
 * after RPMDB_MAX_STEPS virtual-machine steps. The headers are parsed by hand with every offset
 * checked (crk_rpmdb__header_parse).
 *
 * What is reported, per package (gpg-pubkey entries, which are imported signing keys, are not
 * packages and are skipped, as trivy and syft do):
 *   name NAME; version "[EPOCH:]VERSION-RELEASE", as `rpm -qa --qf '%{EVR}'` and OSV's RPM
 *   ecosystems write it; purl pkg:rpm/<vendor>/<name>@<version>?arch=&epoch=&distro=
 *   (the purl type wants the epoch as a qualifier; see the note on epochs in
 *   docs/detectors/rpmdb.md); source_name/source_version from SOURCERPM
 *   ("util-linux-2.32.1-42.el8_8.src.rpm"); VENDOR as supplier; SUMMARY as description;
 *   LICENSE as declared (the writers normalise Fedora's older names, "GPLv2+" -> SPDX); SIGMD5 and
 *   SHA256HEADER as the properties "rpm:sigmd5" and "rpm:sha256header" (digests of the
 *   package's header and payload, not of a file one could download). The OS comes from
 *   os-release (crk_bom_meta): the purl namespace and the OSV ecosystem follow a table of known
 *   IDs (rhel -> redhat / "Red Hat", mariner and azurelinux -> azurelinux / "Azure Linux",
 *   sles -> suse / "SUSE", ...), distro=<ID>-<VERSION_ID> as dpkg.c writes it. Without
 *   os-release the distribution is recognised from the packages' VENDOR ("Red Hat, Inc.",
 *   "Microsoft Corporation", "SUSE LLC ..."), with no distro qualifier.
 *   Edges: REQUIRENAME entries to the installed package of that name or the first one that
 *   provides it (PROVIDENAME); rpmlib() and file requirements that no package provides by name
 *   are not resolved. The packages nothing requires are the direct ones (CRK_BOM_ROOT).
 *
 * Errors: not an SQLite database, no Packages table, a corrupt database (CRK_EPARSE); a header
 * that is not well-formed is skipped with a warning; a package without NAME or VERSION too.
 */
#include <sqlite3.h>
#include <string.h>

#include "base/alloc.h"
#include "base/arena.h"
#include "base/limits.h"
#include "base/map.h"
#include "detect/detect.h"
#include "detect/npm_common.h"
#include "detect/rpmdb.h"
#include "base/banned.h"

#define RPMDB_MAX_BLOB ((int)64 << 20)   /* one header (SQLITE_LIMIT_LENGTH) */
#define RPMDB_MAX_STEPS 200000000u       /* VM instructions per query, in progress-handler units */
#define RPMDB_PROGRESS_EVERY 10000
#define RPMDB_MAX_WARNINGS 16

enum rpm_type {
	RPM_INT32_TYPE = 4,
	RPM_STRING_TYPE = 6,
	RPM_BIN_TYPE = 7,
	RPM_STRING_ARRAY_TYPE = 8,
	RPM_I18NSTRING_TYPE = 9,
};

enum rpm_tag {
	RPMSIGTAG_MD5 = 261,
	RPMTAG_SHA1HEADER = 269,
	RPMTAG_SHA256HEADER = 273,
	RPMTAG_NAME = 1000,
	RPMTAG_VERSION = 1001,
	RPMTAG_RELEASE = 1002,
	RPMTAG_EPOCH = 1003,
	RPMTAG_SUMMARY = 1004,
	RPMTAG_VENDOR = 1011,
	RPMTAG_LICENSE = 1014,
	RPMTAG_ARCH = 1022,
	RPMTAG_SOURCERPM = 1044,
	RPMTAG_PROVIDENAME = 1047,
	RPMTAG_REQUIRENAME = 1049,
};

/* ---- the header blob ---- */

static uint32_t be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

struct hdr {
	const unsigned char *data;
	size_t dl;
	struct crk_arena *a;
};

/* The string at `off` (it must end inside the data). NULL when it does not. */
static const char *str_at(const struct hdr *h, uint32_t off, size_t *len)
{
	const unsigned char *nul;
	if (off >= h->dl)
		return NULL;
	nul = memchr(h->data + off, '\0', h->dl - off);
	if (!nul)
		return NULL;
	*len = (size_t)(nul - (h->data + off));
	return (const char *)h->data + off;
}

static int take_string(const struct hdr *h, uint32_t type, uint32_t off, uint32_t count,
		       const char **out)
{
	const char *s;
	size_t n;
	if ((type != RPM_STRING_TYPE && type != RPM_I18NSTRING_TYPE &&
	     type != RPM_STRING_ARRAY_TYPE) || count < 1 || *out)
		return 0;
	s = str_at(h, off, &n);
	if (!s)
		return 0;
	*out = crk_arena_strndup(h->a, s, n);
	return *out ? 0 : -1;
}

static int take_array(const struct hdr *h, uint32_t type, uint32_t off, uint32_t count,
		      const char ***out, size_t *nout)
{
	const char **v;
	size_t i, n = count;
	if (type != RPM_STRING_ARRAY_TYPE || *out || !count)
		return 0;
	if (n > CRK_RPM_MAX_DEPS)
		n = CRK_RPM_MAX_DEPS;
	if (n > h->dl) /* each string takes at least its NUL */
		return 0;
	v = crk_arena_array(h->a, n, sizeof(*v));
	if (!v)
		return -1;
	for (i = 0; i < n; i++) {
		size_t len;
		const char *s = str_at(h, off, &len);
		if (!s)
			return 0; /* runs past the data: the whole tag is ignored */
		v[i] = s;     /* copied below, once the array is known to be whole */
		off += (uint32_t)len + 1;
	}
	for (i = 0; i < n; i++)
		if (!(v[i] = crk_arena_strdup(h->a, v[i])))
			return -1;
	*out = v;
	*nout = n;
	return 0;
}

int crk_rpmdb__header_parse(struct crk_rpm_header *out, const unsigned char *blob, size_t len,
			    struct crk_arena *a, struct crk_err *err)
{
	static const char hex[] = "0123456789abcdef";
	struct hdr h;
	uint32_t il, dl, i;
	size_t need;

	memset(out, 0, sizeof(*out));
	if (len < 8)
		return crk_err_set(err, CRK_EPARSE, NULL, 0, 0, "header blob of %zu bytes", len);
	il = be32(blob);
	dl = be32(blob + 4);
	if (il < 1 || il > CRK_RPM_MAX_TAGS || dl > CRK_RPM_MAX_DATA)
		return crk_err_set(err, CRK_ELIMIT, NULL, 0, 0,
				   "header with %u entries and %u bytes of data", il, dl);
	need = 8 + (size_t)il * 16 + dl; /* no overflow: both are capped */
	if (need > len)
		return crk_err_set(err, CRK_EPARSE, NULL, 0, 0,
				   "header of %zu bytes claims %zu", len, need);
	h.data = blob + 8 + (size_t)il * 16;
	h.dl = dl;
	h.a = a;
	for (i = 0; i < il; i++) {
		const unsigned char *e = blob + 8 + (size_t)i * 16;
		uint32_t tag = be32(e), type = be32(e + 4), off = be32(e + 8), count = be32(e + 12);
		const char **sp = NULL;
		int rc = 0;
		switch (tag) {
		case RPMTAG_NAME: sp = &out->name; break;
		case RPMTAG_VERSION: sp = &out->version; break;
		case RPMTAG_RELEASE: sp = &out->release; break;
		case RPMTAG_ARCH: sp = &out->arch; break;
		case RPMTAG_SOURCERPM: sp = &out->sourcerpm; break;
		case RPMTAG_LICENSE: sp = &out->license; break;
		case RPMTAG_VENDOR: sp = &out->vendor; break;
		case RPMTAG_SUMMARY: sp = &out->summary; break;
		case RPMTAG_SHA1HEADER: sp = &out->sha1header; break;
		case RPMTAG_SHA256HEADER: sp = &out->sha256header; break;
		case RPMTAG_EPOCH:
			if (type == RPM_INT32_TYPE && count >= 1 && off <= dl && dl - off >= 4 &&
			    !out->has_epoch) {
				out->epoch = be32(h.data + off);
				out->has_epoch = 1;
			}
			break;
		case RPMSIGTAG_MD5:
			if (type == RPM_BIN_TYPE && count == 16 && off <= dl && dl - off >= 16 &&
			    !out->sigmd5) {
				char *x = crk_arena_alloc(a, 33);
				unsigned k;
				if (!x)
					rc = -1;
				for (k = 0; x && k < 16; k++) {
					x[2 * k] = hex[h.data[off + k] >> 4];
					x[2 * k + 1] = hex[h.data[off + k] & 15];
				}
				out->sigmd5 = x;
			}
			break;
		case RPMTAG_PROVIDENAME:
			rc = take_array(&h, type, off, count, &out->provides, &out->nprovides);
			break;
		case RPMTAG_REQUIRENAME:
			rc = take_array(&h, type, off, count, &out->requires, &out->nrequires);
			break;
		default:
			break;
		}
		if (sp)
			rc = take_string(&h, type, off, count, sp);
		if (rc)
			return crk_err_set(err, CRK_ENOMEM, NULL, 0, 0, "out of memory");
	}
	return CRK_OK;
}

/* ---- the distribution ---- */

struct distro {
	const char *id;        /* os-release ID */
	const char *ns;        /* purl namespace (the vendor) */
	const char *ecosystem; /* OSV ecosystem, or a plain name where OSV has none */
	const char *vendor;    /* a VENDOR tag prefix that identifies it, or NULL */
};

static const struct distro distros[] = {
	{"rhel", "redhat", "Red Hat", "Red Hat"},
	{"almalinux", "almalinux", "AlmaLinux", "AlmaLinux"},
	{"rocky", "rocky", "Rocky Linux", "Rocky Enterprise Software Foundation"},
	{"mariner", "azurelinux", "Azure Linux", "Microsoft Corporation"},
	{"azurelinux", "azurelinux", "Azure Linux", NULL},
	{"sles", "suse", "SUSE", "SUSE"},
	{"sled", "suse", "SUSE", NULL},
	{"sle-micro", "suse", "SUSE", NULL},
	{"sles_sap", "suse", "SUSE", NULL},
	{"opensuse", "opensuse", "openSUSE", "openSUSE"},
	{"opensuse-leap", "opensuse", "openSUSE", NULL},
	{"opensuse-tumbleweed", "opensuse", "openSUSE", NULL},
	{"opensuse-leap-micro", "opensuse", "openSUSE", NULL},
	{"photon", "photon", "Photon OS", "VMware"},
	{"openEuler", "openeuler", "openEuler", "openEuler"},
	{"centos", "centos", "CentOS", "CentOS"},
	{"fedora", "fedora", "Fedora", "Fedora Project"},
	{"ol", "oracle", "Oracle Linux", "Oracle America"},
	{"amzn", "amazon", "Amazon Linux", "Amazon"},
};

static const struct distro *distro_by_id(const char *id)
{
	size_t i;
	for (i = 0; i < sizeof(distros) / sizeof(distros[0]); i++)
		if (strcmp(distros[i].id, id) == 0)
			return &distros[i];
	return NULL;
}

static const struct distro *distro_by_vendor(const char *vendor)
{
	size_t i;
	for (i = 0; vendor && i < sizeof(distros) / sizeof(distros[0]); i++)
		if (distros[i].vendor &&
		    strncmp(vendor, distros[i].vendor, strlen(distros[i].vendor)) == 0)
			return &distros[i];
	return NULL;
}

/* ---- the database ---- */

struct rpkg {
	struct crk_rpm_header h;
	unsigned line; /* hnum, kept for messages */
	size_t id;
	int needed;
	struct rpkg *next;
};

struct rpmdb {
	struct crk_detect_ctx *ctx;
	struct crk_err *err;
	struct rpkg *head, **tail;
	size_t npkgs, warned;
	struct crk_map names, provides;
	const char *ns, *ecosystem;
	struct crk_kv distro;
	int has_distro;
};

static int oom(struct rpmdb *r)
{
	return crk_err_set(r->err, CRK_ENOMEM, r->ctx->path, 0, 0, "out of memory");
}

static int progress(void *ud)
{
	unsigned *steps = ud;
	return ++*steps > RPMDB_MAX_STEPS / RPMDB_PROGRESS_EVERY;
}

static int db_error(struct rpmdb *r, sqlite3 *db, int rc, const char *what)
{
	if (rc == SQLITE_NOMEM)
		return oom(r);
	if (rc == SQLITE_INTERRUPT)
		return crk_err_set(r->err, CRK_ELIMIT, r->ctx->path, 0, 0,
				   "rpm database: %s took too long (more than %u steps)", what,
				   RPMDB_MAX_STEPS);
	return crk_err_set(r->err, CRK_EPARSE, r->ctx->path, 0, 0, "corrupt rpm database: %s: %s",
			   what, db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
}

/* Opens a private copy of the bytes as a read-only in-memory database. */
static int open_db(struct rpmdb *r, unsigned char *copy, size_t len, sqlite3 **out,
		   unsigned *steps)
{
	static const char *const pragmas[] = {
		"PRAGMA query_only=1", "PRAGMA cell_size_check=ON", "PRAGMA trusted_schema=OFF",
		"PRAGMA mmap_size=0",
	};
	sqlite3 *db = NULL;
	size_t i;
	int rc;

	*out = NULL;
	rc = sqlite3_open_v2(":memory:", &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_MEMORY, NULL);
	if (rc != SQLITE_OK) {
		sqlite3_close(db);
		return db_error(r, NULL, rc, "open");
	}
	sqlite3_db_config(db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
	sqlite3_db_config(db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
	sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_TRIGGER, 0, NULL);
	sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_VIEW, 0, NULL);
	sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0, NULL);
	sqlite3_limit(db, SQLITE_LIMIT_LENGTH, RPMDB_MAX_BLOB);
	sqlite3_limit(db, SQLITE_LIMIT_ATTACHED, 0);
	sqlite3_progress_handler(db, RPMDB_PROGRESS_EVERY, progress, steps);
	rc = sqlite3_deserialize(db, "main", copy, (sqlite3_int64)len, (sqlite3_int64)len,
				 SQLITE_DESERIALIZE_READONLY);
	for (i = 0; rc == SQLITE_OK && i < sizeof(pragmas) / sizeof(pragmas[0]); i++)
		rc = sqlite3_exec(db, pragmas[i], NULL, NULL, NULL);
	if (rc != SQLITE_OK) {
		rc = db_error(r, db, rc, "open");
		sqlite3_close(db);
		return rc;
	}
	*out = db;
	return CRK_OK;
}

static void warn(struct rpmdb *r, long long hnum, const char *what)
{
	if (r->warned++ < RPMDB_MAX_WARNINGS)
		crk_diags_addf(r->ctx->diags, CRK_EPARSE, r->ctx->path, 0, 0,
			       "package %lld skipped: %s", hnum, what);
}

static int read_packages(struct rpmdb *r, sqlite3 *db)
{
	struct crk_detect_ctx *ctx = r->ctx;
	sqlite3_stmt *st = NULL;
	int rc;

	rc = sqlite3_prepare_v2(db, "SELECT type FROM sqlite_master WHERE name = 'Packages'", -1,
				&st, NULL);
	if (rc == SQLITE_OK) {
		rc = sqlite3_step(st);
		if (rc == SQLITE_ROW && sqlite3_column_text(st, 0) &&
		    strcmp((const char *)sqlite3_column_text(st, 0), "table") == 0)
			rc = SQLITE_OK;
		else if (rc == SQLITE_ROW || rc == SQLITE_DONE)
			rc = -1;
	}
	sqlite3_finalize(st);
	st = NULL;
	if (rc == -1)
		return crk_err_set(r->err, CRK_EPARSE, ctx->path, 0, 0,
				   "not an rpm database: no 'Packages' table");
	if (rc != SQLITE_OK)
		return db_error(r, db, rc, "reading the schema");
	rc = sqlite3_prepare_v2(db, "SELECT hnum, blob FROM Packages ORDER BY hnum", -1, &st, NULL);
	if (rc != SQLITE_OK) {
		rc = db_error(r, db, rc, "reading Packages");
		sqlite3_finalize(st);
		return rc;
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		long long hnum = sqlite3_column_int64(st, 0);
		const unsigned char *blob = sqlite3_column_blob(st, 1);
		int blen = sqlite3_column_bytes(st, 1);
		struct rpkg *p = crk_arena_alloc(ctx->arena, sizeof(*p));
		struct crk_err e;
		int hr;
		if (!p) {
			sqlite3_finalize(st);
			return oom(r);
		}
		hr = crk_rpmdb__header_parse(&p->h, blob, blob && blen > 0 ? (size_t)blen : 0,
					     ctx->arena, &e);
		if (hr == CRK_ENOMEM) {
			sqlite3_finalize(st);
			return oom(r);
		}
		if (hr) {
			warn(r, hnum, e.msg);
			continue;
		}
		if (!p->h.name || !p->h.version) {
			warn(r, hnum, "no NAME or VERSION tag");
			continue;
		}
		if (strcmp(p->h.name, "gpg-pubkey") == 0)
			continue;
		p->line = 0;
		p->id = CRK_BOM_NONE;
		*r->tail = p;
		r->tail = &p->next;
		r->npkgs++;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return db_error(r, db, rc, "reading Packages");
	return CRK_OK;
}


/* "util-linux-2.32.1-42.el8_8.src.rpm" -> name and version-release. */
static int source_rpm(struct crk_arena *a, const char *s, const char **name, const char **ver)
{
	size_t n = strlen(s);
	const char *r, *v;
	*name = *ver = NULL;
	if (n > 8 && memcmp(s + n - 8, ".src.rpm", 8) == 0)
		n -= 8;
	else if (n > 10 && memcmp(s + n - 10, ".nosrc.rpm", 10) == 0)
		n -= 10;
	else
		return 0;
	r = memrchr(s, '-', n);
	if (!r || r == s)
		return 0;
	v = memrchr(s, '-', (size_t)(r - s));
	if (!v || v == s)
		return 0;
	*name = crk_arena_strndup(a, s, (size_t)(v - s));
	*ver = crk_arena_strndup(a, v + 1, n - (size_t)(v + 1 - s));
	return *name && *ver ? 0 : -1;
}

static int add_package(struct rpmdb *r, struct rpkg *p)
{
	struct crk_detect_ctx *ctx = r->ctx;
	struct crk_arena *a = ctx->arena;
	struct crk_pkg pkg;
	struct crk_kv q[3], props[3];
	size_t nq = 0, np = 0;
	void *prev;
	int rc;

	crk_detect_pkg_init(ctx, &pkg, "rpm", r->ecosystem);
	pkg.ns = r->ns;
	pkg.name = p->h.name;
	if (p->h.has_epoch)
		pkg.version = crk_arena_printf(a, "%u:%s%s%s", p->h.epoch, p->h.version,
					       p->h.release ? "-" : "",
					       p->h.release ? p->h.release : "");
	else
		pkg.version = crk_arena_printf(a, "%s%s%s", p->h.version, p->h.release ? "-" : "",
					       p->h.release ? p->h.release : "");
	if (!pkg.version)
		return oom(r);
	if (p->h.arch) {
		q[nq].key = "arch";
		q[nq++].value = p->h.arch;
	}
	if (p->h.has_epoch) {
		q[nq].key = "epoch";
		if (!(q[nq++].value = crk_arena_printf(a, "%u", p->h.epoch)))
			return oom(r);
	}
	if (r->has_distro)
		q[nq++] = r->distro;
	pkg.qualifiers = q;
	pkg.nqualifiers = nq;
	if (p->h.sourcerpm && source_rpm(a, p->h.sourcerpm, &pkg.source_name, &pkg.source_version))
		return oom(r);
	pkg.supplier = p->h.vendor;
	pkg.description = p->h.summary;
	/* the licence as declared, Fedora's older short names included ("GPLv2+", "ASL 2.0"):
	 * the writers normalise it to SPDX (crk_spdx_normalise maps those names, keeps the rest as
	 * LicenseRefs) */
	pkg.license = p->h.license;
	if (p->h.sigmd5) {
		props[np].key = "rpm:sigmd5";
		props[np++].value = p->h.sigmd5;
	}
	if (p->h.sha256header) {
		props[np].key = "rpm:sha256header";
		props[np++].value = p->h.sha256header;
	}
	pkg.props = props;
	pkg.nprops = np;
	rc = crk_detect_add(ctx, &pkg, &p->id, r->err);
	if (rc || p->id == CRK_BOM_NONE)
		return rc;
	if (crk_map_put_new(&r->names, p->h.name, strlen(p->h.name), p, &prev))
		return oom(r);
	return CRK_OK;
}

static int add_provides(struct rpmdb *r, struct rpkg *p)
{
	size_t i;
	void *prev;
	for (i = 0; i < p->h.nprovides; i++)
		if (crk_map_put_new(&r->provides, p->h.provides[i], strlen(p->h.provides[i]), p,
				    &prev))
			return -1;
	return 0;
}

static int add_edges(struct rpmdb *r)
{
	struct rpkg *p;
	size_t i;
	for (p = r->head; p; p = p->next)
		if (p->id != CRK_BOM_NONE && add_provides(r, p))
			return oom(r);
	for (p = r->head; p; p = p->next) {
		if (p->id == CRK_BOM_NONE)
			continue;
		for (i = 0; i < p->h.nrequires; i++) {
			const char *q = p->h.requires[i];
			size_t n = strlen(q);
			struct rpkg *t = crk_map_get(&r->names, q, n);
			if (!t)
				t = crk_map_get(&r->provides, q, n);
			if (!t || t == p)
				continue;
			t->needed = 1;
			if (crk_bom_add_dep(r->ctx->bom, p->id, t->id) == CRK_ENOMEM)
				return oom(r);
		}
	}
	for (p = r->head; p; p = p->next)
		if (p->id != CRK_BOM_NONE && !p->needed &&
		    crk_bom_add_dep(r->ctx->bom, CRK_BOM_ROOT, p->id) == CRK_ENOMEM)
			return oom(r);
	return CRK_OK;
}

/* Namespace, ecosystem and distro qualifier, from os-release or else from the vendors. */
static int pick_distro(struct rpmdb *r)
{
	const struct crk_bom_meta *m = crk_bom_meta(r->ctx->bom);
	const struct distro *d = NULL;
	struct rpkg *p;
	if (m->os_id && *m->os_id) {
		d = distro_by_id(m->os_id);
		r->ns = d ? d->ns : m->os_id;
		r->ecosystem = d ? d->ecosystem : NULL;
		if (m->os_version && *m->os_version) {
			r->distro.key = "distro";
			r->distro.value = crk_arena_printf(r->ctx->arena, "%s-%s", m->os_id,
							   m->os_version);
			if (!r->distro.value)
				return -1;
			r->has_distro = 1;
		}
		return 0;
	}
	for (p = r->head; p && !d; p = p->next)
		d = distro_by_vendor(p->h.vendor);
	r->ns = d ? d->ns : "unknown";
	r->ecosystem = d ? d->ecosystem : NULL;
	return 0;
}

static int parse_sqlite(struct rpmdb *r)
{
	struct crk_detect_ctx *ctx = r->ctx;
	unsigned char *copy;
	sqlite3 *db = NULL;
	unsigned steps = 0;
	struct rpkg *p;
	int rc;

	if (ctx->len < 100 || memcmp(ctx->buf, "SQLite format 3", 16) != 0)
		return crk_err_set(r->err, CRK_EPARSE, ctx->path, 0, 0,
				   "not an rpm database: not an SQLite 3 file");
	copy = crk_malloc(ctx->len);
	if (!copy)
		return oom(r);
	memcpy(copy, ctx->buf, ctx->len);
	if (copy[18] == 2) /* file format versions: 2 is WAL, which memory databases cannot do */
		copy[18] = 1;
	if (copy[19] == 2)
		copy[19] = 1;
	rc = open_db(r, copy, ctx->len, &db, &steps);
	if (!rc)
		rc = read_packages(r, db);
	sqlite3_close(db);
	crk_free(copy);
	if (rc)
		return rc;
	if (pick_distro(r))
		return oom(r);
	for (p = r->head; p; p = p->next)
		if ((rc = add_package(r, p)) != CRK_OK)
			return rc;
	if (r->warned > RPMDB_MAX_WARNINGS)
		crk_diags_addf(ctx->diags, CRK_EPARSE, ctx->path, 0, 0,
			       "%zu more packages skipped", r->warned - RPMDB_MAX_WARNINGS);
	return add_edges(r);
}

static int rpmdb_parse(struct crk_detect_ctx *ctx, struct crk_err *err)
{
	const unsigned char *b = (const unsigned char *)ctx->buf;
	struct rpmdb r;
	int rc;

	if (strcmp(ctx->name, "rpmdb.sqlite") != 0) {
		/* Berkeley DB: hash database magic 0x00061561 at offset 12, either byte order;
		 * NDB: "RpmP" at offset 0 */
		int bdb = ctx->len >= 16 && ((b[12] == 0x61 && b[13] == 0x15 && b[14] == 0x06 &&
					      b[15] == 0) ||
					     (b[12] == 0 && b[13] == 0x06 && b[14] == 0x15 &&
					      b[15] == 0x61));
		int ndb = ctx->len >= 4 && memcmp(b, "RpmP", 4) == 0;
		if (!bdb && !ndb)
			return crk_err_set(err, CRK_EPARSE, ctx->path, 0, 0,
					   "not an rpm database: neither Berkeley DB nor NDB");
		crk_err_set(err, CRK_EUNSUPPORTED, ctx->path, 0, 0,
			    "rpm database in Berkeley DB/NDB format is not supported yet; use "
			    "rpmdb.sqlite");
		crk_err_hint(err, "convert it with `rpmdb --rebuilddb --define '_db_backend "
				  "sqlite'` on the system, or scan an image of a newer release");
		return CRK_EUNSUPPORTED;
	}
	memset(&r, 0, sizeof(r));
	r.ctx = ctx;
	r.err = err;
	r.tail = &r.head;
	crk_map_init(&r.names);
	crk_map_init(&r.provides);
	rc = parse_sqlite(&r);
	crk_map_release(&r.names);
	crk_map_release(&r.provides);
	return rc;
}

static int ends_with_path(const char *relpath, size_t rellen, const char *tail)
{
	size_t tl = strlen(tail);
	if (rellen < tl || memcmp(relpath + rellen - tl, tail, tl) != 0)
		return 0;
	return rellen == tl || relpath[rellen - tl - 1] == '/';
}

static int rpmdb_match(const char *relpath, size_t rellen, const char *name)
{
	if (name[0] != 'r' && name[0] != 'P')
		return 0;
	if (strcmp(name, "rpmdb.sqlite") == 0 || strcmp(name, "Packages.db") == 0)
		return ends_with_path(relpath, rellen - strlen(name), "var/lib/rpm/") ||
		       ends_with_path(relpath, rellen - strlen(name), "usr/lib/sysimage/rpm/");
	if (strcmp(name, "Packages") == 0)
		return ends_with_path(relpath, rellen, "var/lib/rpm/Packages") ||
		       ends_with_path(relpath, rellen, "usr/lib/sysimage/rpm/Packages");
	return 0;
}

const struct crk_detector crk_detector_rpmdb = {
	.name = "rpm/rpmdb",
	.ecosystem = "Red Hat",
	.names = NULL,
	.match = rpmdb_match,
	.parse = rpmdb_parse,
	.doc = "var/lib/rpm/rpmdb.sqlite, usr/lib/sysimage/rpm/rpmdb.sqlite (Berkeley DB and NDB "
	       "databases are recognised, not read yet)",
};
