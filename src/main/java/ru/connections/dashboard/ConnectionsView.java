package ru.connections.dashboard;

import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import ru.connections.account.CurrentUser;
import ru.connections.platform.Messages;

/**
 * The /connections page. Request scope is enough: every render, poll and action asks the
 * providers afresh, one query each, so a card never shows a status older than its request.
 */
@Named
@RequestScoped
public class ConnectionsView {

    static final String PAGE = "/connections?faces-redirect=true";

    @Inject
    private Instance<ConnectionProvider> providers;

    @Inject
    private CurrentUser currentUser;

    @Inject
    private Instance<DashboardNotice> notices;

    private List<ConnectionCard> cards;

    public List<ConnectionCard> getCards() {
        if (cards == null) {
            long userId = userId();
            Locale locale = FacesContext.getCurrentInstance().getViewRoot().getLocale();
            cards = providers.stream()
                    .sorted(Comparator.comparingInt(ConnectionProvider::order).thenComparing(ConnectionProvider::id))
                    .map(provider -> provider.card(userId, locale))
                    .toList();
        }
        return cards;
    }

    /** "Отключить" on a card, after the confirmation. */
    public String disconnect(String providerId) {
        ConnectionProvider provider = providers.stream().filter(p -> p.id().equals(providerId)).findFirst()
                .orElse(null);
        if (provider == null) {
            return PAGE;
        }
        String name = provider.name(FacesContext.getCurrentInstance().getViewRoot().getLocale());
        if (provider.disconnect(userId())) {
            Messages.flash("connections.disconnected", name);
        }
        return PAGE;
    }

    /** "Проверить сейчас": probes at once; the card is re-rendered by the same request. */
    public void checkNow(String providerId) {
        providers.stream().filter(p -> p.id().equals(providerId)).findFirst().ifPresent(provider -> {
            CheckResult result = provider.checkNow(userId());
            if (result.kind() == CheckResult.Kind.TOO_SOON) {
                Messages.error(null, "connections.checkNow.tooSoon", result.waitSeconds());
            }
            cards = null;
        });
    }

    /** Notices above the cards (e.g. an outage between this server and an integration). */
    public List<String> getNotices() {
        Locale locale = FacesContext.getCurrentInstance().getViewRoot().getLocale();
        return notices.stream().map(n -> n.text(locale)).flatMap(java.util.Optional::stream).toList();
    }

    private long userId() {
        return currentUser.account().orElseThrow(() -> new IllegalStateException("not signed in")).getId();
    }
}
