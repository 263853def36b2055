package dev.realtime.ot.text;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Objects;

/**
 * A mutable text stored as a balanced tree of chunks, so that an edit costs O(log n) rather than a
 * copy of the whole text. Not thread-safe: its owner (a {@link RopeWorkingCopy}, and through it a
 * document) guards it.
 */
final class Rope implements CharSequence {

  // Chunks stay small so an in-place edit copies little; big enough that the tree stays shallow.
  static final int MAX_CHUNK = 512;

  /** A treap node: ordered by position, heap-ordered by a random priority to stay balanced. */
  private static final class Node {
    final StringBuilder chunk;
    final int priority;
    int size;
    Node left;
    Node right;

    Node(String text, int priority) {
      this.chunk = new StringBuilder(Math.max(16, Math.min(MAX_CHUNK, text.length() * 2)));
      this.chunk.append(text);
      this.priority = priority;
      this.size = text.length();
    }
  }

  private record Split(Node left, Node right) {}

  private Node root;
  private long randomState = 0x9E3779B97F4A7C15L;

  /** Creates an empty rope. */
  Rope() {}

  /** Creates a rope holding {@code text}. */
  Rope(CharSequence text) {
    Objects.requireNonNull(text, "text");
    root = nodesOf(text.toString());
  }

  @Override
  public int length() {
    return size(root);
  }

  @Override
  public char charAt(int index) {
    Objects.checkIndex(index, length());
    Node node = root;
    while (true) {
      int leftSize = size(node.left);
      if (index < leftSize) {
        node = node.left;
        continue;
      }
      index -= leftSize;
      if (index < node.chunk.length()) {
        return node.chunk.charAt(index);
      }
      index -= node.chunk.length();
      node = node.right;
    }
  }

  @Override
  public CharSequence subSequence(int start, int end) {
    return substring(start, end);
  }

  /** Returns the text between {@code start} (inclusive) and {@code end} (exclusive). */
  String substring(int start, int end) {
    Objects.checkFromToIndex(start, end, length());
    StringBuilder out = new StringBuilder(end - start);
    appendRange(root, start, end, out);
    return out.toString();
  }

  /** Inserts {@code text} at {@code position}. */
  void insert(int position, String text) {
    Objects.requireNonNull(text, "text");
    Objects.checkIndex(position, length() + 1);
    if (text.isEmpty()) {
      return;
    }
    if (root == null) {
      root = nodesOf(text);
      return;
    }
    if (!insertInPlace(position, text)) {
      Split split = split(root, position);
      root = merge(merge(split.left(), nodesOf(text)), split.right());
    }
  }

  /** Deletes {@code count} code units starting at {@code position}. */
  void delete(int position, int count) {
    Objects.checkFromIndexSize(position, count, length());
    if (count == 0) {
      return;
    }
    if (!deleteInPlace(position, count)) {
      Split head = split(root, position);
      Split tail = split(head.right(), count);
      root = merge(head.left(), tail.right());
    }
  }

  @Override
  public String toString() {
    StringBuilder out = new StringBuilder(length());
    ArrayDeque<Node> stack = new ArrayDeque<>();
    Node node = root;
    while (node != null || !stack.isEmpty()) {
      while (node != null) {
        stack.push(node);
        node = node.left;
      }
      node = stack.pop();
      out.append(node.chunk);
      node = node.right;
    }
    return out.toString();
  }

  /** Edits the chunk holding {@code position} when it has room; returns false when it has not. */
  private boolean insertInPlace(int position, String text) {
    int depth = descend(position, true);
    Node node = path[depth - 1];
    if (node.chunk.length() + text.length() > MAX_CHUNK) {
      clearPath(depth);
      return false;
    }
    node.chunk.insert(pathOffset, text);
    addToPath(depth, text.length());
    return true;
  }

  private boolean deleteInPlace(int position, int count) {
    int depth = descend(position, false);
    Node node = path[depth - 1];
    // Emptying a chunk needs the tree path, so only partial deletes inside one chunk stay in place.
    if (pathOffset + count > node.chunk.length() || count == node.chunk.length()) {
      clearPath(depth);
      return false;
    }
    node.chunk.delete(pathOffset, pathOffset + count);
    addToPath(depth, -count);
    return true;
  }

