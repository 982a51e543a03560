package io.bulwark.admin.rule.preview;

import io.bulwark.events.rule.Action;
import io.bulwark.events.rule.GlobalListsView;
import io.bulwark.events.rule.RuleDefinition;
import io.bulwark.events.rule.RuleEntry;
import io.bulwark.events.rule.RuleKind;
import io.bulwark.events.rule.RuleMode;
import io.bulwark.events.scan.ModuleVerdict;
import io.bulwark.events.scan.ProtectionModule;
import io.bulwark.events.scan.ScanReport;
import io.bulwark.scan.message.Envelope;
import io.bulwark.scan.policy.Decision;
import io.bulwark.scan.policy.Disposition;
import io.bulwark.scan.policy.GlobalListsMatcher;
import io.bulwark.scan.policy.ImpactPreview;
import io.bulwark.scan.policy.ListMatch;
import io.bulwark.scan.policy.MultiGroupResolution;
import io.bulwark.scan.policy.RecipientGroup;
import io.bulwark.scan.policy.RecordedShape;
import io.bulwark.scan.policy.RuleMatcher;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The impact preview over a window of {@link PreviewColumns}, fast enough to run on every edit
 * (ADR 0038). It gives the same counts, transitions and examples as {@link ImpactPreview} judging
 * every recorded message (tested against it), by three foldings:
 *
 * <ol>
 *   <li><b>Shapes</b> ({@link Window}): messages with the same sender, client address, recipients
 *       and decision verdicts are one shape with a count (ADR 0030), folded once per window.</li>
 *   <li><b>Rules per recipient, once per rule list</b> ({@link Base}): which rule of the current
 *       list applies to each (sender, client, recipient) and the global-list match of each shape are
 *       computed once and kept while the rule list and the lists stay the same. An edit of the rule
 *       at position p can only change the rule of a recipient whose current rule is p itself or
 *       comes after p: such a recipient gets the edited rule if its new criteria match, else its
 *       current rule, or (when its current rule was p and no longer matches) the first later rule
 *       that matches, also computed once per rule list. Only the edited rule's criteria are
 *       evaluated per edit, once per distinct (sender, client, recipient).</li>
 *   <li><b>Decision classes</b>: what {@link Decision} and {@link MultiGroupResolution} read of a
 *       shape is, per distinct recipient, its rule before and after the edit and its decision
 *       verdicts, plus the shape's list match. Shapes alike in that are judged once for both rule
 *       lists, so an edit costs one pass over the shapes (array and hash work) plus a judgement per
 *       class: a few hundred for 100k messages of ordinary traffic.</li>
 * </ol>
 *
 * Examples are the earliest changed messages by scan time and queue id; their reasons are judged
 * by {@link ImpactPreview} itself on their full recorded verdicts. Not thread-safe while a preview
 * runs; {@link Window} and {@link Base} are immutable once built and may be shared.
 */
public final class FoldedPreview {
    private FoldedPreview() {
    }

    /**
     * Recorded messages of a window folded into shapes. A window is updated from the previous one
     * ({@link #update}): only segments that are new or changed are folded, the messages of
     * segments that changed or left the window are taken out of their shapes' counts, and shapes
     * keep their numbers, so a {@link Base} can be extended rather than built again.
     */
    public static final class Window {
        final PreviewColumns.Snapshot snapshot;
        final long fromHour;
        final long toHour;
        final Instant since;
        /** Shared by a window and the windows updated from it: shape numbers mean the same shapes. */
        final Object lineage;
        final List<PreviewColumns.Segment> segments = new ArrayList<>();
        /** Per segment in {@link #segments}, per message, its shape. */
        final List<int[]> shapeOf = new ArrayList<>();
        final Map<Key, Integer> index;
        int shapes;
        int[] sender;
        int[] client;
        int[] recipients;
        int[] signatures;
        long[] count;
        long messages;

        private record Key(int sender, int client, int recipients, int signatures) {
        }

        /** Folds the messages of {@code snapshot} scanned from the start of {@code fromHour} through {@code toHour}. */
        public Window(PreviewColumns.Snapshot snapshot, long fromHour, long toHour) {
            this(null, snapshot, fromHour, toHour);
        }

