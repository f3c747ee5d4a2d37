package io.contexthub.identity;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.contexthub.platform.TransientFailureException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.FSDirectory;

/**
 * The identity graph in its own Lucene directory ({@code <hub.data-dir>/identity}). One hub owns a data directory,
 * so reads and writes are serialised in-process. Rows written since the searcher was last refreshed are read from
 * memory: reopening a near-real-time reader after every write made a new segment per row and linking crawled as
 * the index grew. Writes are committed by {@link #flush}, once per batch of records linked, not once per row.
 */
public class LuceneIdentityTable implements IdentityTable {

    private static final String ID = "id";
    private static final String DOC = "doc";
    private static final String SEQ = "seq";

    private final ObjectMapper mapper;
    static final int MAX_UNREFRESHED = 10_000;

    private final IndexWriter writer;
    private final SearcherManager searchers;
    /** Rows written since the searcher was refreshed: the searcher does not see them yet. */
    private final Map<String, Row> recent = new HashMap<>();

    public LuceneIdentityTable(Path dir, ObjectMapper mapper) {
        this.mapper = mapper;
        try {
            writer = new IndexWriter(FSDirectory.open(dir), new IndexWriterConfig(new StandardAnalyzer()));
            writer.commit();
            searchers = new SearcherManager(writer, null);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the identity index at " + dir, e);
        }
    }

    @Override
    public synchronized Map<String, Row> get(Collection<String> ids) {
        Map<String, Row> rows = new HashMap<>();
        List<String> stored = new java.util.ArrayList<>();
        for (String id : new HashSet<>(ids)) {
            Row row = recent.get(id);
            if (row != null) {
                rows.put(id, row);
            } else {
                stored.add(id);
            }
        }
        rows.putAll(search(stored));
        return rows;
    }

    private Map<String, Row> search(Collection<String> ids) {
        try {
            IndexSearcher searcher = searchers.acquire();
            try {
                Map<String, Row> rows = new HashMap<>();
                for (String id : ids) {
                    TopDocs found = searcher.search(new TermQuery(new Term(ID, id)), 1);
                    if (found.scoreDocs.length > 0) {
                        Document doc = searcher.storedFields().document(found.scoreDocs[0].doc);
                        rows.put(id, new Row(id, (ObjectNode) mapper.readTree(doc.get(DOC)),
                                doc.getField(SEQ).numericValue().longValue(), 1));
                    }
                }
                return rows;
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new TransientFailureException("cannot read the identity index: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized Set<String> put(List<Write> writes) {
        Set<String> conflicts = new HashSet<>();
        try {
            Map<String, Row> current = get(writes.stream().map(Write::id).toList());
            for (Write write : writes) {
                Row now = current.get(write.id());
                boolean unchanged = write.expected() == null ? now == null
                        : now != null && now.seqNo() == write.expected().seqNo();
                if (!unchanged) {
                    conflicts.add(write.id());
                    continue;
                }
                long seq = now == null ? 1L : now.seqNo() + 1;
                Document doc = new Document();
                doc.add(new StringField(ID, write.id(), Field.Store.YES));
                doc.add(new StoredField(DOC, mapper.writeValueAsString(write.doc())));
                doc.add(new StoredField(SEQ, seq));
                writer.updateDocument(new Term(ID, write.id()), doc);
                recent.put(write.id(), new Row(write.id(), write.doc().deepCopy(), seq, 1));
            }
            if (recent.size() > MAX_UNREFRESHED) {
                refresh();
            }
            return conflicts;
        } catch (IOException e) {
            throw new TransientFailureException("cannot write the identity index: " + e.getMessage(), e);
        }
    }

    private void refresh() throws IOException {
        searchers.maybeRefreshBlocking();
        recent.clear();
    }

    @Override
    public synchronized void delete(Collection<String> ids) {
        if (ids.isEmpty()) {
            return;
        }
        try {
            writer.deleteDocuments(ids.stream().map(id -> new Term(ID, id)).toArray(Term[]::new));
            // rows are deleted for erasures: gone from the segment files too, not only from reads
            writer.forceMergeDeletes(true);
            writer.commit();
            refresh();
        } catch (IOException e) {
            throw new TransientFailureException("cannot delete identity rows: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void flush() {
        try {
            writer.commit();
            refresh();
        } catch (IOException e) {
            throw new TransientFailureException("cannot commit the identity index: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            searchers.close();
            writer.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
