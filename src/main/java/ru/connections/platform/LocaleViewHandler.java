package ru.connections.platform;

import jakarta.faces.application.ViewHandler;
import jakarta.faces.application.ViewHandlerWrapper;
import jakarta.faces.context.FacesContext;
import java.util.Locale;

/**
 * Russian unless the browser asks for a language we speak. Without this, a request with no
 * Accept-Language header would get the server JVM's locale instead of the application's default.
 */
public class LocaleViewHandler extends ViewHandlerWrapper {

    public LocaleViewHandler(ViewHandler wrapped) {
        super(wrapped);
    }

    @Override
    public Locale calculateLocale(FacesContext context) {
        if (context.getExternalContext().getRequestHeaderMap().get("Accept-Language") == null) {
            return context.getApplication().getDefaultLocale();
        }
        return super.calculateLocale(context);
    }
}
