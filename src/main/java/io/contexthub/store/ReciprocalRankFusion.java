package io.contexthub.store;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reciprocal rank fusion (Cormack et al., 2009): each ranking contributes {@code 1 / (K + rank)} for every id
 * it holds. Scores of BM25 and cosine similarity live on different scales; ranks do not, which is why both
 * stores fuse this way instead of adding raw scores.
 */
public final class ReciprocalRankFusion {

    /** The constant from the original paper; it damps the weight of the very first ranks. */
    public static final int K = 60;

    private ReciprocalRankFusion() {
    }

    public record Fused(String id, double score) {
    }

    /** Fuses ranked id lists (best first) into the top {@code limit}, ties broken by id for stable output. */
    public static List<Fused> fuse(List<List<String>> rankings, int limit) {
        Map<String, Double> scores = new LinkedHashMap<>();
        for (List<String> ranking : rankings) {
            for (int rank = 0; rank < ranking.size(); rank++) {
                scores.merge(ranking.get(rank), 1.0 / (K + rank + 1), Double::sum);
            }
        }
        List<Fused> fused = new ArrayList<>();
        scores.forEach((id, score) -> fused.add(new Fused(id, score)));
        fused.sort(Comparator.comparingDouble(Fused::score).reversed().thenComparing(Fused::id));
        return fused.subList(0, Math.min(limit, fused.size()));
    }

    /**
     * Documents that carry an identifier the query holds exactly ({@code exact}) rank first: an e-mail address or
     * an invoice number is not a topic to be near. They score 1 plus their fused score (ordered among themselves
     * by relevance); every fused score is below 1, so the rest follows in fused order.
     */
    public static List<Fused> fuseExactFirst(List<String> exact, List<List<String>> rankings, int limit) {
        if (exact.isEmpty()) {
            return fuse(rankings, limit);
        }
        List<List<String>> all = new ArrayList<>(rankings);
        all.add(exact);
        List<Fused> fused = new ArrayList<>();
        for (Fused candidate : fuse(all, Integer.MAX_VALUE)) {
            fused.add(exact.contains(candidate.id()) ? new Fused(candidate.id(), 1 + candidate.score()) : candidate);
        }
        fused.sort(Comparator.comparingDouble(Fused::score).reversed().thenComparing(Fused::id));
        return fused.subList(0, Math.min(limit, fused.size()));
    }
}
