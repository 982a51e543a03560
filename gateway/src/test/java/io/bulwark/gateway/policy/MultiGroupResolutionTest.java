package io.bulwark.gateway.policy;

import io.bulwark.scan.policy.Disposition;
import io.bulwark.scan.policy.RecipientGroup;
import io.bulwark.scan.policy.MultiGroupResolution;
import io.bulwark.scan.policy.GroupOutcome;
import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.events.rule.Action;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MultiGroupResolutionTest {

    @ParameterizedTest(name = "{0} -> reject DATA {1}, applied {2}")
    @CsvSource(delimiter = '|', value = {
            "REJECT | true | REJECT",
            "REJECT REJECT | true | REJECT REJECT",
            "REJECT SKIP | false | DELETE_MESSAGE SKIP",
            "SKIP REJECT DELETE_ATTACHMENT | false | SKIP DELETE_MESSAGE DELETE_ATTACHMENT",
            "REJECT DELETE_MESSAGE | false | DELETE_MESSAGE DELETE_MESSAGE",
            "DELETE_MESSAGE | false | DELETE_MESSAGE",
            "SKIP SKIP | false | SKIP SKIP",
            "DELETE_ATTACHMENT | false | DELETE_ATTACHMENT"})
    void rejectsTheDataOnlyWhenEveryGroupRejects(String decided, boolean rejectData, String applied) {
        List<RecipientGroup> groups = new ArrayList<>();
        List<Disposition> dispositions = new ArrayList<>();
        int i = 0;
        for (String a : decided.split(" ")) {
            groups.add(new RecipientGroup(DecisionTest.DEFAULT, List.of("r" + i++ + "@corp.example")));
            dispositions.add(new Disposition("r", "R", Action.valueOf(a), List.of(), List.of(), false, List.of(), List.of()));
        }
        MultiGroupResolution.Resolved r = MultiGroupResolution.resolve(groups, dispositions);
        assertThat(r.rejectData()).isEqualTo(rejectData);
        assertThat(r.groups()).extracting(GroupOutcome::applied)
                .containsExactlyElementsOf(Arrays.stream(applied.split(" ")).map(Action::valueOf).toList());
        assertThat(r.groups()).extracting(GroupOutcome::disposition).containsExactlyElementsOf(dispositions);
    }

    @ParameterizedTest(name = "{0} -> defer DATA {1}, reject DATA {2}")
    @CsvSource(delimiter = '|', value = {
            "SKIP! | true | false | SKIP",
            "SKIP! REJECT | true | false | SKIP REJECT",
            "REJECT DELETE_ATTACHMENT! | true | false | REJECT DELETE_ATTACHMENT",
            "SKIP SKIP | false | false | SKIP SKIP"})
    void oneDeferredGroupDefersTheWholeData(String decided, boolean deferData, boolean rejectData, String applied) {
        List<RecipientGroup> groups = new ArrayList<>();
        List<Disposition> dispositions = new ArrayList<>();
        int i = 0;
        for (String a : decided.split(" ")) {
            groups.add(new RecipientGroup(DecisionTest.DEFAULT, List.of("r" + i++ + "@corp.example")));
            dispositions.add(new Disposition("r", "R", Action.valueOf(a.replace("!", "")), List.of(), List.of(), false,
                    List.of(), List.of(), a.endsWith("!")));
        }
        MultiGroupResolution.Resolved r = MultiGroupResolution.resolve(groups, dispositions);
        assertThat(r.deferData()).isEqualTo(deferData);
        assertThat(r.rejectData()).isEqualTo(rejectData);
        assertThat(r.groups()).extracting(GroupOutcome::applied)
                .containsExactlyElementsOf(Arrays.stream(applied.split(" ")).map(Action::valueOf).toList());
    }
}
