package ru.connections.platform;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletMapping;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.MappingMatch;
import java.io.IOException;

/**
 * Gives Faces the right servlet mapping while it serves a resource. Open Liberty 26.0.0.3 takes the extension of
 * {@code /jakarta.faces.resource/primeicons/primeicons.css.xhtml} from its first dot, so every address a stylesheet
 * names through {@code resource[...]} (icon font, message icons, images) came out as one that answers 404
 * (OpenLiberty/open-liberty#27680, fixed in 26.0.0.4; remove this filter then).
 */
@WebFilter(urlPatterns = "/jakarta.faces.resource/*")
public class ResourceMappingFilter extends HttpFilter {

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpServletMapping mapping = request.getHttpServletMapping();
        String path = request.getServletPath();
        int dot = path.lastIndexOf('.');
        if (mapping == null || mapping.getMappingMatch() != MappingMatch.EXTENSION || dot < path.lastIndexOf('/')) {
            chain.doFilter(request, response);
            return;
        }
        HttpServletMapping corrected = new ExtensionMapping(path.substring(1, dot), "*" + path.substring(dot),
                mapping.getServletName());
        chain.doFilter(new HttpServletRequestWrapper(request) {
            @Override
            public HttpServletMapping getHttpServletMapping() {
                return corrected;
            }
        }, response);
    }

    private record ExtensionMapping(String getMatchValue, String getPattern, String getServletName)
            implements HttpServletMapping {

        @Override
        public MappingMatch getMappingMatch() {
            return MappingMatch.EXTENSION;
        }
    }
}
