/**
 * Plain text as an operation type: {@link TextOperation} and its algebra (apply, compose,
 * transform, invert, as ot.js defines them), {@link PlainText} (the operation transformer
 * documents use), the ot.js JSON form ({@link TextOperationCodec}) and carets moved through edits
 * ({@link Selection}). Positions count UTF-16 code units.
 */
package dev.realtime.ot.text;
