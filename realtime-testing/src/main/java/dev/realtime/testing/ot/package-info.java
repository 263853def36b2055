/**
 * A property suite for operation types: {@link TransformerLaws} checks an operation
 * transformer's laws (convergence, composition, inversion, identity, working copy) on random
 * content and operations from the application's own generators, and runs a seeded server and
 * client simulation through the document state, all without a socket. {@link TextGenerators}
 * are the generators for plain text; {@link EditingTrace} reads real editing sessions to replay.
 */
package dev.realtime.testing.ot;
