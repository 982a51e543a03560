package io.bulwark.admin;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;

/** Boots the admin backend alone, on the in-memory store of {@link InMemoryStoreConfiguration}. */
@SpringBootApplication
@Import(InMemoryStoreConfiguration.class)
public class TestAdminApplication {
}