        private Window(Window previous, PreviewColumns.Snapshot snapshot, long fromHour, long toHour) {
            this.snapshot = snapshot;
            this.fromHour = fromHour;
            this.toHour = toHour;
            this.since = Instant.ofEpochSecond(fromHour * 3600);
            Map<PreviewColumns.Segment, int[]> kept = new IdentityHashMap<>();
            if (previous == null) {
                lineage = new Object();
                index = new HashMap<>();
                sender = new int[1024];
                client = new int[1024];
                recipients = new int[1024];
                signatures = new int[1024];
                count = new long[1024];
            } else {
                lineage = previous.lineage;
                index = new HashMap<>(previous.index);
                shapes = previous.shapes;
                sender = previous.sender.clone();
                client = previous.client.clone();
                recipients = previous.recipients.clone();
                signatures = previous.signatures.clone();
                count = previous.count.clone();
                messages = previous.messages;
                java.util.Set<PreviewColumns.Segment> now = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
                now.addAll(snapshot.segments());
                for (int g = 0; g < previous.segments.size(); g++) {
                    PreviewColumns.Segment old = previous.segments.get(g);
                    int[] of = previous.shapeOf.get(g);
                    if (now.contains(old) && old.hour() >= fromHour && old.hour() <= toHour) {
                        kept.put(old, of);
                    } else {
                        for (int shape : of) {
                            count[shape]--; // replaced by a longer copy, or out of the window
                        }
                        messages -= of.length;
                    }
                }
            }
            for (PreviewColumns.Segment s : snapshot.segments()) {
                if (s.hour() < fromHour || s.hour() > toHour) {
                    continue;
                }
                int[] of = kept.get(s);
                if (of == null) {
                    of = fold(s);
                    messages += s.size();
                }
                segments.add(s);
                shapeOf.add(of);
            }
        }

        /** This window brought up to {@code snapshot} and the hours given (this one when nothing changed). */
        public Window update(PreviewColumns.Snapshot s, long from, long to) {
            if (covers(s, from, to)) {
                return this;
            }
            Window next = new Window(this, s, from, to);
            // shapes whose messages all left the window keep their numbers; start afresh once they dominate
            return next.shapes > 2 * next.shapes() + 4096 ? new Window(s, from, to) : next;
        }

        private int[] fold(PreviewColumns.Segment s) {
            int[] of = new int[s.size()];
            for (int i = 0; i < s.size(); i++) {
                Key k = new Key(s.sender()[i], s.client()[i], s.recipients()[i], s.signatures()[i]);
                Integer shape = index.get(k);
                if (shape == null) {
                    shape = shapes++;
                    index.put(k, shape);
                    grow();
                    sender[shape] = k.sender();
                    client[shape] = k.client();
                    recipients[shape] = k.recipients();
                    signatures[shape] = k.signatures();
                }
                count[shape]++;
                of[i] = shape;
            }
            return of;
        }

        private void grow() {
            if (shapes > sender.length) {
                int n = sender.length * 2;
                sender = Arrays.copyOf(sender, n);
                client = Arrays.copyOf(client, n);
                recipients = Arrays.copyOf(recipients, n);
                signatures = Arrays.copyOf(signatures, n);
                count = Arrays.copyOf(count, n);
            }
        }

        /** The first hour counted (hours since the epoch). */
        public long fromHour() {
            return fromHour;
        }

        /** Whether this folds the same snapshot and hours. */
        public boolean covers(PreviewColumns.Snapshot s, long from, long to) {
            return snapshot.version() == s.version() && fromHour == from && toHour == to;
        }

        /** The first moment counted. */
        public Instant since() {
            return since;
        }

        /** Distinct shapes with messages in the window. */
        public int shapes() {
            int live = 0;
            for (int i = 0; i < shapes; i++) {
                live += count[i] > 0 ? 1 : 0;
            }
            return live;
        }

        /** Every decision-verdict id the shapes name. */
        public java.util.Set<String> signatureIds() {
            java.util.Set<String> ids = new java.util.HashSet<>();
            java.util.Set<Integer> seen = new java.util.HashSet<>();
            for (int i = 0; i < shapes; i++) {
                if (seen.add(signatures[i])) {
                    ids.addAll(snapshot.lists().value(signatures[i]));
                }
            }
            return ids;
        }
    }

