package hub.metrics;

import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The metric names PromQL expressions (and Grafana's label_values(metric, label)) read. */
final class PromQl {

    private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'");
    private static final Pattern MATCHERS = Pattern.compile("\\{[^}]*}");
    private static final Pattern RANGE = Pattern.compile("\\[[^]]*]");
    private static final Pattern GROUPING = Pattern.compile("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
    private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\(\\s*([a-zA-Z_:][a-zA-Z0-9_:]*)\\s*,[^)]*\\)");
    // an identifier that is not a function call (not followed by "(")
    private static final Pattern NAME = Pattern.compile("(?<![\\w$.])([a-zA-Z_:][a-zA-Z0-9_:]*)\\b(?!\\s*\\()");
    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "inf", "nan", "by", "without",
            "on", "ignoring", "group_left", "group_right");

    private PromQl() {
    }

    static Set<String> metricNames(Collection<String> expressions) {
        Set<String> names = new TreeSet<>();
        for (String expression : expressions) {
            String rest = LABEL_VALUES.matcher(expression).replaceAll(" $1 ");
            rest = STRING.matcher(rest).replaceAll(" ");
            rest = MATCHERS.matcher(rest).replaceAll(" ");
            rest = RANGE.matcher(rest).replaceAll(" ");
            rest = GROUPING.matcher(rest).replaceAll(" ");
            Matcher name = NAME.matcher(rest);
            while (name.find()) {
                if (!KEYWORDS.contains(name.group(1).toLowerCase())) {
                    names.add(name.group(1));
                }
            }
        }
        return names;
    }
}
