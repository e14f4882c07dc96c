/*
 * pubsrc.c -- a source over the gate's published blobs; see pubsrc.h.
 */
#include <string.h>

#include "buf.h"
#include "diag.h"
#include "gate.h"
#include "pubsrc.h"
#include "repo.h"
#include "source.h"
#include "util.h"

static int
blob_read(void *impl, const char *path, const char *blob, struct buf *out)
{
	struct oid	id;

	if (blob == NULL || oid_parse(&id, blob) == -1) {
		diag_error(path, 0, 0, "no published version");
		return -1;
	}
	return repo_blob_read(impl, &id, out);
}

static enum src_type
src_type_of(enum repo_kind k)
{
	switch (k) {
	case REPO_BLOB:
	case REPO_EXEC:
		return SRC_FILE;
	case REPO_LINK:
		return SRC_LINK;
	default:
		return SRC_OTHER;
	}
}

int
pubsrc_open(struct repo *repo, const struct gate *g, struct source **out)
{
	struct source		*s;
	const struct gate_path	*p;
	const struct gate_version *v;
	char			 hex[OID_HEXSZ + 1];
	size_t			 i, size;

	*out = NULL;
	s = source_new(blob_read, repo, "published commit");
	for (i = 0; i < g->npaths; i++) {
		p = &g->paths[i];
		if (!p->visible || (!str_prefix(p->path, "content/") &&
		    !str_prefix(p->path, "themes/")))
			continue;
		v = p->published;
		oid_fmt(hex, &v->blob);
		size = 0;
		if ((v->kind == REPO_BLOB || v->kind == REPO_EXEC) &&
		    repo_blob_size(repo, &v->blob, &size) == -1) {
			source_free(s);
			return -1;
		}
		source_add(s, p->path, src_type_of(v->kind), size, hex);
	}
	if (g->ngov > 0 && g->gov[g->ngov - 1].has_config) {
		oid_fmt(hex, &g->gov[g->ngov - 1].config);
		source_add(s, "config.yaml", SRC_FILE, 0, hex);
	}
	*out = s;
	return 0;
}