    /**
     * What a window comes to under the rule list and global lists as they are, kept across edits:
     * per shape the list match and, per distinct recipient, the rule that applies.
     */
    public static final class Base {
        final Window window;
        final List<RuleEntry> rules;
        final GlobalListsView globalLists;
        final Map<String, List<ModuleVerdict>> verdicts;
        final RuleMatcher matcher;
        final Map<String, Integer> sigIndex = new HashMap<>();
        final Map<ListMatch, Integer> listIndex = new HashMap<>();
        final Map<Long, Integer> listByPair = new HashMap<>();
        /** Rule per (sender, client, recipient) under {@link #rules}; shared by the bases extended from one another. */
        final Map<Long, Integer> ruleByTriple;
        final Map<String, Integer> indexOf = new HashMap<>();
        /** Per shape: distinct recipients (dictionary ids) in envelope order of first appearance. */
        final int[][] distinct;
        /** Per shape: per distinct recipient, its decision-verdict id's index in {@link #sigs}. */
        final int[][] sigOf;
        /** Per shape: per distinct recipient, the index in {@link #rules} of its rule now. */
        final int[][] ruleOf;
        /** Per shape: index in {@link #listMatches}. */
        final int[] listOf;
        final List<ListMatch> listMatches = new ArrayList<>();
        final List<List<ModuleVerdict>> sigs = new ArrayList<>();
        final Map<String, Map<Long, Integer>> nextAfter;
        final PreviewColumns.Dictionary<String> rcptIds;

        /**
         * What {@code window} comes to under {@code rules} and {@code globalLists}, extending
         * {@code previous} (built for an earlier window of the same lineage under the same rules
         * and lists: only the shapes added since are computed), or from scratch when it is null
         * or does not fit.
         *
         * @param verdictReader reads decision verdicts by id
         */
        public Base(Window window, List<RuleEntry> rules, GlobalListsView globalLists,
                Function<java.util.Collection<String>, Map<String, List<ModuleVerdict>>> verdictReader,
                Base previous) {
            this.window = window;
            this.rules = List.copyOf(rules);
            this.globalLists = globalLists;
            boolean extend = previous != null && previous.window.lineage == window.lineage
                    && previous.rules.equals(this.rules) && previous.globalLists.equals(globalLists);
            this.matcher = extend ? previous.matcher : new RuleMatcher(this.rules);
            for (int i = 0; i < this.rules.size(); i++) {
                indexOf.put(this.rules.get(i).ruleId(), i);
            }
            int n = window.shapes;
            int from = extend ? previous.distinct.length : 0;
            distinct = new int[n][];
            sigOf = new int[n][];
            ruleOf = new int[n][];
            listOf = new int[n];
            if (extend) {
                System.arraycopy(previous.distinct, 0, distinct, 0, from);
                System.arraycopy(previous.sigOf, 0, sigOf, 0, from);
                System.arraycopy(previous.ruleOf, 0, ruleOf, 0, from);
                System.arraycopy(previous.listOf, 0, listOf, 0, from);
                listMatches.addAll(previous.listMatches);
                sigs.addAll(previous.sigs);
                sigIndex.putAll(previous.sigIndex);
                listIndex.putAll(previous.listIndex);
                listByPair.putAll(previous.listByPair);
                ruleByTriple = previous.ruleByTriple;
                rcptIds = previous.rcptIds;
                nextAfter = previous.nextAfter;
                verdicts = new HashMap<>(previous.verdicts);
            } else {
                ruleByTriple = new java.util.concurrent.ConcurrentHashMap<>();
                rcptIds = new PreviewColumns.Dictionary<>();
                nextAfter = new java.util.concurrent.ConcurrentHashMap<>();
                verdicts = new HashMap<>();
            }
            PreviewColumns.Dictionary<List<String>> dict = window.snapshot.lists();
            java.util.Set<String> missing = new java.util.HashSet<>();
            java.util.Set<Integer> seenLists = new java.util.HashSet<>();
            for (int s = from; s < n; s++) {
                if (seenLists.add(window.signatures[s])) {
                    for (String id : dict.value(window.signatures[s])) {
                        if (!verdicts.containsKey(id)) {
                            missing.add(id);
                        }
                    }
                }
            }
            if (!missing.isEmpty()) {
                verdicts.putAll(verdictReader.apply(missing));
            }
            GlobalListsMatcher lists = new GlobalListsMatcher(globalLists);
            PreviewColumns.Dictionary<String> strings = window.snapshot.strings();
            for (int s = from; s < n; s++) {
                String sender = strings.value(window.sender[s]);
                String client = strings.value(window.client[s]);
                List<String> rcpts = dict.value(window.recipients[s]);
                List<String> sigIds = dict.value(window.signatures[s]);
                long pair = pack(window.sender[s], window.client[s], 0);
                Integer list = listByPair.get(pair);
                if (list == null) {
                    // the list match reads the sender and client only (GlobalListsMatcher)
                    ListMatch m = lists.match(new Envelope(sender, rcpts, client, null));
                    list = listIndex.computeIfAbsent(m, k -> {
                        listMatches.add(k);
                        return listMatches.size() - 1;
                    });
                    listByPair.put(pair, list);
                }
                listOf[s] = list;
                int[] d = new int[rcpts.size()];
                int[] g = new int[rcpts.size()];
                int[] r = new int[rcpts.size()];
                int k = 0;
                for (int i = 0; i < rcpts.size(); i++) {
                    String rcpt = rcpts.get(i);
                    int rid = rcptIds.id(rcpt);
                    boolean repeated = false;
                    for (int j = 0; j < k && !repeated; j++) {
                        repeated = d[j] == rid;
                    }
                    if (repeated) {
                        continue; // a repeated recipient has its first appearance's verdicts and outcome
                    }
                    d[k] = rid;
                    g[k] = sigIndex.computeIfAbsent(sigIds.get(i), id -> {
                        sigs.add(verdicts.get(id));
                        return sigs.size() - 1;
                    });
                    r[k] = ruleByTriple.computeIfAbsent(pack(window.sender[s], window.client[s], rid),
                            t -> indexOf.get(matcher.ruleFor(sender, client, rcpt).ruleId()));
                    k++;
                }
                distinct[s] = k == d.length ? d : Arrays.copyOf(d, k);
                sigOf[s] = k == g.length ? g : Arrays.copyOf(g, k);
                ruleOf[s] = k == r.length ? r : Arrays.copyOf(r, k);
            }
        }

