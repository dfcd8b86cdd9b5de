package ru.connections.platform;

import jakarta.faces.FacesException;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.application.ViewExpiredException;
import jakarta.faces.context.ExceptionHandler;
import jakarta.faces.context.ExceptionHandlerWrapper;
import jakarta.faces.context.FacesContext;
import jakarta.faces.event.ExceptionQueuedEvent;
import java.io.IOException;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import org.primefaces.csp.CspException;

/**
 * A form sent from a page the server no longer knows (the session ended, the server restarted, or the
 * form was forged in another session) does nothing and says so: the user is sent back to that page with
 * "the page was out of date, nothing was changed" instead of an error page.
 */
public class ExpiredViewExceptionHandler extends ExceptionHandlerWrapper {

    public ExpiredViewExceptionHandler(ExceptionHandler wrapped) {
        super(wrapped);
    }

    @Override
    public void handle() {
        FacesContext context = FacesContext.getCurrentInstance();
        for (Iterator<ExceptionQueuedEvent> events = getUnhandledExceptionQueuedEvents().iterator(); events.hasNext(); ) {
            Throwable thrown = events.next().getContext().getException();
            String viewId = staleViewId(thrown);
            if (viewId == null || context.getResponseComplete()) {
                continue;
            }
            events.remove();
            Locale locale = context.getApplication().getViewHandler().calculateLocale(context);
            String text = ResourceBundle.getBundle(Messages.BUNDLE, locale).getString("error.viewExpired");
            context.getExternalContext().getFlash().setKeepMessages(true);
            context.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_WARN, text, null));
            try {
                context.getExternalContext().redirect(
                        context.getApplication().getViewHandler().getRedirectURL(context, viewId, Map.of(), false));
            } catch (IOException e) {
                throw new FacesException(e);
            }
            context.responseComplete();
        }
        getWrapped().handle();
    }

    /** The page a stale or forged form came from, or null when the exception is something else. */
    private static String staleViewId(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t instanceof ViewExpiredException expired) {
                return expired.getViewId();
            }
            if (t instanceof CspException) {
                return FacesContext.getCurrentInstance().getViewRoot() != null
                        ? FacesContext.getCurrentInstance().getViewRoot().getViewId() : "/index.xhtml";
            }
        }
        return null;
    }
}
