package ru.connections.platform;

import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.ResourceBundle;

/** Texts from the page bundle, in the locale Faces chose for the current view. */
public final class Messages {

    public static final String BUNDLE = "i18n.messages";

    private Messages() {
    }

    public static String text(String key, Object... arguments) {
        FacesContext context = FacesContext.getCurrentInstance();
        Locale locale = context.getViewRoot() != null ? context.getViewRoot().getLocale()
                : context.getApplication().getDefaultLocale();
        String pattern = ResourceBundle.getBundle(BUNDLE, locale).getString(key);
        return arguments.length == 0 ? pattern : new MessageFormat(pattern, locale).format(arguments);
    }

    /** Shows an error next to the component with the given client id (null: at the top of the page). */
    public static void error(String clientId, String key, Object... arguments) {
        FacesContext.getCurrentInstance().addMessage(clientId,
                new FacesMessage(FacesMessage.SEVERITY_ERROR, text(key, arguments), null));
    }

    /** A message that survives the redirect that follows an action. */
    public static void flash(String key, Object... arguments) {
        flash(FacesMessage.SEVERITY_INFO, key, arguments);
    }

    /** An error that survives the redirect that follows an action. */
    public static void flashError(String key, Object... arguments) {
        flash(FacesMessage.SEVERITY_ERROR, key, arguments);
    }

    private static void flash(FacesMessage.Severity severity, String key, Object... arguments) {
        FacesContext context = FacesContext.getCurrentInstance();
        context.getExternalContext().getFlash().setKeepMessages(true);
        context.addMessage(null, new FacesMessage(severity, text(key, arguments), null));
    }
}
