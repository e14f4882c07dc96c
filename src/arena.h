/*
 * arena.h -- bump allocation for strings and records that live as long
 * as the site model; everything is freed at once by arena_free().
 */
#ifndef GONGKAI_ARENA_H
#define GONGKAI_ARENA_H

#include <stddef.h>

struct arena;

struct arena	*arena_new(void);
void		 arena_free(struct arena *);
/* n bytes aligned for any type; never NULL. */
void		*arena_alloc(struct arena *, size_t n);
char		*arena_strdup(struct arena *, const char *);
char		*arena_strndup(struct arena *, const char *, size_t);
/* Like xasprintf, in the arena. */
char		*arena_printf(struct arena *, const char *, ...)
		    __attribute__((format(printf, 2, 3)));

#endif
