package io.bulwark.admin.account;

import static io.bulwark.admin.support.ApiCredentials.httpBasic;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.bulwark.admin.TestAdminApplication;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * First start without {@code bulwark.admin.initial-password}: a generated password in a 0600 file
 * (never in the log), which works at once for one thing only: choosing a new password.
 */
@SpringBootTest(classes = TestAdminApplication.class, properties = "bulwark.admin.initial-password=")
@AutoConfigureMockMvc
@ExtendWith(OutputCaptureExtension.class)
class FirstStartGeneratedPasswordTest {
    private static final Path DATA = temporaryDirectory();

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("bulwark.data-dir", DATA::toString);
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("bulwark-first-start");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Autowired
    MockMvc mvc;
    @Autowired
    FirstStartAccountCreator creator;

    @Test
    void theGeneratedPasswordIsInAPrivateFileAndMustBeChangedBeforeAnythingElse(CapturedOutput output)
            throws Exception {
        Path file = DATA.resolve(FirstStartAccountCreator.PASSWORD_FILE);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        String password = Files.readString(file, StandardCharsets.US_ASCII).strip();
        assertThat(password).hasSize(20);
        assertThat(output.getAll()).doesNotContain(password).contains(file.toString());

        mvc.perform(get("/api/v1/accounts/me").with(httpBasic("admin", password)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.mustChangePassword").value(true));
        mvc.perform(get("/api/v1/events").with(httpBasic("admin", password)))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.error").value("password change required: POST /api/v1/accounts/admin/password"));

        mvc.perform(post("/api/v1/accounts/admin/password").with(httpBasic("admin", password))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"currentPassword\": \"" + password + "\", \"newPassword\": \"a new long passphrase\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.mustChangePassword").value(false));
        mvc.perform(get("/api/v1/events").with(httpBasic("admin", "a new long passphrase"))).andExpect(status().isOk());
        mvc.perform(get("/api/v1/events").with(httpBasic("admin", password))).andExpect(status().isUnauthorized());

        creator.run(new DefaultApplicationArguments());
        assertThat(Files.readString(file, StandardCharsets.US_ASCII).strip()).isEqualTo(password);
    }
}
