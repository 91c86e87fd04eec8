package hub.conversation;

import java.util.Map;

/** Runs a tool for the LLM loop (the hub routes it through {@code direct:tool-dispatch}). */
@FunctionalInterface
public interface ToolExecutor {

    /** Never throws: a failure is returned as an execution with status failed/timeout and an error result. */
    ToolExecution execute(ToolSpec tool, Map<String, Object> arguments, int iteration);
}
