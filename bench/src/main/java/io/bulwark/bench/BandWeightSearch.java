package io.bulwark.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Chooses the weights of the Bayes bands ({@code BAYES_60} .. {@code BAYES_999}) by nested
 * cross-validation on the per-message results of an accuracy run ({@code ratings.tsv} of
 * {@link AccuracyRun}, development groups only), so that the recall reported for a fold was never
 * used to choose the weights applied to it.
 *
 * <p>Searched: the band weights and one factor for the weights of all starter-rule symbols (the
 * rules were written by hand; the factor says how loud they should be against Bayes, one number
 * for all of them so the search cannot fit single messages). For each fold k, every combination of the grid is scored on the other four folds (a message's
 * rating is recomputed as the sum of its other symbols plus the candidate weight of its band, held
 * to 0-100); the combination that catches the most spam with no ham at or above the spam threshold
 * and every ham at least {@code margin} below it is chosen (ties: the lower weights), and applied
 * to fold k. The held-out results of the five folds together are the honest estimate. The
 * combination chosen on all five folds is printed as the one to ship.
 *
 * <p>One leak remains and is said in docs/antispam.md: the Bayes probability of a message in fold
 * j was computed by a classifier trained on the four other folds, which include the held-out fold
 * k; only the weights are nested, not the Bayes training.
 *
 * <p>Usage: {@code java -cp benchmarks.jar io.bulwark.bench.BandWeightSearch ratings.tsv [margin]}.
 */
public final class BandWeightSearch {
    static final String[] BANDS = {"BAYES_60", "BAYES_80", "BAYES_95", "BAYES_99", "BAYES_999"};
    static final int[][] GRID = {
            {10, 15, 20, 25, 30},
            {35, 40, 45, 50, 55, 60},
            {55, 60, 65, 70, 75},
            {65, 70, 75, 80},
            {70, 75, 80, 85}};
    static final double SPAM_AT = 70;
    /** Factors for the weights of the rule-file symbols (the starter rules), searched with the bands. */
    static final double[] RULE_SCALES = {1.0, 1.25, 1.5, 1.75, 2.0};

    /** One message of the run: its group, fold, the sum of its non-Bayes symbols and its band. */
    record Row(boolean spam, int fold, double rules, double others, int band) {
    }

    /** Outcome of one weight combination on a set of folds. */
    record Score(int caught, int spam, int hamAtSpam, int hamNear, int ham) {
        boolean admissible() {
            return hamAtSpam == 0 && hamNear == 0;
        }
    }

    private BandWeightSearch() {
    }

    public static void main(String[] args) throws IOException {
        List<Row> rows = read(Path.of(args[0]));
        double margin = args.length > 1 ? Double.parseDouble(args[1]) : 15;
        int caught = 0;
        int spam = 0;
        int fp = 0;
        int ham = 0;
        for (int k = 0; k < AccuracyRun.FOLDS; k++) {
            int fold = k;
            int[] chosen = choose(rows.stream().filter(r -> r.fold() != fold).toList(), margin);
            Score held = score(rows.stream().filter(r -> r.fold() == fold).toList(), chosen, margin);
            System.out.printf(Locale.ROOT, "fold %d: weights %s chosen on the other folds; held-out fold: %d of %d spam,"
                    + " %d of %d ham at or above %.0f%n", k + 1, describe(chosen), held.caught(), held.spam(),
                    held.hamAtSpam(), held.ham(), SPAM_AT);
            caught += held.caught();
            spam += held.spam();
            fp += held.hamAtSpam();
            ham += held.ham();
        }
        System.out.printf(Locale.ROOT, "held-out folds together: %d of %d spam (%.1f %%), %d of %d ham at or above %.0f%n",
                caught, spam, 100.0 * caught / spam, fp, ham, SPAM_AT);
        int[] all = choose(rows, margin);
        Score s = score(rows, all, margin);
        System.out.printf(Locale.ROOT, "chosen on all five folds (to ship): %s, %d of %d spam%n", describe(all),
                s.caught(), s.spam());
    }

    static List<Row> read(Path ratings) throws IOException {
        List<Row> rows = new ArrayList<>();
        List<String> lines = Files.readAllLines(ratings);
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split("\t", -1);
            double others = 0;
            double rules = 0;
            int band = -1;
            for (String sym : f[4].isEmpty() ? new String[0] : f[4].split(",")) {
                int eq = sym.lastIndexOf('=');
                String name = sym.substring(0, eq);
                int b = List.of(BANDS).indexOf(name);
                double weight = Double.parseDouble(sym.substring(eq + 1));
                if (b >= 0) {
                    band = b;
                } else if (name.startsWith("BAYES_") || name.equals("GTUBE") || name.equals("MASS_MAILING")
                        || weight <= 0) {
                    others += weight; // the ham bands, GTUBE and the weight-0 symbols as they are
                } else {
                    rules += weight; // a starter rule's symbol
                }
            }
            rows.add(new Row(f[0].startsWith("spam"), Integer.parseInt(f[2]), rules, others, band));
        }
        return rows;
    }

    /** The admissible combination that catches the most spam; ties go to the lower weights. */
    static int[] choose(List<Row> rows, double margin) {
        int[] best = null;
        int bestCaught = -1;
        int[] w = new int[BANDS.length + 1];
        for (int scale = 0; scale < RULE_SCALES.length; scale++) {
        w[BANDS.length] = scale;
        for (int a : GRID[0]) {
            for (int b : GRID[1]) {
                for (int c : GRID[2]) {
                    for (int d : GRID[3]) {
                        for (int e : GRID[4]) {
                            if (!(a <= b && b <= c && c <= d && d <= e)) {
                                continue; // a more certain band never weighs less
                            }
                            w[0] = a;
                            w[1] = b;
                            w[2] = c;
                            w[3] = d;
                            w[4] = e;
                            Score s = score(rows, w, margin);
                            if (s.admissible() && s.caught() > bestCaught) {
                                bestCaught = s.caught();
                                best = w.clone();
                            }
                        }
                    }
                }
            }
        }
        }
        if (best == null) {
            throw new IllegalStateException("no weight combination keeps the ham " + margin + " below " + SPAM_AT);
        }
        return best;
    }

    static Score score(List<Row> rows, int[] weights, double margin) {
        int caught = 0;
        int spam = 0;
        int hamAt = 0;
        int hamNear = 0;
        int ham = 0;
        for (Row r : rows) {
            double rating = Math.max(0, Math.min(100, r.others() + r.rules() * RULE_SCALES[weights[BANDS.length]]
                    + (r.band() >= 0 ? weights[r.band()] : 0)));
            if (r.spam()) {
                spam++;
                if (rating >= SPAM_AT) {
                    caught++;
                }
            } else {
                ham++;
                if (rating >= SPAM_AT) {
                    hamAt++;
                } else if (rating > SPAM_AT - margin) {
                    hamNear++;
                }
            }
        }
        return new Score(caught, spam, hamAt, hamNear, ham);
    }

    private static String describe(int[] weights) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < BANDS.length; i++) {
            sb.append(i == 0 ? "" : " ").append(BANDS[i]).append('=').append(weights[i]);
        }
        sb.append(" rules x").append(RULE_SCALES[weights[BANDS.length]]);
        return sb.toString();
    }
}
