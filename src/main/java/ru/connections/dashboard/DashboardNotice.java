package ru.connections.dashboard;

import java.util.Locale;
import java.util.Optional;

/** A banner above the cards, such as "Эвотор недоступен"; any CDI bean implementing this is shown. */
public interface DashboardNotice {

    /** The text in the user's language, or empty when there is nothing to say. */
    Optional<String> text(Locale locale);
}
