package io.contexthub.identity;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class LuceneIdentityTableTest extends IdentityGraphContract {

    @TempDir
    Path dir;

    @Override
    protected IdentityTable open() {
        return new LuceneIdentityTable(dir.resolve("identity"), JSON);
    }

    /** One hub owns a data directory: its instances are threads sharing the one table. */
    @Override
    protected IdentityTable openAnother() {
        IdentityTable shared = table;
        return new IdentityTable() {
            @Override
            public java.util.Map<String, Row> get(java.util.Collection<String> ids) {
                return shared.get(ids);
            }

            @Override
            public java.util.Set<String> put(java.util.List<Write> writes) {
                return shared.put(writes);
            }

            @Override
            public void delete(java.util.Collection<String> ids) {
                shared.delete(ids);
            }

            @Override
            public void flush() {
                shared.flush();
            }

            @Override
            public void close() {
            }
        };
    }
}
