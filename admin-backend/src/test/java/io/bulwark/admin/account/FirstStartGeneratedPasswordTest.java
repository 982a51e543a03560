package io.bulwark.admin.account;

import static org.assertj.core.api.Assertions.assertThat;
import static io.bulwark.admin.support.ApiCredentials.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.bulwark.admin.TestAdminApplication;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.web.servlet.MockMvc;

/** First start without {@code bulwark.admin.initial-password}: a generated password, shown once. */
@SpringBootTest(classes = TestAdminApplication.class, properties = "bulwark.admin.initial-password=")
@AutoConfigureMockMvc
@ExtendWith(OutputCaptureExtension.class)
class FirstStartGeneratedPasswordTest {

    private static final Pattern GENERATED = Pattern.compile("Generated password: (\\S+)");

    @Autowired
    MockMvc mvc;
    @Autowired
    FirstStartAccountCreator creator;

    @Test
    void logsTheGeneratedPasswordOnceAndItWorksAtOnce(CapturedOutput output) throws Exception {
        Matcher matcher = GENERATED.matcher(output.getAll());
        assertThat(matcher.find()).as("the generated password is logged").isTrue();
        String password = matcher.group(1);
        assertThat(password).hasSize(20);

        mvc.perform(get("/api/v1/events").with(httpBasic("admin", password))).andExpect(status().isOk());

        creator.run(new DefaultApplicationArguments());
        assertThat(GENERATED.matcher(output.getAll()).results().count()).isEqualTo(1);
    }
}
