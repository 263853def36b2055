/**
 * The operational-transformation contract: {@link OperationTransformer} says how one kind of
 * operation changes one kind of content and how concurrent operations are reconciled;
 * {@link WorkingCopy} applies them in place. The values documents and stores exchange
 * ({@link DocumentSnapshot}, {@link HistoryEntry}) and {@link InvalidOperationException} live here too.
 *
 * <p>Plain text is one operation type (package {@code dev.realtime.ot.text}); the server and client
 * document state ({@code dev.realtime.ot.document}) and storage ({@code dev.realtime.ot.store})
 * work with any.
 */
package dev.realtime.ot;
