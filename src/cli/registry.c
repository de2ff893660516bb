/* registry.c - every command, one row each (see cli.h for the checklist of a new command). */
#include <string.h>

#include "cli/cli.h"
#include "base/banned.h"

const struct crk_cmd crk_commands[] = {
	{"sbom", cmd_sbom, 0, "inventory what ships: an SBOM of a tree, a root filesystem or a file"},
	{"scan", cmd_scan, CRK_CMD_NEEDS_STORE | CRK_CMD_NEEDS_VULNDB,
	 "find known-vulnerable and exploited components (KEV, EPSS, VEX); gate CI"},
	{"vex", cmd_vex, CRK_CMD_WRITES_STORE, "record and export triage decisions (VEX)"},
	{"help", cmd_help, 0, "show the manual page of a command"},
	{"version", cmd_version, 0, "print the crakit version; compare versions as an ecosystem does"},
	{"db", cmd_db, CRK_CMD_NEEDS_STORE | CRK_CMD_WRITES_STORE,
	 "the vulnerability database: import, update (download) and status of OSV, KEV, EPSS"},
	{"report", cmd_report, CRK_CMD_NEEDS_STORE | CRK_CMD_WRITES_STORE,
	 "Art. 14 reporting: the 24 h / 72 h / final-report clock, payloads, users' notice"},
	{"release", cmd_release, CRK_CMD_NEEDS_STORE | CRK_CMD_WRITES_STORE,
	 "record a release with its SBOM, findings and assessment; until when to keep it"},
	{"audit", cmd_audit, CRK_CMD_NEEDS_STORE, "verify the hash-chained audit log of the store"},
	{"impact", cmd_impact, CRK_CMD_NEEDS_STORE,
	 "which products and releases contain a component or a vulnerability, now or then"},
	{"init", cmd_init, 0, "write a commented cra.yaml, the product's CRA file"},
	{"classify", cmd_classify, 0, "which CRA category and conformity assessment routes apply"},
	{"assess", cmd_assess, 0, "where the product stands against Annex I, with evidence"},
	{"docs", cmd_docs, 0, "write the technical file, declarations of conformity, user information"},
	{NULL, NULL, 0, NULL},
};

/* `crakit sbom SUB ...`: a first argument naming one of these runs it (a directory of that name
 * is still reachable as ./NAME). */
const struct crk_cmd crk_sbom_subcommands[] = {
	{"check", cmd_sbom_check, 0, "is an SBOM valid, and what does it lack for BSI TR-03183-2 or NTIA"},
	{"convert", cmd_sbom_convert, 0, "the same SBOM in another format (CycloneDX, SPDX; JSON, XML, tag-value)"},
	{"merge", cmd_sbom_merge, 0, "several SBOMs as one product SBOM, de-duplicated by purl"},
	{"diff", cmd_sbom_diff, 0, "what changed between two SBOMs: added, removed, new versions"},
	{NULL, NULL, 0, NULL},
};

const struct crk_cmd *crk_cmd_find(const char *name)
{
	size_t i;
	for (i = 0; crk_commands[i].name; i++)
		if (strcmp(crk_commands[i].name, name) == 0)
			return &crk_commands[i];
	return NULL;
}
