package io.bulwark.scan.senderauth.dmarc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.scan.senderauth.dmarc.DmarcVerdict.Policy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** RFC 7489 6.3, 6.4 and 6.6.3 as {@link DmarcRecord} reads them. */
class DmarcRecordTest {

    @ParameterizedTest
    @ValueSource(strings = {"v=DMARC1; p=reject", "v=DMARC1;p=none", "  v = DMARC1 ; p=none", "v=DMARC1",
            "v=DMARC1\t; p=quarantine"})
    void recordsStartingWithTheVersionTagAreDmarcRecords(String txt) {
        assertThat(DmarcRecord.isDmarc(txt)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"p=reject; v=DMARC1", "v=dmarc1; p=reject", "v=DMARC2; p=reject", "v=spf1 -all",
            "v=DMARC10; p=reject", "", "vx=DMARC1; p=reject"})
    void otherRecordsAreDiscarded(String txt) {
        assertThat(DmarcRecord.isDmarc(txt)).isFalse();
    }

    @Test
    void readsPoliciesPercentageAndAlignmentModesIgnoringUnknownAndRepeatedTags() {
        DmarcRecord r = DmarcRecord.parse("v=DMARC1; P=Reject; sp=quarantine; pct=25; adkim=s; aspf=r; x-future=1; "
                + "p=none; fo=1; rua=mailto:a@example.com; ruf=mailto:f@example.com;");
        assertThat(r).extracting(DmarcRecord::p, DmarcRecord::sp, DmarcRecord::pct, DmarcRecord::strictDkim,
                DmarcRecord::strictSpf, DmarcRecord::fallback).containsExactly(Policy.REJECT, Policy.QUARANTINE, 25, true,
                false, false);
        assertThat(r.remarks()).isEmpty();
        assertThat(r.policyFor(true)).isEqualTo(Policy.QUARANTINE);
        assertThat(r.policyFor(false)).isEqualTo(Policy.REJECT);
    }

    @Test
    void defaultsAreRelaxedAlignmentHundredPercentAndPForSubdomains() {
        DmarcRecord r = DmarcRecord.parse("v=DMARC1; p=quarantine");
        assertThat(r).extracting(DmarcRecord::sp, DmarcRecord::pct, DmarcRecord::strictDkim, DmarcRecord::strictSpf)
                .containsExactly(null, 100, false, false);
        assertThat(r.policyFor(true)).isEqualTo(Policy.QUARANTINE);
    }

    @Test
    void invalidOptionalValuesFallBackToTheirDefaultsWithARemark() {
        DmarcRecord r = DmarcRecord.parse("v=DMARC1; p=reject; pct=150; adkim=x; aspf=");
        assertThat(r).extracting(DmarcRecord::p, DmarcRecord::pct, DmarcRecord::strictDkim, DmarcRecord::strictSpf)
                .containsExactly(Policy.REJECT, 100, false, false);
        assertThat(r.remarks()).hasSize(3).anySatisfy(m -> assertThat(m).contains("pct=150"));
    }

    @Test
    void missingOrInvalidPolicyIsInvalidUnlessAValidRuaMakesItPNone() {
        assertThat(DmarcRecord.parse("v=DMARC1; rua=mailto:a@example.com")).extracting(DmarcRecord::p,
                DmarcRecord::fallback).containsExactly(Policy.NONE, true);
        DmarcRecord badSp = DmarcRecord.parse("v=DMARC1; p=reject; sp=maybe; rua=mailto:a@example.com");
        assertThat(badSp).extracting(DmarcRecord::p, DmarcRecord::sp, DmarcRecord::fallback)
                .containsExactly(Policy.NONE, null, true);
        DmarcRecord invalid = DmarcRecord.parse("v=DMARC1; p=maybe; rua=not a uri");
        assertThat(invalid.valid()).isFalse();
        assertThat(invalid.error()).contains("invalid p=maybe", "no valid rua");
        assertThat(DmarcRecord.parse("v=DMARC1").error()).contains("no p tag");
    }

    @Test
    void ruaNeedsOneAbsoluteUriOptionallyWithASizeLimit() {
        assertThat(DmarcRecord.hasValidUri("mailto:dmarc@example.com!10m")).isTrue();
        assertThat(DmarcRecord.hasValidUri("bad uri, https://example.com/report")).isTrue();
        assertThat(DmarcRecord.hasValidUri("dmarc@example.com")).isFalse();
        assertThat(DmarcRecord.hasValidUri("")).isFalse();
    }
}