  // Scratch space for the path of the last descent; reused so an edit allocates nothing.
  private Node[] path = new Node[64];
  private int pathOffset;

  /**
   * Records in {@link #path} the nodes from the root to the chunk holding {@code position} and
   * sets {@link #pathOffset} to the offset inside it; returns the path length. An insert may land
   * at the end of a chunk, a delete must start inside one.
   */
  private int descend(int position, boolean forInsert) {
    Node node = root;
    int index = position;
    int depth = 0;
    while (true) {
      if (depth == path.length) {
        path = Arrays.copyOf(path, depth * 2);
      }
      path[depth++] = node;
      int leftSize = size(node.left);
      int inChunk = index - leftSize;
      if (index < leftSize) {
        node = node.left;
      } else if (inChunk < node.chunk.length() || (forInsert && inChunk == node.chunk.length())) {
        pathOffset = inChunk;
        return depth;
      } else {
        index = inChunk - node.chunk.length();
        node = node.right;
      }
    }
  }

  private void addToPath(int depth, int delta) {
    for (int i = 0; i < depth; i++) {
      path[i].size += delta;
    }
    clearPath(depth);
  }

  /** Drops the scratch references so removed nodes can be collected. */
  private void clearPath(int depth) {
    Arrays.fill(path, 0, depth, null);
  }

  private static void appendRange(Node node, int start, int end, StringBuilder out) {
    while (node != null && start < end) {
      int leftSize = size(node.left);
      int chunkEnd = leftSize + node.chunk.length();
      if (start < leftSize) {
        appendRange(node.left, start, Math.min(end, leftSize), out);
      }
      if (start < chunkEnd && end > leftSize) {
        out.append(node.chunk, Math.max(start, leftSize) - leftSize, Math.min(end, chunkEnd) - leftSize);
      }
      if (end <= chunkEnd) {
        return;
      }
      start = Math.max(0, start - chunkEnd);
      end -= chunkEnd;
      node = node.right;
    }
  }

  private Split split(Node node, int position) {
    if (node == null) {
      return new Split(null, null);
    }
    int leftSize = size(node.left);
    int chunkEnd = leftSize + node.chunk.length();
    if (position <= leftSize) {
      Split inner = split(node.left, position);
      node.left = inner.right();
      update(node);
      return new Split(inner.left(), node);
    }
    if (position >= chunkEnd) {
      Split inner = split(node.right, position - chunkEnd);
      node.right = inner.left();
      update(node);
      return new Split(node, inner.right());
    }
    int offset = position - leftSize;
    Node tail = new Node(node.chunk.substring(offset), nextPriority());
    node.chunk.setLength(offset);
    Node right = merge(tail, node.right);
    node.right = null;
    update(node);
    return new Split(node, right);
  }

  private static Node merge(Node left, Node right) {
    if (left == null) {
      return right;
    }
    if (right == null) {
      return left;
    }
    if (left.priority > right.priority) {
      left.right = merge(left.right, right);
      update(left);
      return left;
    }
    right.left = merge(left, right.left);
    update(right);
    return right;
  }

  private Node nodesOf(String text) {
    Node result = null;
    for (int start = 0; start < text.length(); start += MAX_CHUNK) {
      int end = Math.min(text.length(), start + MAX_CHUNK);
      result = merge(result, new Node(text.substring(start, end), nextPriority()));
    }
    return result;
  }

  private int nextPriority() {
    // xorshift: per-rope state keeps ropes independent and deterministic.
    long x = randomState;
    x ^= x << 13;
    x ^= x >>> 7;
    x ^= x << 17;
    randomState = x;
    return (int) (x >>> 33);
  }

  private static void update(Node node) {
    node.size = size(node.left) + node.chunk.length() + size(node.right);
  }

  private static int size(Node node) {
    return node == null ? 0 : node.size;
  }
}
