package io.contexthub.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.WordlistLoader;
import org.apache.lucene.analysis.snowball.SnowballFilter;
import org.apache.lucene.util.IOUtils;

/**
 * How text is analysed for keyword (BM25) matching, the same in every store: English stemming with the
 * Snowball stop list. Lucene's default English stop set keeps pronouns such as "my", and in a question like
 * "Where is my parcel?" those would match everything and outvote the meaning in the fused ranking.
 */
public final class KeywordAnalysis {

    private static final CharArraySet STOP_WORDS = load();

    private KeywordAnalysis() {
    }

    public static CharArraySet stopWords() {
        return STOP_WORDS;
    }

    private static CharArraySet load() {
        try {
            return CharArraySet.unmodifiableSet(WordlistLoader.getSnowballWordSet(
                    IOUtils.getDecodingReader(SnowballFilter.class, "english_stop.txt", StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException("the Snowball English stop list is missing from lucene-analysis-common", e);
        }
    }
}
