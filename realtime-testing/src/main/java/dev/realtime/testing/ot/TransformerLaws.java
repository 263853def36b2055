package dev.realtime.testing.ot;

import dev.realtime.ot.OperationTransformer;
import dev.realtime.ot.OperationTransformer.Transformed;
import dev.realtime.ot.Side;
import dev.realtime.ot.WorkingCopy;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;

/**
 * The laws of {@link OperationTransformer}, checked on random content and operations from
 * generators the application supplies, without a socket. Each check runs one case per seed and
 * throws an {@link AssertionError} naming the law, the case's random seed and the values that broke
 * it; a case is repeated alone with {@code firstSeed(seed)} and {@code seeds(1)}.
 *
 * <pre>{@code
 * TransformerLaws<String, TextOperation> laws = TransformerLaws.builder(PlainText.INSTANCE)
 *     .contents(TextGenerators::content)
 *     .operations(TextGenerators::operation)
 *     .build();
 * laws.checkAll();                 // in a @Test, or return laws.dynamicTests() from a @TestFactory
 * }</pre>
 *
 * @param <S> the content type
 * @param <O> the operation type
 */
public final class TransformerLaws<S, O> {

  private final OperationTransformer<S, O> transformer;
  private final Function<Random, S> contents;
  private final BiFunction<Random, S, O> operations;
  private final long firstSeed;
  private final int seeds;

  private TransformerLaws(Builder<S, O> builder) {
    this.transformer = builder.transformer;
    this.contents = Objects.requireNonNull(builder.contents, "contents generator");
    this.operations = Objects.requireNonNull(builder.operations, "operations generator");
    this.firstSeed = builder.firstSeed;
    this.seeds = builder.seeds;
  }

  /** Starts the laws of {@code transformer}; the builder needs a content and an operation generator. */
  public static <S, O> Builder<S, O> builder(OperationTransformer<S, O> transformer) {
    return new Builder<>(Objects.requireNonNull(transformer, "transformer"));
  }

  /** Runs every check and the convergence simulation; returns what the simulation exercised. */
  public SimulationReport checkAll() {
    checkConvergence();
    checkTransformBoth();
    checkComposition();
    checkInversion();
    checkIdentity();
    checkWorkingCopy();
    return simulateConvergence();
  }

  /** Returns one JUnit dynamic test per law, for a {@code @TestFactory}. */
  public Stream<DynamicTest> dynamicTests() {
    return Stream.of(
        DynamicTest.dynamicTest("convergence (TP1)", this::checkConvergence),
        DynamicTest.dynamicTest("transformBoth agrees with transform", this::checkTransformBoth),
        DynamicTest.dynamicTest("compose agrees with applying in sequence", this::checkComposition),
        DynamicTest.dynamicTest("invert undoes", this::checkInversion),
        DynamicTest.dynamicTest("identity changes nothing", this::checkIdentity),
        DynamicTest.dynamicTest("working copy agrees with apply", this::checkWorkingCopy),
        DynamicTest.dynamicTest("server and clients converge", () -> simulateConvergence()));
  }

  /**
   * TP1: for {@code a} and {@code b} made on one content, {@code a} then {@code transform(b, a, RIGHT)}
   * gives what {@code b} then {@code transform(a, b, LEFT)} gives.
   */
  public void checkConvergence() {
    forEachSeed("convergence (TP1)", (random, trace) -> {
      S s = content(random, trace);
      O a = operation(random, s, trace, "a");
      O b = operation(random, s, trace, "b");
      S viaA = transformer.apply(transformer.apply(s, a), transformer.transform(b, a, Side.RIGHT));
      S viaB = transformer.apply(transformer.apply(s, b), transformer.transform(a, b, Side.LEFT));
      same(viaA, viaB, "a then transform(b, a, RIGHT)", "b then transform(a, b, LEFT)");
    });
  }

