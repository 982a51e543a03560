package io.bulwark.scan.antiphishing;

import io.bulwark.scan.antiphishing.links.WebAddress;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Known URL shorteners and open redirectors: a link through them hides its real target, which
 * cannot be learnt offline (following it would tell the sender the message was read). The list
 * is the project's own, of widely used public services; a hit is a weak signal on its own.
 */
final class Redirectors {
    /** Hosts whose every link redirects (shorteners). */
    static final Set<String> SHORTENERS = Set.of("bit.ly", "bitly.com", "tinyurl.com", "t.co", "goo.gl", "ow.ly",
            "is.gd", "v.gd", "buff.ly", "rebrand.ly", "cutt.ly", "shorturl.at", "tiny.cc", "rb.gy", "bit.do", "t.ly",
            "s.id", "qrco.de", "shorte.st", "adf.ly", "lnkd.in", "soo.gd", "clck.ru", "u.to", "x.co", "tr.im",
            "cli.gs", "short.io", "bl.ink", "db.tt", "mcaf.ee", "surl.li", "urlz.fr", "2u.pm", "tinu.be");

    /** Host and path prefix of well-known open redirectors (the target is in the query). */
    private static final Set<String> REDIRECT_PATHS = Set.of("www.google.com/url", "google.com/url",
            "l.facebook.com/l.php", "lm.facebook.com/l.php", "www.youtube.com/redirect", "l.instagram.com/",
            "away.vk.com/away.php", "www.linkedin.com/redir", "slack-redir.net/link", "href.li/");

    private Redirectors() {
    }

    /** Why the address is a shortener or redirector, if it is. */
    static Optional<String> of(WebAddress target) {
        String host = target.host();
        String bare = host.startsWith("www.") ? host.substring(4) : host;
        if (SHORTENERS.contains(bare)) {
            return Optional.of("link through URL shortener " + bare + " hides its target");
        }
        String hostPath = host + target.path().toLowerCase(Locale.ROOT);
        for (String prefix : REDIRECT_PATHS) {
            if (hostPath.startsWith(prefix)) {
                return Optional.of("link through open redirector " + prefix + " hides its target");
            }
        }
        return Optional.empty();
    }
}