        /** As {@link #Base(Window, List, GlobalListsView, Function, Base)} from scratch, with the verdicts given. */
        public Base(Window window, List<RuleEntry> rules, GlobalListsView globalLists,
                Map<String, List<ModuleVerdict>> verdicts) {
            this(window, rules, globalLists, ids -> verdicts, null);
        }

        /** Whether this was built for the same window, rules and lists. */
        public boolean covers(Window w, List<RuleEntry> currentRules, GlobalListsView currentLists) {
            // a Base is only ever read after construction, so sharing it between threads is safe
            return window == w && rules.equals(currentRules) && globalLists.equals(currentLists);
        }

        /** The first rule after {@code p} (or the Default) for a sender, client and recipient. */
        int nextAfter(int p, int shape, int rcpt) {
            RuleEntry edited = rules.get(p);
            Map<Long, Integer> memo = nextAfter.computeIfAbsent(edited.ruleId(), id -> new java.util.concurrent.ConcurrentHashMap<>());
            long triple = pack(window.sender[shape], window.client[shape], rcpt);
            Integer known = memo.get(triple);
            if (known == null) {
                List<RuleEntry> after = new ArrayList<>();
                for (int i = 0; i < rules.size(); i++) {
                    if (i > p || rules.get(i).kind() == RuleKind.DEFAULT) {
                        after.add(rules.get(i));
                    }
                }
                RuleMatcher later = new RuleMatcher(after);
                known = indexOf.get(later.ruleFor(window.snapshot.strings().value(window.sender[shape]),
                        window.snapshot.strings().value(window.client[shape]), rcptIds.value(rcpt)).ruleId());
                memo.put(triple, known);
            }
            return known;
        }
    }

    private static long pack(int a, int b, int c) {
        if (a >= 1 << 21 || b >= 1 << 21 || c >= 1 << 21) {
            // more than two million distinct senders, clients or recipients: keys would collide
            throw new IllegalStateException("too many distinct addresses for the preview's keys");
        }
        return ((long) a << 42) | ((long) b << 21) | c;
    }

