package io.contexthub.store;

import io.contexthub.platform.TransientFailureException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.LongField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.SortedNumericSortField;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;

/**
 * The zero-setup context store: one Lucene index on local disk with an HNSW vector field (cosine) and a BM25
 * text field. Every write is committed before it returns, so what was acknowledged survives a crash.
 */
public class LuceneContextStore implements ContextStore, AutoCloseable {

    static final String ID = "id";
    static final String TYPE = "type";
    static final String SOURCE = "source";
    static final String VERSION = "version";
    static final String JSON = "json";
    static final String TEXT = "text";
    static final String ID_SORT = "idSort";
    static final String CUSTOMER_ID = "customerId";
    static final String EVENT_TYPE = "eventType";
    static final String STATUS = "status";
    static final String TIME = "time";
    static final String DELETED = "deleted";
    /** Marks the document that a deletion left in place of the deleted one ({@link Tombstone}). */
    static final String TOMBSTONE = "tombstone";
    static final String IDENTIFIER = "identifier";
    static final String VECTOR = "vector";
    /** The same vector as stored bytes, so it can be read back for reuse. */
    static final String VECTOR_BYTES = "vectorBytes";
    static final String CONTENT_HASH = "contentHash";
    /** How many candidates each ranking contributes per requested hit before fusion. */
    static final int CANDIDATES_PER_HIT = 4;
    static final int MIN_CANDIDATES = 40;

    private final Directory directory;
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final Analyzer analyzer = new EnglishAnalyzer(KeywordAnalysis.stopWords());
    private final ReentrantLock writeLock = new ReentrantLock();

