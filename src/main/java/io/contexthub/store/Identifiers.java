package io.contexthub.store;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Exact identifiers (e-mail addresses, phone numbers, provider ids such as {@code cus_…} or {@code msg_…}, invoice
 * numbers, canonical ids) in one normal form, so the value a document carries and the value a user types meet:
 * trimmed and lower-cased; a phone number reduced to its digits with a leading {@code +} kept.
 */
public final class Identifiers {

    private static final Pattern PHONE = Pattern.compile("\\+?[0-9][0-9 ().\\-]{5,}[0-9]");
    /** Something worth an exact look-up: an e-mail, a phone number, or a token with a digit or separator in it. */
    private static final Pattern IDENTIFIER_LIKE = Pattern.compile(".*[@0-9_:].*");

    private Identifiers() {
    }

    public static String normalise(String value) {
        String trimmed = value.trim();
        if (PHONE.matcher(trimmed).matches()) {
            String digits = trimmed.replaceAll("[^0-9]", "");
            return trimmed.startsWith("+") ? "+" + digits : digits;
        }
        return trimmed.toLowerCase(Locale.ROOT);
    }

    /**
     * The identifiers a free-text query may hold: the whole query and each of its words that looks like one (an
     * e-mail, a phone number, an id with digits, {@code _} or {@code :}), normalised.
     */
    public static Set<String> inQuery(String text) {
        Set<String> found = new LinkedHashSet<>();
        if (text == null || text.isBlank()) {
            return found;
        }
        String whole = text.trim();
        if (IDENTIFIER_LIKE.matcher(whole).matches() && (PHONE.matcher(whole).matches() || !whole.contains(" "))) {
            found.add(normalise(whole));
        }
        for (String word : whole.split("\\s+")) {
            String token = word.replaceAll("^[\"'(<,;]+|[\"')>,;?!.]+$", "");
            if (token.length() >= 3 && IDENTIFIER_LIKE.matcher(token).matches()) {
                found.add(normalise(token));
            }
        }
        return found;
    }
}
