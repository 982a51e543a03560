package io.bulwark.appliance;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The single-process appliance: SMTP gateway, admin backend, console and embedded store in one JVM. */
@SpringBootApplication(scanBasePackages = "io.bulwark")
public class BulwarkApplication {
    public static void main(String[] args) {
        SpringApplication.run(BulwarkApplication.class, args);
    }
}