    /**
     * Previews replacing one rule of the base's rule list by {@code editedRule}.
     *
     * @param fullVerdicts the full recorded verdicts by id (read for the examples only)
     */
    public static ImpactPreview.Result preview(Base base, RuleEntry editedRule, int exampleLimit,
            Function<java.util.Collection<String>, Map<String, List<ModuleVerdict>>> fullVerdicts) {
        Integer p = base.indexOf.get(editedRule.ruleId());
        if (p == null) {
            throw new IllegalArgumentException("no rule " + editedRule.ruleId() + " in the rule list");
        }
        Window w = base.window;
        boolean editsDefault = editedRule.kind() == RuleKind.DEFAULT;
        RuleMatcher alone = new RuleMatcher(List.of(editedRule, defaultOf(base.rules)));
        Map<Long, Boolean> matches = new HashMap<>();
        PreviewColumns.Dictionary<String> strings = w.snapshot.strings();
        Map<ClassKey, Integer> classIndex = new HashMap<>();
        List<int[]> classes = new ArrayList<>();
        List<long[]> classCount = new ArrayList<>();
        int[] classOf = new int[w.shapes];
        for (int s = 0; s < w.shapes; s++) {
            if (w.count[s] == 0) {
                classOf[s] = -1; // no message of the window has this shape any more
                continue;
            }
            int[] rcpts = base.distinct[s];
            int[] key = new int[1 + 3 * rcpts.length];
            key[0] = base.listOf[s];
            for (int i = 0; i < rcpts.length; i++) {
                int before = base.ruleOf[s][i];
                int after = before;
                if (!editsDefault && rank(base, before) >= p) {
                    int shape = s;
                    int rcpt = rcpts[i];
                    boolean match = matches.computeIfAbsent(pack(w.sender[s], w.client[s], rcpt), k -> alone.ruleFor(
                            strings.value(w.sender[shape]), strings.value(w.client[shape]),
                            base.rcptIds.value(rcpt)) == editedRule);
                    after = match ? p : before != p ? before : base.nextAfter(p, s, rcpt);
                }
                key[1 + 3 * i] = before;
                key[2 + 3 * i] = after;
                key[3 + 3 * i] = base.sigOf[s][i];
            }
            ClassKey k = new ClassKey(key);
            Integer c = classIndex.get(k);
            if (c == null) {
                c = classes.size();
                classIndex.put(k, c);
                classes.add(key);
                classCount.add(new long[1]);
            }
            classCount.get(c)[0] += w.count[s];
            classOf[s] = c;
        }
        List<RuleEntry> afterRules = new ArrayList<>(base.rules);
        afterRules.set(p, editedRule);
        Map<RuleEntry, Map<Long, Disposition>> judged = new IdentityHashMap<>();
        long messages = 0;
        long changed = 0;
        long withoutVerdicts = 0;
        Map<String, Integer> transitions = new TreeMap<>();
        boolean[] changes = new boolean[classes.size()];
        for (int c = 0; c < classes.size(); c++) {
            int[] key = classes.get(c);
            long count = classCount.get(c)[0];
            messages += count;
            ListMatch match = base.listMatches.get(key[0]);
            String[] before = outcomes(key, 1, base.rules, base, match, judged);
            String[] after = outcomes(key, 2, afterRules, base, match, judged);
            if (lacksVerdicts(key, p, editedRule, base)) {
                withoutVerdicts += count;
            }
            for (int i = 0; i < before.length; i++) {
                if (!before[i].equals(after[i])) {
                    transitions.merge(before[i] + " -> " + after[i], Math.toIntExact(count), Integer::sum);
                    changes[c] = true;
                }
            }
            if (changes[c]) {
                changed += count;
            }
        }
        // the examples: the earliest changed messages, judged again by ImpactPreview on their full verdicts
        TreeMap<RecordedShape.ExampleRef, RecordedShape> earliest = new TreeMap<>(Comparator
                .comparing(RecordedShape.ExampleRef::at, Comparator.nullsFirst(Comparator.naturalOrder()))
                .thenComparing(RecordedShape.ExampleRef::queueId));
        for (int g = 0; g < w.segments.size(); g++) {
            PreviewColumns.Segment seg = w.segments.get(g);
            int[] of = w.shapeOf.get(g);
            for (int i = 0; i < seg.size(); i++) {
                int shape = of[i];
                if (!changes[classOf[shape]]) {
                    continue;
                }
                Instant at = Instant.ofEpochSecond(seg.seconds()[i], seg.nanos()[i]);
                if (earliest.size() == exampleLimit) {
                    RecordedShape.ExampleRef lastRef = earliest.lastKey();
                    int cmp = at.compareTo(lastRef.at());
                    if (cmp > 0 || cmp == 0 && seg.queueIds()[i].compareTo(lastRef.queueId()) >= 0) {
                        continue;
                    }
                }
                RecordedShape.ExampleRef ref = new RecordedShape.ExampleRef(seg.queueIds()[i], at,
                        w.snapshot.lists().value(seg.full()[i]));
                earliest.put(ref, new RecordedShape(strings.value(w.sender[shape]), strings.value(w.client[shape]),
                        w.snapshot.lists().value(w.recipients[shape]), w.snapshot.lists().value(w.signatures[shape]),
                        1, List.of(ref)));
                if (earliest.size() > exampleLimit) {
                    earliest.pollLastEntry();
                }
            }
        }
        ImpactPreview examples = new ImpactPreview(base.rules, editedRule, base.globalLists, exampleLimit);
        earliest.values().forEach(shape -> examples.add(shape, base.verdicts::get));
        Map<String, List<ModuleVerdict>> full = fullVerdicts.apply(examples.exampleVerdicts());
        List<ImpactPreview.Example> shown = examples.result(full::get).examples();
        return new ImpactPreview.Result(Math.toIntExact(messages), Math.toIntExact(changed),
                Math.toIntExact(withoutVerdicts), transitions, shown);
    }

