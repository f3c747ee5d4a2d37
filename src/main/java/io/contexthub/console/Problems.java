package io.contexthub.console;

import java.util.Arrays;
import java.util.List;

/** The API's refusals among a page's calls, shown on the page in the API's own words. */
final class Problems {

    private Problems() {
    }

    static List<String> of(HubApi.Reply... replies) {
        return Arrays.stream(replies).filter(reply -> !reply.ok()).map(HubApi.Reply::problem).distinct().toList();
    }
}
