/* cdx_common.c - see cdx_common.h. The type lists are the enums of bom-1.6.schema.json
 * (component.type, externalReference.type). */
#include <string.h>

#include "formats/cdx_common.h"
#include "formats/cpe.h"
#include "base/banned.h"

static int in(const char *s, const char *const *list)
{
	size_t i;
	for (i = 0; s && list[i]; i++)
		if (strcmp(s, list[i]) == 0)
			return 1;
	return 0;
}

const char *crk_cdx_type(const char *kind)
{
	static const char *const types[] = {
		"application", "framework", "library", "container", "platform",
		"operating-system", "device", "device-driver", "firmware", "file",
		"machine-learning-model", "data", "cryptographic-asset", NULL,
	};
	return in(kind, types) ? kind : "library";
}

const char *crk_cdx_extref_type(const char *type)
{
	static const char *const types[] = {
		"vcs", "issue-tracker", "website", "advisories", "bom", "mailing-list", "social",
		"chat", "documentation", "support", "source-distribution", "distribution",
		"distribution-intake", "license", "build-meta", "build-system", "release-notes",
		"security-contact", "model-card", "log", "configuration", "evidence", "formulation",
		"attestation", "threat-model", "adversary-model", "risk-assessment",
		"vulnerability-assertion", "exploitability-statement", "pentest-report",
		"static-analysis-report", "dynamic-analysis-report", "runtime-analysis-report",
		"component-analysis-report", "maturity-report", "certification-report",
		"codified-infrastructure", "quality-metrics", "poam", "electronic-signature",
		"digital-signature", "rfc-9116", "other", NULL,
	};
	return in(type, types) ? type : "other";
}

const struct crk_party *crk_cdx_party(const struct crk_party *v, size_t n,
				      enum crk_party_role role)
{
	size_t i;
	for (i = 0; i < n; i++)
		if (v[i].role == role && (v[i].name || v[i].email || v[i].url))
			return &v[i];
	return NULL;
}

int crk_cdx_concluded_differs(const struct crk_component *c)
{
	return c->license_concluded && *c->license_concluded &&
	       strcmp(c->license_concluded, "NOASSERTION") != 0 &&
	       (!c->license || strcmp(c->license, c->license_concluded) != 0);
}

int crk_cdx_same_tool(const struct crk_bom_meta *m, const struct crk_kv *tool)
{
	const char *name = m->tool_name && *m->tool_name ? m->tool_name : "crakit";
	const char *version = m->tool_version ? m->tool_version : CRAKIT_VERSION;
	return strcmp(tool->key, name) == 0 && strcmp(tool->value ? tool->value : "", version) == 0;
}

int crk_cdx_cpe_ok(const char *cpe)
{
	const char *p;
	int colons = 0;
	if (!cpe)
		return 0;
	if (strncmp(cpe, "cpe:2.3:", 8) == 0)
		return crk_cpe_valid(cpe, strlen(cpe));
	/* CPE 2.2 URI: [c][pP][eE]:/[AHOaho]?(:[A-Za-z0-9\._\-~%]*){0,6} (bom-1.6.xsd) */
	if ((cpe[0] != 'c') || (cpe[1] != 'p' && cpe[1] != 'P') || (cpe[2] != 'e' && cpe[2] != 'E') ||
	    cpe[3] != ':' || cpe[4] != '/')
		return 0;
	p = cpe + 5;
	if (*p && strchr("AHOaho", *p))
		p++;
	for (; *p; p++) {
		if (*p == ':') {
			if (++colons > 6)
				return 0;
		} else if (!colons || !(strchr("._-~%", *p) || (*p >= 'a' && *p <= 'z') ||
				       (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9'))) {
			return 0;
		}
	}
	return 1;
}
