package dev.realtime.ot;

/**
 * Which of two concurrent operations wins a tie when both insert at one place: the operation
 * transformed on the {@link #LEFT} side has its insert placed first, the one on the
 * {@link #RIGHT} side after it. Two sites transforming the same pair must pass opposite sides.
 */
public enum Side {
  /** The transformed operation's insert goes before the other's at the same place. */
  LEFT,
  /** The transformed operation's insert goes after the other's at the same place. */
  RIGHT;

  /** Returns the other side: the one the concurrent operation is transformed with. */
  public Side opposite() {
    return this == LEFT ? RIGHT : LEFT;
  }
}
