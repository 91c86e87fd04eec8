package hub.web;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The path a request is dispatched on: decoded and normalised by the servlet container (no {@code %xx},
 * {@code //}, {@code .} or {@code ..} segments, no {@code ;params}), so every spelling of a path is
 * judged as the one the container will serve. A trailing slash is dropped.
 */
public final class RequestPaths {

    private RequestPaths() {
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
