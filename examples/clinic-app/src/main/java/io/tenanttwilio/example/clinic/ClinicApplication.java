package io.tenanttwilio.example.clinic;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The clinic app. {@code ./mvnw -pl examples/clinic-app -am spring-boot:run} starts it on
 * http://localhost:8080 with an embedded Twilio simulator and an H2 database under {@code ./data}.
 */
@SpringBootApplication
public class ClinicApplication {

    public static void main(String[] args) {
        SpringApplication.run(ClinicApplication.class, args);
    }
}
