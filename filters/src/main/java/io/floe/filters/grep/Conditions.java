package io.floe.filters.grep;

import io.floe.codec.text.RubyValues;
import io.floe.filters.RecordAccessor;
import io.floe.parsers.regex.RubyRegex;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;

/**
 * The grep conditions, sorted as Fluentd sorts them: top-level and {@code <and>} regexps (all must match),
 * {@code <or>} regexps (one must), {@code <and>} excludes (drop when all match), top-level and {@code <or>}
 * excludes (drop when one matches). Each kind allows a field only once.
 */
final class Conditions {
    /** A field and its pattern. */
    record Expression(RecordAccessor key, RubyRegex pattern) {
        boolean matches(Map<String, Object> record) {
            Object v = key.get(record);
            return pattern.find(v instanceof String s ? s : RubyValues.toS(v));
        }
    }

    private final Expression[] regexpAnd;
    private final Expression[] regexpOr;
    private final Expression[] excludeAnd;
    private final Expression[] excludeOr;

    private Conditions(Map<String, Expression> regexpAnd, Map<String, Expression> regexpOr,
                       Map<String, Expression> excludeAnd, Map<String, Expression> excludeOr) {
        this.regexpAnd = regexpAnd.values().toArray(new Expression[0]);
        this.regexpOr = regexpOr.values().toArray(new Expression[0]);
        this.excludeAnd = excludeAnd.values().toArray(new Expression[0]);
        this.excludeOr = excludeOr.values().toArray(new Expression[0]);
    }

    static Conditions of(GrepFilter.Config c, Logger log) {
        Map<String, Expression> regexpAnd = new LinkedHashMap<>();
        Map<String, Expression> regexpOr = new LinkedHashMap<>();
        Map<String, Expression> excludeAnd = new LinkedHashMap<>();
        Map<String, Expression> excludeOr = new LinkedHashMap<>();
        legacy(c.legacyRegexps(), "regexp", regexpAnd);
        legacy(c.legacyExcludes(), "exclude", excludeOr);
        if (c.regexps().size() > 1) {
            log.info("Top level multiple <regexp> is interpreted as 'and' condition");
        }
        add(c.regexps(), regexpAnd, "Duplicate key: ");
        if (c.excludes().size() > 1) {
            log.info("Top level multiple <exclude> is interpreted as 'or' condition");
        }
        add(c.excludes(), excludeOr, "Duplicate key: ");
        block(c.ands(), "and", regexpAnd, excludeAnd);
        block(c.ors(), "or", regexpOr, excludeOr);
        return new Conditions(regexpAnd, regexpOr, excludeAnd, excludeOr);
    }

    /** {@code regexpN KEY PATTERN}: the pattern is compiled as it is written, without /.../ handling. */
    private static void legacy(List<String> values, String name, Map<String, Expression> into) {
        for (int i = 0; i < values.size(); i++) {
            String v = values.get(i);
            if (v == null) {
                continue;
            }
            int space = v.indexOf(' ');
            if (space < 0) {
                throw new IllegalArgumentException(name + (i + 1) + " does not contain 2 parameters");
            }
            String key = v.substring(0, space);
            if (into.containsKey(key)) {
                throw new IllegalArgumentException(name + (i + 1) + " contains a duplicated key, " + key);
            }
            into.put(key, new Expression(RecordAccessor.of(key), RubyRegex.compile(v.substring(space + 1), 0)));
        }
    }

    private static void block(List<GrepFilter.Block> blocks, String name, Map<String, Expression> regexps,
                              Map<String, Expression> excludes) {
        for (GrepFilter.Block b : blocks) {
            if (!b.regexps().isEmpty() && !b.excludes().isEmpty()) {
                throw new IllegalArgumentException("Do not specify both <regexp> and <exclude> in <" + name + ">");
            }
            add(b.regexps(), regexps, "Duplicate key in <" + name + ">: ");
            add(b.excludes(), excludes, "Duplicate key in <" + name + ">: ");
        }
    }

    private static void add(List<GrepFilter.Condition> conditions, Map<String, Expression> into, String duplicate) {
        for (GrepFilter.Condition c : conditions) {
            if (into.containsKey(c.key())) {
                throw new IllegalArgumentException(duplicate + c.key());
            }
            into.put(c.key(), new Expression(RecordAccessor.of(c.key()), RubyRegex.fromConfig(c.pattern())));
        }
    }

    boolean keep(Map<String, Object> record) {
        for (Expression e : regexpAnd) {
            if (!e.matches(record)) {
                return false;
            }
        }
        if (regexpOr.length > 0 && !any(regexpOr, record)) {
            return false;
        }
        if (excludeAnd.length > 0 && all(excludeAnd, record)) {
            return false;
        }
        return !any(excludeOr, record);
    }

    private static boolean any(Expression[] es, Map<String, Object> record) {
        for (Expression e : es) {
            if (e.matches(record)) {
                return true;
            }
        }
        return false;
    }

    private static boolean all(Expression[] es, Map<String, Object> record) {
        for (Expression e : es) {
            if (!e.matches(record)) {
                return false;
            }
        }
        return true;
    }
}
