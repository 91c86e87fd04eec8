package hub.web;

import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The path a request is dispatched on: decoded and normalised by the servlet container (no {@code %xx},
 * {@code //}, {@code .} or {@code ..} segments, no {@code ;params}), so every spelling of a path is
 * judged as the one the container will serve. A trailing slash is dropped.
 */
public final class RequestPaths {

    private static final Pattern KNOWLEDGE_UPLOAD = Pattern.compile("/api/chatbots/[^/]+/knowledge/upload");

    private RequestPaths() {
    }

    /** The knowledge upload, the one API path whose body is multipart and larger than the API's limit. */
    public static boolean isKnowledgeUpload(String path) {
        return KNOWLEDGE_UPLOAD.matcher(path).matches();
    }

    public static String of(HttpServletRequest request) {
        String servletPath = request.getServletPath();
        String pathInfo = request.getPathInfo();
        String path = pathInfo == null ? servletPath : servletPath + pathInfo;
        int end = path.length();
        while (end > 1 && path.charAt(end - 1) == '/') {
            end--;
        }
        return end == 0 ? "/" : path.substring(0, end);
    }
}
