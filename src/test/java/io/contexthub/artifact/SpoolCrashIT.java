package io.contexthub.artifact;

import io.contexthub.store.LuceneContextStore;
import io.contexthub.support.PackagedHub;
import org.junit.jupiter.api.AfterEach;

/** The crash test on the embedded defaults: spool + Lucene. The index is counted directly once the hub stopped. */
class SpoolCrashIT extends CrashScenario {

    private final PackagedHub hub = PackagedHub.create("crash-spool", frontSecret());

    @Override
    PackagedHub hub() {
        return hub;
    }

    @Override
    long storedEvents(PackagedHub hub) throws Exception {
        try (LuceneContextStore store = new LuceneContextStore(hub.dataDir().resolve("index"))) {
            return store.count("event");
        }
    }

    @Override
    String backbone() {
        return "spool + Lucene";
    }

    @AfterEach
    void stop() {
        hub.close();
    }
}
