/*
 * key.c - which OSV package a component is (include/crakit/match.h, "How a component is looked
 * up"): the OSV ecosystem with its release, the package name in OSV's form, the version to
 * evaluate, and whether an affected entry's `package.ecosystem` is the component's.
 *
 * Sources for the names: the OSV schema's ecosystem list (corpus osv/schema/ecosystems.json):
 * "Debian:<numeric release>", "Ubuntu:<YY.MM>[:LTS]" (":Pro:" streams are ESM, not matched),
 * "Alpine:v<major.minor>", "AlmaLinux:<major>", "Rocky Linux:<major>", "Azure Linux:<release>",
 * "Photon OS:<release>", "Red Hat:<CPE without cpe:/[oa]:redhat:>". Releases come from the
 * purl `distro` qualifier the detectors write (<os-release ID>-<VERSION_ID>, or a codename).
 *
 * Names: Debian, Ubuntu and Alpine advisories are keyed on the SOURCE package (dpkg Source:,
 * apk origin), so we use the component's source_name and source_version. RPM distributions'
 * advisories (AlmaLinux, Rocky, Red Hat) list binary package names (the AlmaLinux records of
 * the corpus name "bpftool", "firefox-x11"), so RPM components keep their own name and full
 * [epoch:]version-release (a source version from SOURCERPM has no epoch).
 */
#include <stdio.h>
#include <string.h>

#include "base/strbuf.h"
#include "crakit/match.h"
#include "match/match_impl.h"
#include "base/banned.h"

static int ieq(const char *a, const char *b)
{
	for (; *a && *b; a++, b++) {
		int x = (unsigned char)*a, y = (unsigned char)*b;
		if (x >= 'A' && x <= 'Z')
			x += 32;
		if (y >= 'A' && y <= 'Z')
			y += 32;
		if (x != y)
			return 0;
	}
	return *a == *b;
}

static int lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

size_t crk_match_package_name(const char *ecosystem, const char *name, size_t len, char *out,
			      size_t outsz)
{
	char base[64];
	size_t i, o = 0;
	int pypi, lc;
	crk_match_ecosystem_base(ecosystem ? ecosystem : "", base, sizeof(base));
	pypi = ieq(base, "PyPI");
	lc = pypi || ieq(base, "NuGet") || ieq(base, "Packagist") || ieq(base, "Pub") ||
	     ieq(base, "Hex");
	for (i = 0; i < len; i++) {
		int c = (unsigned char)name[i];
		if (pypi && (c == '-' || c == '_' || c == '.')) {
			/* PEP 503: re.sub(r"[-_.]+", "-", name).lower() */
			while (i + 1 < len && (name[i + 1] == '-' || name[i + 1] == '_' ||
					       name[i + 1] == '.'))
				i++;
			c = '-';
		} else if (lc) {
			c = lower(c);
		}
		if (o + 1 < outsz)
			out[o] = (char)c;
		o++;
	}
	if (outsz)
		out[o < outsz ? o : outsz - 1] = '\0';
	return o;
}

size_t crk_match_ecosystem_base(const char *ecosystem, char *out, size_t outsz)
{
	const char *colon = strchr(ecosystem, ':');
	size_t n = colon ? (size_t)(colon - ecosystem) : strlen(ecosystem);
	if (outsz) {
		size_t k = n < outsz ? n : outsz - 1;
		memcpy(out, ecosystem, k);
		out[k] = '\0';
	}
	return n;
}

/* ---- ecosystems ---- */

/* purl type -> OSV ecosystem, for components that came without one (SBOM input). */
static const struct {
	const char *type, *ns, *ecosystem;
} by_type[] = {
	{"npm", NULL, "npm"},
	{"pypi", NULL, "PyPI"},
	{"cargo", NULL, "crates.io"},
	{"golang", NULL, "Go"},
	{"maven", NULL, "Maven"},
	{"nuget", NULL, "NuGet"},
	{"composer", NULL, "Packagist"},
	{"gem", NULL, "RubyGems"},
	{"pub", NULL, "Pub"},
	{"hex", NULL, "Hex"},
	{"hackage", NULL, "Hackage"},
	{"cran", NULL, "CRAN"},
	{"swift", NULL, "SwiftURL"},
	{"conan", NULL, "ConanCenter"},
	{"bitnami", NULL, "Bitnami"},
	{"deb", "ubuntu", "Ubuntu"},
	{"deb", NULL, "Debian"},
	{"apk", "wolfi", "Wolfi"},
	{"apk", "chainguard", "Chainguard"},
	{"apk", NULL, "Alpine"},
	{"rpm", "almalinux", "AlmaLinux"},
	{"rpm", "rocky", "Rocky Linux"},
	{"rpm", "redhat", "Red Hat"},
	{"rpm", "azurelinux", "Azure Linux"},
	{"rpm", "mariner", "Azure Linux"},
	{"rpm", "photon", "Photon OS"},
	{"rpm", "suse", "SUSE"},
	{"rpm", "opensuse", "openSUSE"},
	{"rpm", "openeuler", "openEuler"},
};

