package dev.realtime.ot.text;

import dev.realtime.ot.InvalidOperationException;
import dev.realtime.ot.OperationTransformer.Transformed;
import dev.realtime.ot.Side;
import dev.realtime.ot.text.Component.Delete;
import dev.realtime.ot.text.Component.Insert;
import dev.realtime.ot.text.Component.Retain;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * An immutable edit of a whole text: retain, insert and delete components that turn a text of
 * {@link #baseLength()} UTF-16 code units into one of {@link #targetLength()} code units.
 *
 * <p>Operations are always normalised (adjacent components of one kind merged, no empty
 * components, an insert placed before an adjacent delete, as ot.js does), so two operations that
 * make the same edit are {@link #equals equal}. Positions count UTF-16 code units; an operation
 * whose boundaries would split a surrogate pair of the text it is applied to is rejected.
 */
public final class TextOperation {

  private static final TextOperation EMPTY = new TextOperation(List.of(), 0, 0);

  private final List<Component> components;
  private final int baseLength;
  private final int targetLength;

  private TextOperation(List<Component> components, int baseLength, int targetLength) {
    this.components = components;
    this.baseLength = baseLength;
    this.targetLength = targetLength;
  }

  /** Returns a builder that normalises as components are added. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns the operation that changes nothing in a text of {@code length} code units. */
  public static TextOperation identity(int length) {
    return builder().retain(length).build();
  }

  /** Returns an operation over a text of {@code length} code units that inserts {@code text} at {@code position}. */
  public static TextOperation insert(int length, int position, String text) {
    checkRange(length, position, 0);
    return builder().retain(position).insert(text).retain(length - position).build();
  }

  /** Returns an operation over a text of {@code length} code units that deletes {@code count} units at {@code position}. */
  public static TextOperation delete(int length, int position, int count) {
    checkRange(length, position, count);
    return builder().retain(position).delete(count).retain(length - position - count).build();
  }

  private static void checkRange(int length, int position, int count) {
    if (length < 0 || position < 0 || count < 0 || position > length || count > length - position) {
      throw new InvalidOperationException(
          "range [" + position + ", " + position + "+" + count + ") is outside a text of length " + length);
    }
  }

  /** Returns the components, normalised, in order. */
  public List<Component> components() {
    return components;
  }

  /** Returns the length in UTF-16 code units of the text this operation applies to. */
  public int baseLength() {
    return baseLength;
  }

  /** Returns the length in UTF-16 code units of the text this operation produces. */
  public int targetLength() {
    return targetLength;
  }

  /** Returns whether applying this operation leaves every text unchanged. */
  public boolean isIdentity() {
    return components.isEmpty() || (components.size() == 1 && components.get(0) instanceof Retain);
  }

  /** Applies this operation to {@code text} and returns the new text. */
  public String apply(String text) {
    Objects.requireNonNull(text, "text");
    checkFits(text);
    StringBuilder out = new StringBuilder(targetLength);
    int position = 0;
    for (Component component : components) {
      if (component instanceof Retain retain) {
        out.append(text, position, position + retain.length());
        position += retain.length();
      } else if (component instanceof Insert insert) {
        out.append(insert.text());
      } else {
        position += component.length();
      }
    }
    return out.toString();
  }

  /** Applies this operation to {@code rope} in place; the rope is left unchanged if the operation does not fit. */
  void applyTo(Rope rope) {
    Objects.requireNonNull(rope, "rope");
    checkFits(rope);
    int position = 0;
    for (Component component : components) {
      if (component instanceof Retain retain) {
        position += retain.length();
      } else if (component instanceof Insert insert) {
        rope.insert(position, insert.text());
        position += insert.length();
      } else {
        rope.delete(position, component.length());
      }
    }
  }

  /**
   * Checks that this operation can be applied to {@code text}: the lengths match and no component
   * boundary falls between the two halves of a surrogate pair.
   */
  public void checkFits(CharSequence text) {
    Objects.requireNonNull(text, "text");
    if (text.length() != baseLength) {
      throw new InvalidOperationException(
          "operation base length " + baseLength + " does not match text length " + text.length());
    }
    int position = 0;
    for (Component component : components) {
      if (isInsidePair(text, position)) {
        throw new InvalidOperationException(
            "operation would split a surrogate pair at position " + position);
      }
      if (!(component instanceof Insert)) {
        position += component.length();
      }
    }
  }

  static boolean isInsidePair(CharSequence text, int position) {
    return position > 0
        && position < text.length()
        && Character.isHighSurrogate(text.charAt(position - 1))
        && Character.isLowSurrogate(text.charAt(position));
  }

  /**
   * Returns the operation that undoes this one: {@code inverse.apply(this.apply(text))} equals
   * {@code text}, where {@code text} is the text this operation was applied to.
   */
  public TextOperation invert(CharSequence text) {
    checkFits(text);
    Builder inverse = builder();
    int position = 0;
    for (Component component : components) {
      if (component instanceof Retain retain) {
        inverse.retain(retain.length());
        position += retain.length();
      } else if (component instanceof Insert insert) {
        inverse.delete(insert.length());
      } else {
        int end = position + component.length();
        inverse.insert(text instanceof Rope rope ? rope.substring(position, end)
            : text.subSequence(position, end).toString());
        position = end;
      }
    }
    return inverse.build();
  }

  /** Returns one operation with the effect of this one followed by {@code next}. */
  public TextOperation compose(TextOperation next) {
    return Composition.compose(this, Objects.requireNonNull(next, "next"));
  }

  /**
   * Returns this operation transformed to apply after {@code against}, both made on the same text.
   * Where both insert at one position, this operation's insert goes first on the {@link Side#LEFT}
   * side and second on the {@link Side#RIGHT} side.
   */
  public TextOperation transform(TextOperation against, Side side) {
    return Transformation.transform(this, Objects.requireNonNull(against, "against"),
        Objects.requireNonNull(side, "side"));
  }

  /**
   * Transforms two concurrent operations made on the same text so that each can be applied after
   * the other: {@code a} then {@code bPrime}, and {@code b} then {@code aPrime}, give the same text.
   * In one pass, {@code aPrime} is {@code a.transform(b, LEFT)} and {@code bPrime} is
   * {@code b.transform(a, RIGHT)}: where both insert at one position, the insert of {@code a}
   * ends up first, as in ot.js.
   */
  public static Transformed<TextOperation> transformBoth(TextOperation a, TextOperation b) {
    return Transformation.transformBoth(Objects.requireNonNull(a, "a"), Objects.requireNonNull(b, "b"));
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof TextOperation that
        && baseLength == that.baseLength
        && components.equals(that.components);
  }

  @Override
  public int hashCode() {
    return 31 * baseLength + components.hashCode();
  }

  /** Returns the ot.js JSON form, e.g. {@code [3,"abc",-2,5]}. */
  @Override
  public String toString() {
    return TextOperationCodec.toJsonString(this);
  }

  /** Builds a normalised {@link TextOperation}; zero-length steps are ignored. */
  public static final class Builder {

    private ArrayList<Component> components = new ArrayList<>();
    // After build() the list belongs to the operation; the next change copies it first.
    private boolean shared;
    private int baseLength;
    private int targetLength;

    private Builder() {}

    /** Keeps the next {@code count} code units. */
    public Builder retain(int count) {
      checkCount(count);
      if (count == 0) {
        return this;
      }
      unshare();
      baseLength = Math.addExact(baseLength, count);
      targetLength = Math.addExact(targetLength, count);
      Component last = last(0);
      if (last instanceof Retain retain) {
        components.set(components.size() - 1, new Retain(Math.addExact(retain.length(), count)));
      } else {
        components.add(new Retain(count));
      }
      return this;
    }

    /** Inserts {@code text} at the current position. */
    public Builder insert(String text) {
      Objects.requireNonNull(text, "text");
      if (text.isEmpty()) {
        return this;
      }
      unshare();
      targetLength = Math.addExact(targetLength, text.length());
      Component last = last(0);
      if (last instanceof Insert insert) {
        components.set(components.size() - 1, new Insert(insert.text() + text));
      } else if (last instanceof Delete) {
        // Inserts go before an adjacent delete so that the same edit always has the same form.
        Component beforeDelete = last(1);
        if (beforeDelete instanceof Insert insert) {
          components.set(components.size() - 2, new Insert(insert.text() + text));
        } else {
          components.add(components.size() - 1, new Insert(text));
        }
      } else {
        components.add(new Insert(text));
      }
      return this;
    }

    /** Deletes the next {@code count} code units. */
    public Builder delete(int count) {
      checkCount(count);
      if (count == 0) {
        return this;
      }
      unshare();
      baseLength = Math.addExact(baseLength, count);
      Component last = last(0);
      if (last instanceof Delete delete) {
        components.set(components.size() - 1, new Delete(Math.addExact(delete.length(), count)));
      } else {
        components.add(new Delete(count));
      }
      return this;
    }

    /** Appends a component. */
    public Builder add(Component component) {
      Objects.requireNonNull(component, "component");
      if (component instanceof Retain retain) {
        return retain(retain.length());
      } else if (component instanceof Insert insert) {
        return insert(insert.text());
      }
      return delete(component.length());
    }

    /** Returns the operation; rejects inserts that begin or end with half of a surrogate pair. */
    public TextOperation build() {
      if (components.isEmpty()) {
        return EMPTY;
      }
      for (Component component : components) {
        if (component instanceof Insert insert) {
          String text = insert.text();
          if (Character.isLowSurrogate(text.charAt(0))
              || Character.isHighSurrogate(text.charAt(text.length() - 1))) {
            throw new InvalidOperationException(
                "inserted text begins or ends with half of a surrogate pair");
          }
        }
      }
      shared = true;
      return new TextOperation(Collections.unmodifiableList(components), baseLength, targetLength);
    }

    private void unshare() {
      if (shared) {
        components = new ArrayList<>(components);
        shared = false;
      }
    }

    private Component last(int back) {
      int index = components.size() - 1 - back;
      return index >= 0 ? components.get(index) : null;
    }

    private static void checkCount(int count) {
      if (count < 0) {
        throw new InvalidOperationException("length must not be negative, was " + count);
      }
    }
  }
}
