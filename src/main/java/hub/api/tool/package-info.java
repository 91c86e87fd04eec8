/**
 * The tool admin API's contract: an organisation's integrations (where tools come from) and each
 * chatbot's tools. {@code config}, {@code settings_override}, tool {@code parameters} and a tool's
 * arguments and result are data: their keys are the tool's or JSON Schema's, not the API's.
 */
package hub.api.tool;
