package io.contexthub.store;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class LuceneContextStoreTest extends ContextStoreContract {

    @TempDir
    Path dir;
    LuceneContextStore lucene;

    @Override
    protected ContextStore open() {
        lucene = new LuceneContextStore(dir.resolve("index"));
        return lucene;
    }

    @Override
    protected ContextStore reopen() throws Exception {
        lucene.close();
        return open();
    }

    @Override
    protected void close() throws Exception {
        lucene.close();
    }
}