/* Ecosystems whose advisories are scoped to a release. */
static const char *const released[] = {
	"Debian",    "Ubuntu",  "Alpine",   "AlmaLinux", "Rocky Linux", "Red Hat", "Azure Linux",
	"Photon OS", "SUSE",    "openSUSE", "openEuler", "Mageia",      "Alpaquita",
};

int crk_match__is_os(const char *base)
{
	size_t i;
	for (i = 0; i < sizeof(released) / sizeof(released[0]); i++)
		if (ieq(base, released[i]))
			return 1;
	return 0;
}

static int is_source_keyed(const char *base)
{
	return ieq(base, "Debian") || ieq(base, "Ubuntu") || ieq(base, "Alpine");
}

static const char *qualifier(const struct crk_component *c, const char *key)
{
	size_t i;
	for (i = 0; i < c->nqualifiers; i++)
		if (strcmp(c->qualifiers[i].key, key) == 0)
			return c->qualifiers[i].value;
	return NULL;
}

static const struct {
	const char *codename, *release;
} codenames[] = {
	{"wheezy", "debian-7"},	   {"jessie", "debian-8"},	{"stretch", "debian-9"},
	{"buster", "debian-10"},   {"bullseye", "debian-11"},	{"bookworm", "debian-12"},
	{"trixie", "debian-13"},   {"forky", "debian-14"},	{"sid", "debian-sid"},
	{"xenial", "ubuntu-16.04"}, {"bionic", "ubuntu-18.04"}, {"focal", "ubuntu-20.04"},
	{"jammy", "ubuntu-22.04"}, {"lunar", "ubuntu-23.04"},	{"mantic", "ubuntu-23.10"},
	{"noble", "ubuntu-24.04"}, {"oracular", "ubuntu-24.10"}, {"plucky", "ubuntu-25.04"},
};

/* "<id>-<version>" -> version (after the last '-' that is followed by a digit, or after the
 * id when the id is known); NULL when the qualifier names no release. */
static const char *release_of(const char *distro, char *buf, size_t n)
{
	const char *dash;
	size_t i;
	for (i = 0; i < sizeof(codenames) / sizeof(codenames[0]); i++)
		if (ieq(distro, codenames[i].codename))
			distro = codenames[i].release;
	dash = strrchr(distro, '-');
	if (!dash || !dash[1])
		return NULL;
	snprintf(buf, n, "%s", dash + 1);
	return buf;
}

/* The part of `v` before the first '.', or all of it. */
static void major(char *v)
{
	char *dot = strchr(v, '.');
	if (dot)
		*dot = '\0';
}

/* The full OSV ecosystem of an OS component ("Debian:12"), or "" when the release is unknown. */
static void release_ecosystem(const char *base, const struct crk_component *c, char *out,
			      size_t n)
{
	const char *distro = qualifier(c, "distro");
	char rel[64], *r;
	out[0] = '\0';
	if (!distro || !(r = (char *)release_of(distro, rel, sizeof(rel))))
		return;
	if (ieq(base, "Debian")) {
		major(r);
		snprintf(out, n, "Debian:%s", r);
	} else if (ieq(base, "Ubuntu")) {
		unsigned yy = 0, mm = 0;
		if (sscanf(r, "%2u.%2u", &yy, &mm) != 2)
			return;
		snprintf(out, n, "Ubuntu:%02u.%02u%s", yy, mm, yy % 2 == 0 && mm == 4 ? ":LTS" : "");
	} else if (ieq(base, "Alpine")) {
		char *dot = strchr(r, '.');
		if (!dot || !crk_match__isdigit(dot[1]))
			return;
		dot = strchr(dot + 1, '.');
		if (dot)
			*dot = '\0';
		snprintf(out, n, "Alpine:v%s", r);
	} else if (ieq(base, "AlmaLinux") || ieq(base, "Rocky Linux")) {
		major(r);
		snprintf(out, n, "%s:%s", ieq(base, "AlmaLinux") ? "AlmaLinux" : "Rocky Linux", r);
	} else if (ieq(base, "Red Hat")) {
		major(r);
		snprintf(out, n, "Red Hat:enterprise_linux:%s", r);
	} else if (ieq(base, "Azure Linux") || ieq(base, "Photon OS")) {
		snprintf(out, n, "%s:%s", ieq(base, "Azure Linux") ? "Azure Linux" : "Photon OS", r);
	}
	/* SUSE, openSUSE, openEuler, ...: the release string OSV uses (a PRETTY_NAME, an
	 * "LTS-SP" tag) is not in the qualifier: left unknown. */
}

