package dev.thimble.benchmarks;

import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names a benchmark's baseline (a benchmark method of the same class, run with the same parameters) and the target
 * it must meet; {@link Report} reads it to compute ratios and to say whether a target is met.
 *
 * <p>Ratios are slowdowns: time over the baseline's time, or the baseline's throughput over this one's, so that
 * {@code 1.05} always means "5% slower than the baseline" whatever the benchmark's mode. A benchmark compared with
 * more than one baseline has one results row per baseline.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@Repeatable(ComparedTo.List.class)
public @interface ComparedTo {
  /** @return the baseline benchmark method's name, in the same class */
  String value();

  /** @return the largest slowdown against the baseline that meets the target; {@code 0} for no target */
  double maxSlowdown() default 0;

  /** @return the most bytes per operation this benchmark may allocate beyond its baseline; {@code -1} for no target */
  long maxExtraBytes() default -1;

  /** @return the largest score, in the benchmark's own unit, that meets the target; {@code 0} for no target */
  double maxScore() default 0;

  /** @return the target in words, for the results table */
  String target() default "";

  /**
   * @return a parameter setting ({@code "pool=direct"}) whose rows show the ratio without judging the target: a
   *     diagnostic variant the target was not set for; empty to judge every row
   */
  String notJudgedWhere() default "";

  /**
   * @return a parameter setting ({@code "pool=direct"}) that limits this comparison to the rows that have it; empty
   *     for every row
   */
  String onlyWhere() default "";

  /** Holds the baselines of a benchmark compared with more than one. */
  @Retention(RetentionPolicy.RUNTIME)
  @Target(ElementType.METHOD)
  @interface List {
    /** @return the comparisons */
    ComparedTo[] value();
  }
}
