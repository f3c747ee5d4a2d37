package io.contexthub.ranking;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Recall@5 (the share of a query's relevant documents in its top 5, averaged over queries) and mean reciprocal
 * rank (1 / rank of the first relevant document in the top 10, 0 when none), overall and per kind of query.
 */
final class RankingScores {

    private record Sums(int queries, double recall, double reciprocal) {
        Sums plus(double recall, double reciprocal) {
            return new Sums(queries + 1, this.recall + recall, this.reciprocal + reciprocal);
        }
    }

    private final Map<String, Sums> byKind = new TreeMap<>();
    private Sums all = new Sums(0, 0, 0);

    /** Records one query's ranking; returns the rank of its first relevant document, 0 when not in the list. */
    int add(String kind, List<String> ranked, List<String> relevant) {
        long inTop5 = ranked.stream().limit(5).filter(relevant::contains).count();
        int first = 0;
        for (int i = 0; i < ranked.size() && first == 0; i++) {
            if (relevant.contains(ranked.get(i))) {
                first = i + 1;
            }
        }
        double recall = (double) inTop5 / relevant.size();
        double reciprocal = first == 0 ? 0 : 1.0 / first;
        byKind.merge(kind, new Sums(1, recall, reciprocal), (a, b) -> a.plus(b.recall, b.reciprocal));
        all = all.plus(recall, reciprocal);
        return first;
    }

    double recallAt5() {
        return all.recall / all.queries;
    }

    double mrr() {
        return all.reciprocal / all.queries;
    }

    String table() {
        StringBuilder table = new StringBuilder(String.format("  %-14s %7s %9s %6s%n", "kind", "queries", "recall@5",
                "MRR"));
        byKind.forEach((kind, s) -> table.append(String.format("  %-14s %7d %9.3f %6.3f%n", kind, s.queries,
                s.recall / s.queries, s.reciprocal / s.queries)));
        return table.append(String.format("  %-14s %7d %9.3f %6.3f%n", "all", all.queries, recallAt5(), mrr()))
                .toString();
    }
}
