package io.bulwark.scan.antiphishing;

import com.ibm.icu.text.SpoofChecker;
import io.bulwark.scan.domain.PublicSuffixList;
import java.net.IDN;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Whether a domain imitates one of the protected domains (the gateway's relay domains and the
 * configured brands), and whether a host name mixes scripts or imitates Latin letters.
 *
 * <p>A lookalike is a registrable domain other than a protected one whose Unicode confusable
 * skeleton (UTS #39 section 4, through ICU4J's {@link SpoofChecker#getSkeleton}) equals the
 * protected one's ({@code pаypal.com} with a Cyrillic a, {@code rnicrosoft.com}), or whose first
 * label is one edit away from the protected one's (insert, delete, replace or swap two neighbours;
 * labels of five characters or more, so that short names do not collide), or a host that carries
 * the protected domain in front of another registrable domain ({@code paypal.com.evil.test}).
 *
 * <p>Immutable and thread-safe (ICU's spoof checker is safe for concurrent checks once built).
 */
public final class Lookalikes {
    private static final SpoofChecker SPOOF = new SpoofChecker.Builder().setChecks(SpoofChecker.RESTRICTION_LEVEL)
            .setRestrictionLevel(SpoofChecker.RestrictionLevel.MODERATELY_RESTRICTIVE).build();
    private static final SpoofChecker SKELETON = new SpoofChecker.Builder().build();

    /**
     * Builds ICU's spoof checkers now, on the caller's thread. The checks call it from their
     * constructors (node start-up, a platform thread): built lazily by the first message, the
     * class initialiser ran on a virtual thread while a second check's virtual thread waited for
     * it, and with both carriers pinned (class loading and initialisation pin them) the appliance
     * deadlocked on its first message. Found by hand with the appliance jar; tests load classes
     * from directories, warm, and never hit it.
     */
    public static void initialise() {
        // the static fields above are built by the time this runs
    }

    /** A protected domain with what the comparisons need, computed once. */
    private record Protected(String ascii, String site, String label, String skeleton) {
    }

    private final Set<String> protectedDomains;
    private final List<Protected> prepared;
    private final PublicSuffixList suffixes;

    /**
     * @param protectedDomains domains to defend (relay domains, brands), any case, Unicode or ASCII
     * @param suffixes         the public suffix list, to find registrable domains
     */
    public Lookalikes(List<String> protectedDomains, PublicSuffixList suffixes) {
        Set<String> set = new LinkedHashSet<>();
        for (String d : protectedDomains) {
            String ascii = ascii(d.strip());
            if (!ascii.isEmpty()) {
                set.add(ascii);
            }
        }
        this.protectedDomains = Set.copyOf(set);
        this.suffixes = suffixes;
        this.prepared = set.stream().map(p -> {
            String site = site(p, suffixes);
            return new Protected(p, site, firstLabel(site), SKELETON.getSkeleton(unicode(p)));
        }).toList();
    }

    /** The public suffix list these comparisons use. */
    PublicSuffixList suffixes() {
        return suffixes;
    }

    /** The protected domains, IDNA ASCII lower case. */
    public Set<String> protectedDomains() {
        return protectedDomains;
    }

    /** Whether the host is a protected domain or below one. */
    public boolean isProtected(String asciiHost) {
        String h = asciiHost.toLowerCase(Locale.ROOT);
        for (String p : protectedDomains) {
            if (h.equals(p) || h.endsWith("." + p)) {
                return true;
            }
        }
        return false;
    }

    /** How {@code asciiHost} imitates a protected domain, if it does. */
    public Optional<String> imitation(String asciiHost) {
        String host = asciiHost.toLowerCase(Locale.ROOT);
        if (isProtected(host)) {
            return Optional.empty();
        }
        String registrable = site(host, suffixes);
        String unicode = unicode(registrable);
        String skeleton = SKELETON.getSkeleton(unicode);
        String label = firstLabel(registrable);
        for (Protected pd : prepared) {
            String p = pd.ascii();
            if (registrable.equals(pd.site())) {
                continue; // the protected domain's own organisation (a sibling host below the same site)
            }
            if (host.startsWith(p + ".")) {
                return Optional.of("puts protected domain " + p + " in front of " + registrable);
            }
            if (skeleton.equals(pd.skeleton())) {
                return Optional.of("is a homograph of protected domain " + p + " (confusable characters: "
                        + unicode + ")");
            }
            String pLabel = pd.label();
            if (pLabel.length() >= 5 && !label.equals(pLabel) && editDistanceAtMostOne(label, pLabel)) {
                return Optional.of("is one letter away from protected domain " + p + " (" + registrable + ")");
            }
            if (pLabel.length() >= 5 && label.equals(pLabel)) {
                return Optional.of("uses the name of protected domain " + p + " under another suffix ("
                        + registrable + ")");
            }
        }
        return Optional.empty();
    }

    /**
     * Why a host's Unicode labels are suspicious, if they are: letters of several scripts in one
     * label (beyond what UTS #39's moderately restrictive level allows, e.g. Latin with Cyrillic),
     * or a non-ASCII label whose every character is confusable with Latin (a whole-script
     * imitation such as Cyrillic {@code аррӏе}).
     */
    public static Optional<String> suspiciousScript(String unicodeHost) {
        for (String label : unicodeHost.split("\\.")) {
            if (label.chars().allMatch(c -> c < 128)) {
                continue;
            }
            if (SPOOF.failsChecks(label)) {
                return Optional.of("label '" + label + "' mixes scripts");
            }
            String skeleton = SKELETON.getSkeleton(label);
            if (skeleton.matches("[a-z0-9-]+")) {
                return Optional.of("label '" + label + "' is written in look-alike letters of '" + skeleton + "'");
            }
        }
        return Optional.empty();
    }

    /**
     * The registrable domain of a host; for a name under a suffix the list does not know (a
     * private or reserved top-level domain), its last two labels.
     */
    static String site(String host, PublicSuffixList suffixes) {
        Optional<String> registrable = suffixes.registrableDomain(host);
        if (registrable.isPresent()) {
            return registrable.get();
        }
        int last = host.lastIndexOf('.');
        int before = last <= 0 ? -1 : host.lastIndexOf('.', last - 1);
        return before < 0 ? host : host.substring(before + 1);
    }

    static String firstLabel(String domain) {
        int dot = domain.indexOf('.');
        return dot < 0 ? domain : domain.substring(0, dot);
    }

    static String ascii(String domain) {
        try {
            return IDN.toASCII(domain, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return domain.toLowerCase(Locale.ROOT);
        }
    }

    static String unicode(String domain) {
        try {
            return IDN.toUnicode(domain, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return domain;
        }
    }

    /** Optimal string alignment distance of at most one (one insert, delete, replace or swap). */
    static boolean editDistanceAtMostOne(String a, String b) {
        if (Math.abs(a.length() - b.length()) > 1) {
            return false;
        }
        if (a.length() == b.length()) {
            int first = -1;
            int diffs = 0;
            for (int i = 0; i < a.length(); i++) {
                if (a.charAt(i) != b.charAt(i)) {
                    if (++diffs == 1) {
                        first = i;
                    }
                }
            }
            if (diffs <= 1) {
                return true;
            }
            return diffs == 2 && first + 1 < a.length() && a.charAt(first) == b.charAt(first + 1)
                    && a.charAt(first + 1) == b.charAt(first) && a.substring(first + 2).equals(b.substring(first + 2));
        }
        String longer = a.length() > b.length() ? a : b;
        String shorter = a.length() > b.length() ? b : a;
        int i = 0;
        while (i < shorter.length() && shorter.charAt(i) == longer.charAt(i)) {
            i++;
        }
        return shorter.substring(i).equals(longer.substring(i + 1));
    }
}