  /** {@code transformBoth(a, b)} has the effect of {@code transform(a, b, LEFT)} and {@code transform(b, a, RIGHT)}. */
  public void checkTransformBoth() {
    forEachSeed("transformBoth agrees with transform", (random, trace) -> {
      S s = content(random, trace);
      O a = operation(random, s, trace, "a");
      O b = operation(random, s, trace, "b");
      Transformed<O> both = transformer.transformBoth(a, b);
      S afterB = transformer.apply(s, b);
      S afterA = transformer.apply(s, a);
      same(transformer.apply(afterB, both.aPrime()), transformer.apply(afterB, transformer.transform(a, b, Side.LEFT)),
          "b then transformBoth(a, b).aPrime", "b then transform(a, b, LEFT)");
      same(transformer.apply(afterA, both.bPrime()), transformer.apply(afterA, transformer.transform(b, a, Side.RIGHT)),
          "a then transformBoth(a, b).bPrime", "a then transform(b, a, RIGHT)");
    });
  }

  /** For {@code b} made after {@code a}: {@code compose(a, b)} gives what {@code a} then {@code b} gives. */
  public void checkComposition() {
    forEachSeed("compose agrees with applying in sequence", (random, trace) -> {
      S s = content(random, trace);
      O a = operation(random, s, trace, "a");
      S afterA = transformer.apply(s, a);
      O b = operation(random, afterA, trace, "b (made after a)");
      same(transformer.apply(s, transformer.compose(a, b)), transformer.apply(afterA, b),
          "compose(a, b)", "a then b");
    });
  }

  /** Where {@code invert(a, s)} is present, applying it after {@code a} gives {@code s} back; absent passes. */
  public void checkInversion() {
    forEachSeed("invert undoes", (random, trace) -> {
      S s = content(random, trace);
      O a = operation(random, s, trace, "a");
      Optional<O> inverse = transformer.invert(a, s);
      if (inverse.isPresent()) {
        trace.add("invert(a, content) = " + inverse.get());
        same(transformer.apply(transformer.apply(s, a), inverse.get()), s, "a then invert(a, content)", "content");
      }
    });
  }

  /** {@code identity(s)} changes nothing, and transforming past it leaves an operation's effect alone. */
  public void checkIdentity() {
    forEachSeed("identity changes nothing", (random, trace) -> {
      S s = content(random, trace);
      O identity = transformer.identity(s);
      trace.add("identity(content) = " + identity);
      same(transformer.apply(s, identity), s, "identity applied", "content");
      O a = operation(random, s, trace, "a");
      S expected = transformer.apply(s, a);
      for (Side side : Side.values()) {
        same(transformer.apply(s, transformer.transform(a, identity, side)), expected,
            "transform(a, identity, " + side + ")", "a");
      }
      S afterA = transformer.apply(s, a);
      same(transformer.apply(afterA, transformer.transform(identity, a, Side.RIGHT)), afterA,
          "a then transform(identity, a, RIGHT)", "a");
    });
  }

  /** Operations applied in place to {@code workingCopy(s)} give the content and size {@code apply} and {@code size} give. */
  public void checkWorkingCopy() {
    forEachSeed("working copy agrees with apply", (random, trace) -> {
      S s = content(random, trace);
      WorkingCopy<S, O> copy = transformer.workingCopy(s);
      S expected = s;
      int steps = 1 + random.nextInt(5);
      for (int i = 0; i < steps; i++) {
        O operation = operation(random, expected, trace, "operation " + (i + 1));
        copy.apply(operation);
        expected = transformer.apply(expected, operation);
        same(copy.content(), expected, "working copy", "apply");
        if (copy.size() != transformer.size(expected)) {
          throw new LawBroken("working copy size " + copy.size() + " but size(content) " + transformer.size(expected));
        }
      }
    });
  }

