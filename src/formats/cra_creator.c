/*
 * cra_creator.c - the SBOM creator's contact from a product's cra.yaml (crk_sbom_creator_cra in
 * crakit/sbom.h), for BSI TR-03183-2 v2.1 §5.2.1 ("creator of the SBOM": an email, else a URL).
 *
 * cra.yaml belongs to the CRA commands (src/cra/, `crakit init`); this reads only the
 * manufacturer's name and how to reach it, and is tolerant on purpose: a file the CRA commands
 * would reject for other reasons still names its manufacturer. Keys read, under the top-level
 * `manufacturer` mapping:
 *     name                      the organisation's name
 *     email | contact.email     its email address
 *     website | url | contact.url   its web page (used when no email is given)
 * Everything else is skipped. libyaml's event parser walks the document (no DOM, no anchors
 * followed: an alias is skipped), nesting capped at CRK_MAX_DEPTH, scalars at CRK_MAX_STRING.
 */
#include <string.h>

#include <yaml.h>

#include "base/limits.h"
#include "base/strbuf.h"
#include "crakit/sbom.h"
#include "base/banned.h"

enum { K_NONE, K_NAME, K_EMAIL, K_URL };

struct creator {
	struct crk_strbuf name, email, url;
};

/* Which field `key` at `path` ("manufacturer" or "manufacturer.contact") is. */
static int field_of(int in_contact, const char *key)
{
	if (strcmp(key, "name") == 0 && !in_contact)
		return K_NAME;
	if (strcmp(key, "email") == 0)
		return K_EMAIL;
	if (strcmp(key, "url") == 0 || (!in_contact && strcmp(key, "website") == 0))
		return K_URL;
	return K_NONE;
}

static int plausible_email(const char *s)
{
	const char *at = strchr(s, '@');
	return at && at != s && at[1] && !strchr(s, ' ') && !strchr(at + 1, '@');
}

static int plausible_url(const char *s)
{
	return strncmp(s, "https://", 8) == 0 || strncmp(s, "http://", 7) == 0;
}

int crk_sbom_creator_cra(struct crk_bom *bom, const char *buf, size_t len, const char *path,
			 struct crk_err *err)
{
	yaml_parser_t p;
	yaml_event_t ev;
	struct creator cr;
	struct crk_party party;
	/* the walk: depth of mappings/sequences; where the manufacturer mapping is */
	int depth = 0, man_depth = -1, contact_depth = -1, want = K_NONE, expect_key = 0;
	int key_at_depth1_is_man = 0, rc = CRK_OK, done = 0;
	char keybuf[64];

	crk_strbuf_init(&cr.name, CRK_MAX_STRING);
	crk_strbuf_init(&cr.email, CRK_MAX_STRING);
	crk_strbuf_init(&cr.url, CRK_MAX_STRING);
	keybuf[0] = '\0';
	if (!yaml_parser_initialize(&p))
		return crk_err_set(err, CRK_ENOMEM, path, 0, 0, "out of memory");
	yaml_parser_set_input_string(&p, (const unsigned char *)buf, len);
	(void)key_at_depth1_is_man;
	while (!done) {
		if (!yaml_parser_parse(&p, &ev)) {
			rc = crk_err_set(err, CRK_EPARSE, path, (unsigned)p.problem_mark.line + 1,
					 (unsigned)p.problem_mark.column + 1, "%s",
					 p.problem ? p.problem : "not YAML");
			break;
		}
		switch (ev.type) {
		case YAML_STREAM_END_EVENT:
			done = 1;
			break;
		case YAML_MAPPING_START_EVENT:
		case YAML_SEQUENCE_START_EVENT:
			if (++depth > CRK_MAX_DEPTH) {
				rc = crk_err_set(err, CRK_ELIMIT, path,
						 (unsigned)ev.start_mark.line + 1,
						 (unsigned)ev.start_mark.column + 1,
						 "nested deeper than %d levels", CRK_MAX_DEPTH);
				done = 1;
				break;
			}
			if (ev.type == YAML_MAPPING_START_EVENT) {
				if (depth == 2 && expect_key == 0 && strcmp(keybuf, "manufacturer") == 0)
					man_depth = depth;
				else if (man_depth > 0 && depth == man_depth + 1 &&
					 strcmp(keybuf, "contact") == 0)
					contact_depth = depth;
			}
			expect_key = ev.type == YAML_MAPPING_START_EVENT;
			want = K_NONE;
			break;
		case YAML_MAPPING_END_EVENT:
		case YAML_SEQUENCE_END_EVENT:
			if (depth == contact_depth)
				contact_depth = -1;
			if (depth == man_depth)
				man_depth = -1;
			depth--;
			/* back in the parent: a mapping parent expects a key next */
			expect_key = 1;
			want = K_NONE;
			keybuf[0] = '\0';
			break;
		case YAML_SCALAR_EVENT: {
			const char *v = (const char *)ev.data.scalar.value;
			size_t vn = ev.data.scalar.length;
			if (expect_key) {
				size_t k = vn < sizeof(keybuf) - 1 ? vn : sizeof(keybuf) - 1;
				memcpy(keybuf, v, k);
				keybuf[k] = '\0';
				want = K_NONE;
				if (man_depth > 0 && depth == man_depth)
					want = field_of(0, keybuf);
				else if (contact_depth > 0 && depth == contact_depth)
					want = field_of(1, keybuf);
				expect_key = 0;
			} else {
				struct crk_strbuf *dst = want == K_NAME	   ? &cr.name
							 : want == K_EMAIL ? &cr.email
							 : want == K_URL   ? &cr.url
									   : NULL;
				if (dst && !dst->len && vn)
					crk_strbuf_add(dst, v, vn);
				want = K_NONE;
				expect_key = 1;
			}
			break;
		}
		case YAML_ALIAS_EVENT:
			want = K_NONE;
			expect_key = 1;
			break;
		default:
			break;
		}
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&p);
	if (rc == CRK_OK && (!crk_strbuf_ok(&cr.name) || !crk_strbuf_ok(&cr.email) ||
			     !crk_strbuf_ok(&cr.url)))
		rc = crk_err_set(err, CRK_ENOMEM, path, 0, 0, "out of memory");
	if (rc == CRK_OK && ((cr.email.len && plausible_email(cr.email.buf)) ||
			     (cr.url.len && plausible_url(cr.url.buf)))) {
		memset(&party, 0, sizeof(party));
		party.role = CRK_PARTY_MANUFACTURER;
		party.organization = 1;
		party.name = cr.name.len ? cr.name.buf : NULL;
		party.email = cr.email.len && plausible_email(cr.email.buf) ? cr.email.buf : NULL;
		party.url = !party.email && cr.url.len ? cr.url.buf : NULL;
		if (crk_bom_meta_add_party(bom, &party))
			rc = crk_err_set(err, CRK_ENOMEM, path, 0, 0, "out of memory");
	} else if (rc == CRK_OK) {
		rc = crk_err_set(err, CRK_ENOTFOUND, path, 0, 0,
				 "no manufacturer email or website (manufacturer: {name, email})");
	}
	crk_strbuf_release(&cr.name);
	crk_strbuf_release(&cr.email);
	crk_strbuf_release(&cr.url);
	return rc;
}
