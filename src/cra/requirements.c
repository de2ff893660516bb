/*
 * requirements.c - Annex I of the CRA, the essential cybersecurity requirements, as data: one
 * row per point, with our stable id (../shared/reference/cra-regulation.md §2), the Annex
 * reference, a paraphrase, the articles that bear on it, and the automatic checks of
 * src/cra/checks.c that inform its status (crakit assess).
 *
 * Part I (properties of the product): point (1) always applies; points (2)(a)-(m) apply "on the
 * basis of the cybersecurity risk assessment referred to in Article 13(2) and where applicable",
 * and a point judged not applicable needs a clear justification in the technical documentation
 * (Art. 13(4)). Part II (vulnerability handling) applies in full for the whole support period
 * (Art. 13(8)).
 */
#include <stddef.h>
#include <strings.h>

#include "crakit/cra.h"
#include "base/banned.h"

static const struct crk_cra_requirement reqs[CRK_CRA_NREQ] = {
	{"AI-P1-1", "Annex I Part I (1)", "appropriate level of cybersecurity",
	 "Products with digital elements are designed, developed and produced so that they ensure "
	 "an appropriate level of cybersecurity based on the risks.",
	 "Art. 13(1), 13(2)", 1, 0, "risk-assessment"},
	{"AI-P1-2a", "Annex I Part I (2)(a)", "no known exploitable vulnerabilities",
	 "Made available on the market without known exploitable vulnerabilities.", "Art. 13(1)", 1,
	 1, "no-exploited,no-unassessed-critical"},
	{"AI-P1-2b", "Annex I Part I (2)(b)", "secure by default configuration",
	 "Made available with a secure by default configuration (unless otherwise agreed with a "
	 "business user for a tailor-made product), including the possibility to reset the product "
	 "to its original state.",
	 "Art. 13(1)", 1, 1, "default-credentials"},
	{"AI-P1-2c", "Annex I Part I (2)(c)", "security updates",
	 "Vulnerabilities can be addressed through security updates, where applicable automatic "
	 "security updates enabled by default within an appropriate timeframe, with a clear and "
	 "easy opt-out, notification of available updates and the option to postpone them "
	 "temporarily.",
	 "Art. 13(1), Annex II point 8(e)", 1, 1, "update-mechanism"},
	{"AI-P1-2d", "Annex I Part I (2)(d)", "protection from unauthorised access",
	 "Protection from unauthorised access by appropriate control mechanisms (authentication, "
	 "identity or access management systems), and reporting of possible unauthorised access.",
	 "Art. 13(1)", 1, 1, "default-credentials"},
	{"AI-P1-2e", "Annex I Part I (2)(e)", "confidentiality of data",
	 "Protect the confidentiality of stored, transmitted or otherwise processed data, personal "
	 "or other, e.g. by encrypting relevant data at rest or in transit by state of the art "
	 "mechanisms.",
	 "Art. 13(1)", 1, 1, ""},
	{"AI-P1-2f", "Annex I Part I (2)(f)", "integrity of data, commands, programs, configuration",
	 "Protect the integrity of stored, transmitted or otherwise processed data, commands, "
	 "programs and configuration against manipulation or modification not authorised by the "
	 "user, and report on corruptions.",
	 "Art. 13(1)", 1, 1, "signed-releases"},
	{"AI-P1-2g", "Annex I Part I (2)(g)", "data minimisation",
	 "Process only data, personal or other, that are adequate, relevant and limited to what is "
	 "necessary in relation to the intended purpose of the product.",
	 "Art. 13(1)", 1, 1, ""},
	{"AI-P1-2h", "Annex I Part I (2)(h)", "availability of essential functions",
	 "Protect the availability of essential and basic functions, also after an incident, "
	 "including through resilience and mitigation measures against denial-of-service attacks.",
	 "Art. 13(1)", 1, 1, ""},
	{"AI-P1-2i", "Annex I Part I (2)(i)", "minimise impact on other devices and networks",
	 "Minimise the negative impact by the product itself or connected devices on the "
	 "availability of services provided by other devices or networks.",
	 "Art. 13(1)", 1, 1, ""},
	{"AI-P1-2j", "Annex I Part I (2)(j)", "limit attack surfaces",
	 "Designed, developed and produced to limit attack surfaces, including external "
	 "interfaces.",
	 "Art. 13(1)", 1, 1, ""},
	{"AI-P1-2k", "Annex I Part I (2)(k)", "reduce the impact of incidents",
	 "Designed, developed and produced to reduce the impact of an incident using appropriate "
	 "exploitation mitigation mechanisms and techniques.",
	 "Art. 13(1)", 1, 1, ""},
	{"AI-P1-2l", "Annex I Part I (2)(l)", "security logging and monitoring",
	 "Provide security related information by recording and monitoring relevant internal "
	 "activity, including the access to or modification of data, services or functions, with "
	 "an opt-out mechanism for the user.",
	 "Art. 13(1)", 1, 1, ""},
	{"AI-P1-2m", "Annex I Part I (2)(m)", "secure deletion and data transfer",
	 "Provide the possibility for users to securely and easily remove all data and settings on "
	 "a permanent basis and, where such data can be transferred to other products or systems, "
	 "ensure that this is done in a secure manner.",
	 "Art. 13(1), Annex II point 8(d)", 1, 1, ""},
	{"AI-P2-1", "Annex I Part II (1)", "identify and document vulnerabilities and components",
	 "Identify and document vulnerabilities and components contained in the product, "
	 "including by drawing up a software bill of materials in a commonly used and "
	 "machine-readable format covering at the very least the top-level dependencies.",
	 "Art. 13(6), Annex VII point 2(b)", 2, 0, "sbom"},
	{"AI-P2-2", "Annex I Part II (2)", "address and remediate vulnerabilities without delay",
	 "In relation to the risks, address and remediate vulnerabilities without delay, including "
	 "by providing security updates; where technically feasible, provide security updates "
	 "separately from functionality updates.",
	 "Art. 13(8), 13(10)", 2, 0, "no-exploited,no-unassessed-critical,separate-updates"},
	{"AI-P2-3", "Annex I Part II (3)", "regular security testing",
	 "Apply effective and regular tests and reviews of the security of the product.",
	 "Annex VII point 6", 2, 0, "test-reports"},
	{"AI-P2-4", "Annex I Part II (4)", "disclose fixed vulnerabilities",
	 "Once a security update has been made available, share and publicly disclose information "
	 "about fixed vulnerabilities: description, information to identify the affected product, "
	 "impacts, severity and clear information helping users remediate; publication may be "
	 "delayed in duly justified cases until users could apply the patch.",
	 "Art. 13(8)", 2, 0, "advisories"},
	{"AI-P2-5", "Annex I Part II (5)", "coordinated vulnerability disclosure policy",
	 "Put in place and enforce a policy on coordinated vulnerability disclosure.",
	 "Art. 13(8), Annex II point 2", 2, 0, "disclosure-policy"},
	{"AI-P2-6", "Annex I Part II (6)", "facilitate vulnerability reporting",
	 "Take measures to facilitate the sharing of information about potential vulnerabilities "
	 "in the product and in third-party components it contains, including by providing a "
	 "contact address for the reporting of the vulnerabilities.",
	 "Art. 13(17), Annex II point 2", 2, 0, "security-contact"},
	{"AI-P2-7", "Annex I Part II (7)", "secure distribution of updates",
	 "Provide for mechanisms to securely distribute updates so that vulnerabilities are fixed "
	 "or mitigated in a timely manner and, where applicable for security updates, in an "
	 "automatic manner.",
	 "Annex VII point 2(b)", 2, 0, "signed-releases,update-mechanism"},
	{"AI-P2-8", "Annex I Part II (8)", "disseminate security updates without delay, free of "
					   "charge",
	 "Ensure that security updates are disseminated without delay and, unless otherwise "
	 "agreed for a tailor-made product, free of charge, accompanied by advisory messages with "
	 "the relevant information for users, including on potential action to be taken.",
	 "Art. 13(9)", 2, 0, "free-updates"},
};

const struct crk_cra_requirement *crk_cra_requirement_at(size_t i)
{
	return i < CRK_CRA_NREQ ? &reqs[i] : NULL;
}

const struct crk_cra_requirement *crk_cra_requirement_find(const char *id, size_t *index)
{
	size_t i;
	for (i = 0; id && i < CRK_CRA_NREQ; i++)
		if (strcasecmp(reqs[i].id, id) == 0) {
			if (index)
				*index = i;
			return &reqs[i];
		}
	return NULL;
}
