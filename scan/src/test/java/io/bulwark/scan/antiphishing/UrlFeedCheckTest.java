package io.bulwark.scan.antiphishing;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.events.scan.ModuleVerdict;
import io.bulwark.events.scan.ScanStatus;
import io.bulwark.scan.testing.CheckHarness;
import io.bulwark.scan.testing.TestMessages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A link listed in a feed file is a malicious link, whatever else the message says. */
class UrlFeedCheckTest {
    @TempDir
    Path dir;

    @Test
    void aUrlListedInAFeedFileYieldsMaliciousLink() throws Exception {
        Path phish = dir.resolve("openphish.txt");
        Path malware = dir.resolve("urlhaus.txt");
        Files.writeString(phish, "https://login.phish.test/verify\n");
        Files.writeString(malware, "malware.test\n");
        UrlFeed phishing = new UrlFeed("openphish", phish);
        UrlFeedCheck check = new UrlFeedCheck(List.of(phishing), List.of(new UrlFeed("urlhaus", malware)));
        try (CheckHarness h = new CheckHarness(check, DeceptiveLinkCheckTest.SERVICES)) {
            ModuleVerdict listed = h.verdict(TestMessages.plain("t", "Please verify: https://login.phish.test/verify"));
            assertThat(listed.statuses()).contains(ScanStatus.MALICIOUS_LINK);
            assertThat(listed.reasons()).containsExactly(
                    "link to login.phish.test is listed in phishing feed openphish (https://login.phish.test/verify)");
            assertThat(phishing.hits()).isEqualTo(1);

            ModuleVerdict download = h.verdict(TestMessages.multipart("t", "Content-Type: text/html\r\n\r\n"
                    + "<img src='http://cdn.malware.test/x.gif'>\r\n"));
            assertThat(download.status()).isEqualTo(ScanStatus.MALICIOUS_LINK);
            assertThat(download.reasons().getFirst()).contains("malware feed urlhaus (malware.test)");

            assertThat(h.verdict(TestMessages.plain("t", "https://example.org/")).status()).isEqualTo(ScanStatus.CLEAN);
        }
    }
}