    private static RuleEntry defaultOf(List<RuleEntry> rules) {
        return rules.stream().filter(r -> r.kind() == RuleKind.DEFAULT).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("the rule list has no Default rule"));
    }

    /** Where a rule stands in matching: its index, the Default after every other rule. */
    private static int rank(Base base, int index) {
        return base.rules.get(index).kind() == RuleKind.DEFAULT ? Integer.MAX_VALUE : index;
    }

    /**
     * Per distinct recipient of a class, its outcome under {@code rules}, where {@code offset} 1
     * takes the rules before the edit from the key and 2 those after: the recipients are grouped by
     * rule in order of first appearance, a group is judged on its first recipient's verdicts, and
     * the groups are resolved into one SMTP answer, as the gateway's DATA stage does.
     */
    private static String[] outcomes(int[] key, int offset, List<RuleEntry> rules, Base base, ListMatch match,
            Map<RuleEntry, Map<Long, Disposition>> judged) {
        int n = (key.length - 1) / 3;
        Map<Integer, List<String>> byRule = new LinkedHashMap<>();
        Map<Integer, Integer> firstSig = new HashMap<>();
        for (int i = 0; i < n; i++) {
            int rule = key[offset + 3 * i];
            byRule.computeIfAbsent(rule, k -> new ArrayList<>()).add(Integer.toString(i));
            firstSig.putIfAbsent(rule, key[3 + 3 * i]);
        }
        List<RecipientGroup> groups = new ArrayList<>();
        List<Disposition> dispositions = new ArrayList<>();
        for (Map.Entry<Integer, List<String>> e : byRule.entrySet()) {
            RuleEntry rule = rules.get(e.getKey());
            int sig = firstSig.get(e.getKey());
            groups.add(new RecipientGroup(rule, e.getValue()));
            long memo = ((long) sig << 32) | key[0];
            dispositions.add(judged.computeIfAbsent(rule, r -> new HashMap<>()).computeIfAbsent(memo,
                    k -> Decision.decide(new ScanReport(Objects.requireNonNull(base.sigs.get(sig),
                            "decision verdicts missing"), Map.of(), 0), rule, match)));
        }
        MultiGroupResolution.Resolved resolved = MultiGroupResolution.resolve(groups, dispositions);
        String[] out = new String[n];
        for (var o : resolved.groups()) {
            String outcome = resolved.deferData() ? "DEFER"
                    : resolved.rejectData() ? Action.REJECT.name() : o.applied().name();
            for (String i : o.group().recipients()) {
                out[Integer.parseInt(i)] = outcome;
            }
        }
        return out;
    }

    /** As ImpactPreview: the edited rule, in scan mode, applies to a recipient lacking a verdict of a module it enables. */
    private static boolean lacksVerdicts(int[] key, int p, RuleEntry editedRule, Base base) {
        RuleDefinition def = editedRule.definition();
        if (def.mode() != RuleMode.SCAN) {
            return false;
        }
        int n = (key.length - 1) / 3;
        for (int i = 0; i < n; i++) {
            if (key[2 + 3 * i] != p) {
                continue;
            }
            List<ModuleVerdict> verdicts = base.sigs.get(key[3 + 3 * i]);
            for (ProtectionModule m : ProtectionModule.values()) {
                if (def.moduleEnabled(m) && verdicts.stream().noneMatch(v -> v.module() == m)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** A decision class: list match, then per distinct recipient its rule before, rule after and decision verdicts. */
    private record ClassKey(int[] key) {
        @Override
        public boolean equals(Object o) {
            return o instanceof ClassKey k && Arrays.equals(key, k.key);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(key);
        }
    }
}