int crk_match__key(const struct crk_component *c, struct crk_match__key *k, struct crk_err *err)
{
	const char *eco = c->ecosystem, *name = c->name, *ver = c->version;
	size_t i, n;

	k->base[0] = k->eco[0] = k->name[0] = k->version[0] = '\0';
	k->has_version = k->os = 0;
	if (!eco || !*eco) {
		for (i = 0; c->type && i < sizeof(by_type) / sizeof(by_type[0]); i++)
			if (strcmp(by_type[i].type, c->type) == 0 &&
			    (!by_type[i].ns || (c->ns && ieq(c->ns, by_type[i].ns)))) {
				eco = by_type[i].ecosystem;
				break;
			}
	}
	if (!eco || !*eco)
		return crk_err_set(err, CRK_ENOTFOUND, NULL, 0, 0,
				   "%s: no OSV ecosystem for purl type '%s'",
				   c->purl ? c->purl : c->name, c->type ? c->type : "");
	crk_match_ecosystem_base(eco, k->base, sizeof(k->base));
	if (crk_match__is_os(k->base)) {
		k->os = 1;
		if (strchr(eco, ':'))
			crk_str_copy(k->eco, sizeof(k->eco), eco);
		else
			release_ecosystem(k->base, c, k->eco, sizeof(k->eco));
		if (is_source_keyed(k->base) && c->source_name && *c->source_name) {
			name = c->source_name;
			if (c->source_version && *c->source_version)
				ver = c->source_version;
		}
	} else {
		crk_str_copy(k->eco, sizeof(k->eco), k->base);
		if (c->ns && *c->ns && !ieq(k->base, "PyPI") && !ieq(k->base, "crates.io") &&
		    !ieq(k->base, "RubyGems") && !ieq(k->base, "NuGet") && !ieq(k->base, "Pub") &&
		    !ieq(k->base, "Hex") && !ieq(k->base, "Hackage") && !ieq(k->base, "CRAN")) {
			/* Maven group:artifact; Go, SwiftURL, npm, Packagist ns/name. */
			n = (size_t)snprintf(k->name, sizeof(k->name), "%s%c%s", c->ns,
					     ieq(k->base, "Maven") ? ':' : '/', c->name);
			if (n >= sizeof(k->name))
				return crk_err_set(err, CRK_ELIMIT, NULL, 0, 0,
						   "%s: package name too long", c->name);
			name = NULL;
		}
	}
	if (name) {
		n = crk_match_package_name(k->base, name, strlen(name), k->name, sizeof(k->name));
		if (n >= sizeof(k->name))
			return crk_err_set(err, CRK_ELIMIT, NULL, 0, 0, "%s: package name too long",
					   name);
	} else {
		char tmp[sizeof(k->name)];
		memcpy(tmp, k->name, sizeof(tmp));
		crk_match_package_name(k->base, tmp, strlen(tmp), k->name, sizeof(k->name));
	}
	if (ver) {
		if (strlen(ver) >= sizeof(k->version))
			return crk_err_set(err, CRK_ELIMIT, NULL, 0, 0, "%s: version too long",
					   c->name);
		crk_str_copy(k->version, sizeof(k->version), ver);
		k->has_version = 1;
	}
	return CRK_OK;
}

int crk_match_key(const struct crk_component *c, char *eco, size_t ecosz, char *name,
		  size_t namesz, char *version, size_t versz, struct crk_err *err)
{
	struct crk_match__key k;
	int rc = crk_match__key(c, &k, err);
	if (rc)
		return rc;
	if (k.os && !k.eco[0])
		return crk_err_set(err, CRK_ENOTFOUND, NULL, 0, 0,
				   "%s: the %s release is unknown (no distro qualifier OSV can use)",
				   c->purl ? c->purl : c->name, k.base);
	if (strlen(k.eco) >= ecosz || strlen(k.name) >= namesz ||
	    (versz && strlen(k.version) >= versz))
		return crk_err_set(err, CRK_ELIMIT, NULL, 0, 0, "%s: a key buffer is too small",
				   c->name);
	memcpy(eco, k.eco, strlen(k.eco) + 1);
	memcpy(name, k.name, strlen(k.name) + 1);
	if (versz)
		memcpy(version, k.version, strlen(k.version) + 1);
	return CRK_OK;
}

/* Is an affected entry's `package.ecosystem` the component's? 1 yes, 0 no, -1 it is scoped to
 * a release and the component's release is unknown. */
int crk_match__eco_match(const struct crk_match__key *k, const char *entry)
{
	char base[64];
	size_t n;
	crk_match_ecosystem_base(entry, base, sizeof(base));
	if (!ieq(base, k->base))
		return 0;
	if (!k->os)
		return ieq(entry, k->base); /* "Maven:https://maven.google.com" is another registry */
	if (!strchr(entry, ':'))
		return 1; /* no release: every release */
	if (!k->eco[0])
		return -1;
	if (ieq(entry, k->eco))
		return 1;
	n = strlen(k->eco);
	/* Red Hat streams: "Red Hat:enterprise_linux:9::appstream" for "...:9". */
	if (ieq(k->base, "Red Hat") && strlen(entry) > n && entry[n] == ':') {
		char head[256];
		snprintf(head, sizeof(head), "%.*s", (int)n, entry);
		return ieq(head, k->eco);
	}
	return 0;
}
