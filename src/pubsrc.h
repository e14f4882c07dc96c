/*
 * pubsrc.h -- the source of a gated build: exactly the files the gate
 * publishes, read from git objects, never from the working tree.
 */
#ifndef GONGKAI_PUBSRC_H
#define GONGKAI_PUBSRC_H

struct gate;
struct repo;
struct source;

/*
 * A source holding every visible content/ and themes/ path of the gate
 * (as its published blob) and config.yaml as the governance version in
 * force.
 * The repository must outlive the source.  Returns 0 or -1.
 */
int	pubsrc_open(struct repo *, const struct gate *, struct source **out);

#endif
