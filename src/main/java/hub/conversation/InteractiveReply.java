package hub.conversation;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A WhatsApp interactive message the agent sends as its reply: up to three reply buttons, or a list of up to ten
 * rows behind a button, within Meta's limits. {@link #of} checks the LLM's arguments and says what is wrong, so a
 * message Meta would refuse never reaches the Graph API.
 */
public record InteractiveReply(Kind kind, String header, String body, String footer, String button, String sectionTitle,
                               List<Option> options) {

    public static final String SEND_BUTTONS = "send_buttons";
    public static final String SEND_LIST = "send_list";

    public enum Kind { BUTTONS, LIST }

    /** A button or a list row: {@code description} only for rows. */
    public record Option(String id, String title, String description) {
    }

    static final int BODY = 1024;
    static final int HEADER = 60;
    static final int FOOTER = 60;
    static final int MAX_BUTTONS = 3;
    static final int BUTTON_TITLE = 20;
    static final int BUTTON_ID = 256;
    static final int MAX_ROWS = 10;
    static final int ROW_TITLE = 24;
    static final int ROW_ID = 200;
    static final int ROW_DESCRIPTION = 72;
    static final int LIST_BUTTON = 20;
    static final int SECTION_TITLE = 24;

    /**
     * The reply asked for by the {@code send_buttons} or {@code send_list} tool.
     *
     * @throws IllegalArgumentException listing every problem with the arguments
     */
    public static InteractiveReply of(String tool, Map<?, ?> arguments) {
        Map<?, ?> args = arguments == null ? Map.of() : arguments;
        List<String> problems = new ArrayList<>();
        boolean buttons = SEND_BUTTONS.equals(tool);
        String body = text(args, "body", BODY, true, problems);
        String header = text(args, "header", HEADER, false, problems);
        String footer = text(args, "footer", FOOTER, false, problems);
        String button = buttons ? null : text(args, "button", LIST_BUTTON, true, problems);
        String sectionTitle = buttons ? null : text(args, "section_title", SECTION_TITLE, false, problems);
        String field = buttons ? "buttons" : "rows";
        List<Option> options = new ArrayList<>();
        if (!(args.get(field) instanceof List<?> items) || items.isEmpty()) {
            problems.add("'" + field + "' must be a non-empty array of {\"id\", \"title\"" + (buttons ? "" : ", \"description\"") + "}");
        } else if (items.size() > (buttons ? MAX_BUTTONS : MAX_ROWS)) {
            problems.add("at most " + (buttons ? MAX_BUTTONS + " buttons" : MAX_ROWS + " rows") + " (got " + items.size() + ")");
        } else {
            Set<String> ids = new HashSet<>();
            for (int i = 0; i < items.size(); i++) {
                String at = field + "[" + i + "]";
                if (!(items.get(i) instanceof Map<?, ?> item)) {
                    problems.add(at + " must be an object with \"id\" and \"title\"");
                    continue;
                }
                String title = text(item, "title", buttons ? BUTTON_TITLE : ROW_TITLE, true, problems, at);
                String id = item.get("id") == null && title != null ? title
                        : text(item, "id", buttons ? BUTTON_ID : ROW_ID, true, problems, at);
                String description = buttons ? null : text(item, "description", ROW_DESCRIPTION, false, problems, at);
                if (id != null && !ids.add(id)) {
                    problems.add(at + ".id '" + id + "' is used twice: ids must be unique");
                }
                options.add(new Option(id, title, description));
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        return new InteractiveReply(buttons ? Kind.BUTTONS : Kind.LIST, header, body, footer, button, sectionTitle,
                List.copyOf(options));
    }

    /** The buttons or list of the turn's last successful {@code send_buttons} / {@code send_list} call, if any. */
    public static java.util.Optional<InteractiveReply> lastSent(List<ToolExecution> executions) {
        InteractiveReply last = null;
        for (ToolExecution execution : executions) {
            if ("success".equals(execution.status()) && "builtin".equals(execution.toolType())
                    && (SEND_BUTTONS.equals(execution.toolName()) || SEND_LIST.equals(execution.toolName()))) {
                last = of(execution.toolName(), execution.arguments());
            }
        }
        return java.util.Optional.ofNullable(last);
    }

    /** The {@code interactive} object of the Graph API message. */
    public Map<String, Object> payload() {
        Map<String, Object> interactive = new LinkedHashMap<>();
        interactive.put("type", kind == Kind.BUTTONS ? "button" : "list");
        if (header != null) {
            interactive.put("header", Map.of("type", "text", "text", header));
        }
        interactive.put("body", Map.of("text", body));
        if (footer != null) {
            interactive.put("footer", Map.of("text", footer));
        }
        Map<String, Object> action = new LinkedHashMap<>();
        if (kind == Kind.BUTTONS) {
            action.put("buttons", options.stream()
                    .map(o -> Map.of("type", "reply", "reply", Map.of("id", o.id(), "title", o.title()))).toList());
        } else {
            action.put("button", button);
            Map<String, Object> section = new LinkedHashMap<>();
            if (sectionTitle != null) {
                section.put("title", sectionTitle);
            }
            section.put("rows", options.stream().map(o -> {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("id", o.id());
                row.put("title", o.title());
                if (o.description() != null) {
                    row.put("description", o.description());
                }
                return row;
            }).toList());
            action.put("sections", List.of(section));
        }
        interactive.put("action", action);
        return interactive;
    }

    /** The message as history shows it (and the agent reads it in later turns): the text, then the choices. */
    public String asText() {
        StringBuilder text = new StringBuilder();
        if (header != null) {
            text.append(header).append('\n');
        }
        text.append(body);
        if (footer != null) {
            text.append('\n').append(footer);
        }
        text.append('\n').append(kind == Kind.BUTTONS ? "[buttons]" : "[list \"" + button + "\"]");
        for (Option o : options) {
            text.append("\n• ").append(o.title()).append(o.description() == null ? "" : " — " + o.description());
        }
        return text.toString();
    }

    private static String text(Map<?, ?> args, String name, int max, boolean required, List<String> problems) {
        return text(args, name, max, required, problems, null);
    }

    private static String text(Map<?, ?> args, String name, int max, boolean required, List<String> problems, String at) {
        String field = at == null ? "'" + name + "'" : at + "." + name;
        Object value = args.get(name);
        if (value == null || value instanceof String s && s.isBlank()) {
            if (required) {
                problems.add(field + " is required");
            }
            return null;
        }
        if (!(value instanceof String) && !(value instanceof Number)) {
            problems.add(field + " must be a text");
            return null;
        }
        String text = value.toString().strip();
        if (text.codePointCount(0, text.length()) > max) {
            problems.add(field + " has " + text.codePointCount(0, text.length()) + " characters, at most " + max
                    + " are allowed: '" + text + "'");
            return null;
        }
        return text;
    }
}
