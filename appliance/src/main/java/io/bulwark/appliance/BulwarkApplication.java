package io.bulwark.appliance;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The single-process appliance: SMTP gateway, admin backend, console and embedded store in one JVM. */
@SpringBootApplication(scanBasePackages = "io.bulwark")
// Vaadin looks for @Route classes in the auto-configuration packages, which would otherwise be only
// this class's package; the console's views live in io.bulwark.console.
@AutoConfigurationPackage(basePackages = "io.bulwark")
public class BulwarkApplication {
    public static void main(String[] args) {
        // A mail gateway must not contact third parties on its own: switch off Axon's update
        // checker unless the operator explicitly set the property.
        if (System.getProperty("axoniq.update-checker.disabled") == null) {
            System.setProperty("axoniq.update-checker.disabled", "true");
        }
        SpringApplication.run(BulwarkApplication.class, args);
    }
}
