package dev.realtime.store.redis;

import dev.realtime.ot.text.TextOperation;
import dev.realtime.ot.text.TextOperationCodec;
import java.util.function.Function;

/**
 * How a {@link RedisDocumentStore} writes a document's content or operations as text, and reads
 * them back; {@code decode(encode(v))} must equal {@code v}.
 *
 * @param <T> the value type
 */
public interface ValueCodec<T> {

  /** Returns {@code value} as text. */
  String encode(T value);

  /** Returns the value {@code text} encodes. */
  T decode(String text);

  /** Returns a codec from two functions. */
  static <T> ValueCodec<T> of(Function<T, String> encode, Function<String, T> decode) {
    return new ValueCodec<>() {
      @Override
      public String encode(T value) {
        return encode.apply(value);
      }

      @Override
      public T decode(String text) {
        return decode.apply(text);
      }
    };
  }

  /** Plain text stored as it is. */
  static ValueCodec<String> text() {
    return of(Function.identity(), Function.identity());
  }

  /** Text operations in ot.js's JSON form ({@code [3,"abc",-2]}). */
  static ValueCodec<TextOperation> textOperations() {
    return of(TextOperationCodec::toJsonString, TextOperationCodec::fromJson);
  }
}