  /**
   * Runs a seeded server and client simulation: two to eight {@code ClientDocument}s and one
   * {@code ServerDocument} exchange operations over queues delivered in random order, with
   * disconnects, reconnects, catch-up, resubmissions and resyncs; every client must end with the
   * server's content and revision.
   */
  public SimulationReport simulateConvergence() {
    SimulationReport.Counter counter = new SimulationReport.Counter();
    forEachSeed("server and clients converge", (random, trace) ->
        new ConvergenceSimulation<>(transformer, contents, operations, random, trace, counter).run());
    return counter.report(seeds);
  }

  private interface Case {
    void run(Random random, List<String> trace);
  }

  private void forEachSeed(String law, Case check) {
    for (long seed = firstSeed; seed < firstSeed + seeds; seed++) {
      List<String> trace = new ArrayList<>();
      try {
        check.run(random(seed), trace);
      } catch (RuntimeException | AssertionError e) {
        String why = e instanceof LawBroken ? e.getMessage() : "threw " + e;
        throw new AssertionError(law + " fails for " + transformer + " with seed " + seed + ": " + why
            + (trace.isEmpty() ? "" : "\n  " + String.join("\n  ", trace))
            + "\n  (repeat it alone with firstSeed(" + seed + ").seeds(1))", e instanceof LawBroken ? null : e);
      }
    }
  }

  /** A generator per seed; mixing each seed first keeps nearby seeds from drawing alike. */
  static Random random(long seed) {
    return new Random(new SplittableRandom(seed).nextLong());
  }

  private S content(Random random, List<String> trace) {
    S content = Objects.requireNonNull(contents.apply(random), "the content generator returned null");
    trace.add("content = " + describe(content));
    return content;
  }

  private O operation(Random random, S content, List<String> trace, String name) {
    O operation = Objects.requireNonNull(operations.apply(random, content), "the operation generator returned null");
    trace.add(name + " = " + operation);
    return operation;
  }

  private static void same(Object actual, Object expected, String actualName, String expectedName) {
    if (!actual.equals(expected)) {
      throw new LawBroken(actualName + " gives " + describe(actual) + " but " + expectedName + " gives "
          + describe(expected));
    }
  }

  static String describe(Object value) {
    return value instanceof CharSequence text ? '"' + text.toString() + '"' : String.valueOf(value);
  }

  /** A law's own failure, reported without a cause (the trace says everything). */
  static final class LawBroken extends RuntimeException {
    private static final long serialVersionUID = 1L;

    LawBroken(String message) {
      super(message, null, false, false);
    }
  }

  /**
   * Configures {@link TransformerLaws}: the generators are required; seeds default to 0..999.
   *
   * @param <S> the content type
   * @param <O> the operation type
   */
  public static final class Builder<S, O> {
    private final OperationTransformer<S, O> transformer;
    private Function<Random, S> contents;
    private BiFunction<Random, S, O> operations;
    private long firstSeed;
    private int seeds = 1_000;

    private Builder(OperationTransformer<S, O> transformer) {
      this.transformer = transformer;
    }

    /** Sets the generator of random content (keep it small: a few items make ties likely). */
    public Builder<S, O> contents(Function<Random, S> generator) {
      this.contents = Objects.requireNonNull(generator, "generator");
      return this;
    }

    /** Sets the generator of a random operation made on the given content. */
    public Builder<S, O> operations(BiFunction<Random, S, O> generator) {
      this.operations = Objects.requireNonNull(generator, "generator");
      return this;
    }

    /** Sets the first seed each check uses. */
    public Builder<S, O> firstSeed(long seed) {
      this.firstSeed = seed;
      return this;
    }

    /** Sets how many seeds (cases) each check runs; at least one. */
    public Builder<S, O> seeds(int count) {
      if (count < 1) {
        throw new IllegalArgumentException("seeds must be positive, was " + count);
      }
      this.seeds = count;
      return this;
    }

    /** Returns the configured laws. */
    public TransformerLaws<S, O> build() {
      return new TransformerLaws<>(this);
    }
  }
}
