package io.contexthub.bench;

/**
 * A benchmark report printed line by line as it is measured (a long run shows its figures before it ends, and a
 * failure half way keeps what was measured), and once more whole at the end.
 */
final class Report {

    private final StringBuilder text = new StringBuilder();

    Report(String title) {
        append("\n=== Context Hub benchmark (" + title + ") ===\n");
    }

    Report append(Object part) {
        String s = String.valueOf(part);
        text.append(s);
        System.out.print(s);
        System.out.flush();
        return this;
    }

    void close() {
        System.out.println(text);
    }
}
