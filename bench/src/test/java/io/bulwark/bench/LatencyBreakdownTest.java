package io.bulwark.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import jdk.jfr.Event;
import jdk.jfr.Name;
import jdk.jfr.Recording;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The breakdown read from a real flight recording of events named as the appliance names them
 * (the classes there are package-private; JFR matches events by name).
 */
class LatencyBreakdownTest {

    @Name("io.bulwark.IntakeStage")
    static final class Stage extends Event {
        String stage;
        String queueId;
    }

    @Name("io.bulwark.DnsQuestion")
    static final class Question extends Event {
        String type;
        String result;
    }

    @Name("io.bulwark.CheckRun")
    static final class CheckRun extends Event {
        String check;
        String module;
        String outcome;
    }

    @Test
    void countsTheQuestionsAskedWhileTheContentArrivedAndWhileTheMessageWasJudged(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("r.jfr");
        try (Recording recording = new Recording()) {
            recording.enable("io.bulwark.IntakeStage");
            recording.enable("io.bulwark.DnsQuestion");
            recording.enable("io.bulwark.CheckRun");
            recording.start();
            for (int message = 0; message < 2; message++) {
                Stage spool = begin("spool");
                Question early = question();
                early.commit();
                spool.commit();
                Stage judge = begin("judge");
                Question late = question();
                late.commit();
                CheckRun spf = new CheckRun();
                spf.begin();
                spf.check = "spf";
                spf.commit();
                judge.commit();
            }
            recording.stop();
            recording.dump(file);
        }
        LatencyBreakdown breakdown = new LatencyBreakdown();
        breakdown.read(file);
        String table = breakdown.render();

        for (String row : new String[] {"| started while the content was spooled | 1.00 |",
                "| started while the message was judged | 1.00 |", "| spool | 2 |", "| judge | 2 |", "| spf | 2 |",
                "| DNS question TXT | 4 |"}) {
            assertTrue(table.contains(row), () -> row + " missing from\n" + table);
        }
    }

    private static Stage begin(String name) {
        Stage s = new Stage();
        s.stage = name;
        s.begin();
        return s;
    }

    private static Question question() {
        Question q = new Question();
        q.type = "TXT";
        q.result = "ok";
        q.begin();
        return q;
    }
}
