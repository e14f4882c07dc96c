/*
 * out_prog.c -- the programmes' pages (DESIGN 8); see out.h and prog.h.
 *
 * Each programme renders its own pages from its run hook (prog_<id>.c)
 * with the same code that validates them for check.
 */
#include "out.h"
#include "prog.h"

int
out_prog_render(const struct out_ctx *ctx)
{
	return prog_run(ctx->site, ctx->src, ctx, ctx->today);
}
