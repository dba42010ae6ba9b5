package io.floe.filters.record_transformer;

/**
 * A tag split for the {@code tag_parts}, {@code tag_prefix} and {@code tag_suffix} placeholders. For
 * {@code a.b.c}: parts a, b, c; prefixes a, a.b, a.b.c; suffixes a.b.c, b.c, c. An index may be negative,
 * counting from the end, as Fluentd registers both forms.
 */
final class TagParts {
    final String tag;
    private final String[] parts;
    private final String[] prefix;
    private final String[] suffix;

    TagParts(String tag) {
        this.tag = tag;
        this.parts = tag.isEmpty() ? new String[0] : tag.split("\\.", -1);
        int n = parts.length;
        this.prefix = new String[n];
        this.suffix = new String[n];
        for (int i = 0; i < n; i++) {
            prefix[i] = i == 0 ? parts[0] : prefix[i - 1] + "." + parts[i];
        }
        for (int i = n - 1; i >= 0; i--) {
            suffix[i] = i == n - 1 ? parts[i] : parts[i] + "." + suffix[i + 1];
        }
    }

    String part(int i) {
        return at(parts, i);
    }

    String prefix(int i) {
        return at(prefix, i);
    }

    String suffix(int i) {
        return at(suffix, i);
    }

    private static String at(String[] a, int i) {
        int at = i < 0 ? a.length + i : i;
        return at >= 0 && at < a.length ? a[at] : null;
    }
}