    public LuceneContextStore(Path indexDir) {
        try {
            directory = FSDirectory.open(indexDir);
            writer = new IndexWriter(directory, new IndexWriterConfig(analyzer)
                    .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND));
            writer.commit();
            searchers = new SearcherManager(writer, null);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the Lucene index at " + indexDir, e);
        }
    }

    @Override
    public UpsertResult upsert(List<ContextDocument> documents) {
        List<String> written = new ArrayList<>();
        List<String> stale = new ArrayList<>();
        Map<String, String> rejected = new LinkedHashMap<>();
        writeLock.lock();
        try {
            Map<String, Long> batchVersions = new HashMap<>();
            for (ContextDocument document : documents) {
                Stored current = batchVersions.containsKey(document.id())
                        ? new Stored(batchVersions.get(document.id()), null) : stored(document.id());
                if (current != null && (current.tombstone() != null ? !current.tombstone().replacedBy(document)
                        : current.version() > document.version())) {
                    stale.add(document.id());
                    continue;
                }
                try {
                    writer.updateDocument(new Term(ID, document.id()), toLucene(document));
                } catch (IllegalArgumentException e) {
                    // Lucene refuses this document alone (an immense term, a bad vector); the writer stays usable.
                    rejected.put(document.id(), e.getMessage());
                    continue;
                }
                batchVersions.put(document.id(), document.version());
                written.add(document.id());
            }
            if (!written.isEmpty()) {
                writer.commit();
                searchers.maybeRefreshBlocking();
            }
            return new UpsertResult(written, stale, rejected);
        } catch (IOException e) {
            throw new TransientFailureException("Lucene write failed: " + e.getMessage(), e);
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public Optional<ContextDocument> get(String type, String id) {
        return withSearcher(searcher -> {
            TopDocs top = searcher.search(byId(id), 1);
            if (top.scoreDocs.length == 0) {
                return Optional.empty();
            }
            Document stored = searcher.storedFields().document(top.scoreDocs[0].doc);
            if (type != null && !type.equals(stored.get(TYPE)) || stored.get(TOMBSTONE) != null) {
                return Optional.empty();
            }
            return Optional.of(new ContextDocument(stored.get(ID), stored.get(TYPE), stored.get(SOURCE),
                    stored.getField(VERSION).numericValue().longValue(), stored.get(JSON), null, null,
                    stored.get(CONTENT_HASH)));
        });
    }

    @Override
    public Map<String, StoredEmbedding> embeddings(Collection<ContextDocumentKey> keys) {
        return withSearcher(searcher -> {
            Map<String, StoredEmbedding> found = new HashMap<>();
            for (ContextDocumentKey key : keys) {
                TopDocs top = searcher.search(byId(key.id()), 1);
                if (top.scoreDocs.length == 0) {
                    continue;
                }
                Document stored = searcher.storedFields().document(top.scoreDocs[0].doc,
                        Set.of(CONTENT_HASH, VECTOR_BYTES));
                BytesRef bytes = stored.getBinaryValue(VECTOR_BYTES);
                if (bytes != null) {
                    found.put(key.id(), new StoredEmbedding(stored.get(CONTENT_HASH), toFloats(bytes)));
                }
            }
            return found;
        });
    }

    private static byte[] toBytes(float[] vector) {
        ByteBuffer buffer = ByteBuffer.allocate(vector.length * Float.BYTES);
        buffer.asFloatBuffer().put(vector);
        return buffer.array();
    }

    private static float[] toFloats(BytesRef bytes) {
        float[] vector = new float[bytes.length / Float.BYTES];
        ByteBuffer.wrap(bytes.bytes, bytes.offset, bytes.length).asFloatBuffer().get(vector);
        return vector;
    }

    @Override
    public Optional<Tombstone> tombstone(String type, String id) {
        return withSearcher(searcher -> {
            TopDocs top = searcher.search(byId(id), 1);
            if (top.scoreDocs.length == 0) {
                return Optional.empty();
            }
            Document stored = searcher.storedFields().document(top.scoreDocs[0].doc);
            if (stored.get(TOMBSTONE) == null || type != null && !type.equals(stored.get(TYPE))) {
                return Optional.empty();
            }
            return Optional.of(Tombstone.fromJson(stored.get(JSON)));
        });
    }

    @Override
    public boolean delete(String type, String id, Tombstone.Deletion deletion) {
        writeLock.lock();
        try {
            Optional<ContextDocument> live = get(type, id);
            if (live.isEmpty()) {
                return false;
            }
            writer.updateDocument(new Term(ID, id), tombstone(Tombstone.of(live.get(), deletion)));
            writer.commit();
            searchers.maybeRefreshBlocking();
            return true;
        } catch (IOException e) {
            throw new TransientFailureException("Lucene delete failed: " + e.getMessage(), e);
        } finally {
            writeLock.unlock();
        }
    }

    /** Nothing to do: every write is searchable when it returns. */
    @Override
    public void refresh() {
    }

    @Override
    public void expungeDeleted() {
        writeLock.lock();
        try {
            writer.forceMergeDeletes(true);
            writer.commit();
            searchers.maybeRefreshBlocking();
        } catch (IOException e) {
            throw new TransientFailureException("Lucene merge failed: " + e.getMessage(), e);
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public List<SearchHit> search(SearchQuery query) {
        Query filter = filter(query);
        if (query.listing()) {
            return list(query, filter);
        }
        int candidates = Math.max(MIN_CANDIDATES, query.k() * CANDIDATES_PER_HIT);
        return withSearcher(searcher -> {
            Query identifiers = identifierQuery(query.text(), filter);
            List<String> exact = identifiers == null ? List.of() : ids(searcher, searcher.search(identifiers, query.k()));
            List<List<String>> rankings = new ArrayList<>();
            if (query.vector() != null) {
                rankings.add(ids(searcher, searcher.search(
                        new KnnFloatVectorQuery(VECTOR, query.vector(), candidates, filter), candidates)));
            }
            Query keywords = keywordQuery(query.text());
            if (keywords != null) {
                rankings.add(ids(searcher, searcher.search(new BooleanQuery.Builder()
                        .add(keywords, BooleanClause.Occur.MUST)
                        .add(filter, BooleanClause.Occur.FILTER).build(), candidates)));
            }
            List<SearchHit> hits = new ArrayList<>();
            for (ReciprocalRankFusion.Fused fused : ReciprocalRankFusion.fuseExactFirst(exact, rankings, query.k())) {
                TopDocs top = searcher.search(byId(fused.id()), 1);
                Document stored = searcher.storedFields().document(top.scoreDocs[0].doc);
                hits.add(new SearchHit(fused.id(), stored.get(TYPE), fused.score(), stored.get(JSON)));
            }
            return hits;
        });
    }

    /** The documents that pass the filters, newest first, {@code k} after the cursor. */
    private List<SearchHit> list(SearchQuery query, Query filter) {
        Sort newestFirst = new Sort(new SortedNumericSortField(TIME, SortField.Type.LONG, true),
                new SortField(ID_SORT, SortField.Type.STRING, true));
        return withSearcher(searcher -> {
            TopDocs top;
            if (query.after() == null) {
                top = searcher.search(filter, query.k(), newestFirst);
            } else {
                ListCursor after = ListCursor.decode(query.after());
                // the last doc id: only a document with the same time and id (the cursor's own) ties, and it is
                // then not after
                top = searcher.searchAfter(new FieldDoc(searcher.getIndexReader().maxDoc() - 1, Float.NaN,
                        new Object[] {after.time(), new BytesRef(after.id())}), filter, query.k(), newestFirst);
            }
            List<SearchHit> hits = new ArrayList<>();
            for (ScoreDoc hit : top.scoreDocs) {
                Document stored = searcher.storedFields().document(hit.doc);
                long time = (Long) ((FieldDoc) hit).fields[0];
                hits.add(new SearchHit(stored.get(ID), stored.get(TYPE), 0, stored.get(JSON),
                        new ListCursor(time, stored.get(ID)).encode()));
            }
            return hits;
        });
    }

    /** Every condition of the query as one filter, applied inside each ranking (pre-filtering, not post). */
    private static Query filter(SearchQuery query) {
        SearchFilters filters = query.filters();
        BooleanQuery.Builder filter = new BooleanQuery.Builder().add(new MatchAllDocsQuery(), BooleanClause.Occur.MUST);
        term(filter, TYPE, query.type());
        term(filter, SOURCE, filters.source());
        term(filter, EVENT_TYPE, filters.eventType());
        term(filter, STATUS, filters.status());
        term(filter, IDENTIFIER, filters.identifier());
        terms(filter, CUSTOMER_ID, filters.customerIds());
        if (filters.scope() != null) {
            terms(filter, TYPE, filters.scope().types());
            terms(filter, SOURCE, filters.scope().sources());
        }
        if (filters.from() != null || filters.to() != null) {
            long from = filters.from() == null ? Long.MIN_VALUE : filters.from().toEpochMilli();
            long to = filters.to() == null ? Long.MAX_VALUE : filters.to().toEpochMilli() - 1;
            filter.add(LongField.newRangeQuery(TIME, from, to), BooleanClause.Occur.FILTER);
        }
        if (!filters.includeDeleted()) {
            filter.add(new TermQuery(new Term(DELETED, "true")), BooleanClause.Occur.MUST_NOT);
        }
        filter.add(new TermQuery(new Term(TOMBSTONE, "true")), BooleanClause.Occur.MUST_NOT);
        return filter.build();
    }

    private static void terms(BooleanQuery.Builder filter, String field, Collection<String> values) {
        if (values != null) {
            filter.add(new TermInSetQuery(field, values.stream().map(BytesRef::new).toList()),
                    BooleanClause.Occur.FILTER);
        }
    }

    private static void term(BooleanQuery.Builder filter, String field, String value) {
        if (value != null) {
            filter.add(new TermQuery(new Term(field, value)), BooleanClause.Occur.FILTER);
        }
    }

    /** Documents carrying an identifier the text holds exactly; null when it holds none. */
    private static Query identifierQuery(String text, Query filter) {
        Set<String> identifiers = Identifiers.inQuery(text);
        if (identifiers.isEmpty()) {
            return null;
        }
        BooleanQuery.Builder any = new BooleanQuery.Builder();
        identifiers.forEach(id -> any.add(new TermQuery(new Term(IDENTIFIER, id)), BooleanClause.Occur.SHOULD));
        return new BooleanQuery.Builder().add(any.build(), BooleanClause.Occur.MUST)
                .add(filter, BooleanClause.Occur.FILTER).build();
    }

    @Override
    public long count(String type) {
        return withSearcher(searcher -> (long) searcher.count(new BooleanQuery.Builder()
                .add(type == null ? new MatchAllDocsQuery() : new TermQuery(new Term(TYPE, type)), BooleanClause.Occur.MUST)
                .add(new TermQuery(new Term(TOMBSTONE, "true")), BooleanClause.Occur.MUST_NOT).build()));
    }

    @Override
    public void close() throws IOException {
        searchers.close();
        writer.close();
        directory.close();
    }

    /** What the version guard compares with: the stored version, and the tombstone when the id is deleted. */
    private record Stored(long version, Tombstone tombstone) {
    }

    private Stored stored(String id) {
        return withSearcher(searcher -> {
            TopDocs top = searcher.search(byId(id), 1);
            if (top.scoreDocs.length == 0) {
                return null;
            }
            int doc = top.scoreDocs[0].doc;
            Document stored = searcher.storedFields().document(doc, Set.of(VERSION, TOMBSTONE));
            // only a tombstone's JSON is read: it is small, and live documents need their version alone
            return new Stored(stored.getField(VERSION).numericValue().longValue(), stored.get(TOMBSTONE) == null ? null
                    : Tombstone.fromJson(searcher.storedFields().document(doc, Set.of(JSON)).get(JSON)));
        });
    }

    private Document toLucene(ContextDocument document) {
        Document doc = new Document();
        doc.add(new StringField(ID, document.id(), Field.Store.YES));
        doc.add(new SortedDocValuesField(ID_SORT, new BytesRef(document.id())));
        FilterFields fields = FilterFields.of(document);
        optional(doc, CUSTOMER_ID, fields.customerId());
        optional(doc, EVENT_TYPE, fields.eventType());
        optional(doc, STATUS, fields.status());
        doc.add(new LongField(TIME, fields.time(), Field.Store.NO));
        if (fields.deleted()) {
            doc.add(new StringField(DELETED, "true", Field.Store.NO));
        }
        fields.identifiers().forEach(id -> doc.add(new StringField(IDENTIFIER, id, Field.Store.NO)));
        doc.add(new StringField(TYPE, document.type(), Field.Store.YES));
        doc.add(new StringField(SOURCE, document.source(), Field.Store.YES));
        doc.add(new LongField(VERSION, document.version(), Field.Store.YES));
        doc.add(new StoredField(JSON, document.json()));
        doc.add(new StoredField(CONTENT_HASH, document.contentHash()));
        doc.add(new TextField(TEXT, document.text(), Field.Store.NO));
        doc.add(new KnnFloatVectorField(VECTOR, document.vector(), VectorSimilarityFunction.COSINE));
        doc.add(new StoredField(VECTOR_BYTES, toBytes(document.vector())));
        return doc;
    }

    /** Only what the version guard and {@link #tombstone} read: no text, no vector, no filter fields. */
    private static Document tombstone(Tombstone tombstone) {
        Document doc = new Document();
        doc.add(new StringField(ID, tombstone.id(), Field.Store.YES));
        doc.add(new StringField(TYPE, tombstone.type(), Field.Store.YES));
        doc.add(new StringField(TOMBSTONE, "true", Field.Store.YES));
        doc.add(new LongField(VERSION, tombstone.version(), Field.Store.YES));
        doc.add(new StoredField(JSON, tombstone.json()));
        return doc;
    }

    private static void optional(Document doc, String field, String value) {
        if (value != null) {
            doc.add(new StringField(field, value, Field.Store.NO));
        }
    }

    /** The query's analysed terms, any of which may match; null when nothing is left after analysis. */
    private Query keywordQuery(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        Set<String> terms = new LinkedHashSet<>();
        try (TokenStream tokens = analyzer.tokenStream(TEXT, text)) {
            CharTermAttribute term = tokens.addAttribute(CharTermAttribute.class);
            tokens.reset();
            while (tokens.incrementToken()) {
                terms.add(term.toString());
            }
            tokens.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (terms.isEmpty()) {
            return null;
        }
        BooleanQuery.Builder builder = new BooleanQuery.Builder();
        terms.forEach(t -> builder.add(new TermQuery(new Term(TEXT, t)), BooleanClause.Occur.SHOULD));
        return builder.build();
    }

    private static Query byId(String id) {
        return new TermQuery(new Term(ID, id));
    }

    private static List<String> ids(IndexSearcher searcher, TopDocs top) throws IOException {
        List<String> ids = new ArrayList<>(top.scoreDocs.length);
        for (ScoreDoc hit : top.scoreDocs) {
            ids.add(searcher.storedFields().document(hit.doc, Set.of(ID)).get(ID));
        }
        return ids;
    }

    private interface SearcherWork<T> {
        T apply(IndexSearcher searcher) throws IOException;
    }

    private <T> T withSearcher(SearcherWork<T> work) {
        try {
            IndexSearcher searcher = searchers.acquire();
            try {
                return work.apply(searcher);
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new TransientFailureException("Lucene read failed: " + e.getMessage(), e);
        }
    }
}
