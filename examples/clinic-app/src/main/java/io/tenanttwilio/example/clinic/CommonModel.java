package io.tenanttwilio.example.clinic;

import io.tenanttwilio.phone.PhoneNumber;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What every page shows: the organization, the user, whether the simulator runs, and formatting helpers. */
@ControllerAdvice
class CommonModel {

    private final Staff staff;
    private final ObjectProvider<io.tenanttwilio.test.simulator.TwilioSimulator> simulator;

    CommonModel(Staff staff, ObjectProvider<io.tenanttwilio.test.simulator.TwilioSimulator> simulator) {
        this.staff = staff;
        this.simulator = simulator;
    }

    @ModelAttribute("signedIn")
    boolean signedIn() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null
                && authentication.isAuthenticated()
                && !"anonymousUser".equals(authentication.getName());
    }

    @ModelAttribute("organization")
    String organization() {
        return signedIn() ? staff.organizationName() : "";
    }

    @ModelAttribute("user")
    String user() {
        return signedIn() ? staff.user() : "";
    }

    @ModelAttribute("simulatorMode")
    boolean simulatorMode() {
        return simulator.getIfAvailable() != null;
    }

    @ModelAttribute("fmt")
    Formats formats() {
        return new Formats(staff.locale(), signedIn() ? staff.zone() : ZoneId.of("UTC"));
    }

    /** Formatting for the templates, in the person's language and the organization's time zone. */
    public static final class Formats {
        private final Locale locale;
        private final ZoneId zone;

        Formats(Locale locale, ZoneId zone) {
            this.locale = locale;
            this.zone = zone;
        }

        public String phone(PhoneNumber number) {
            return number.internationalFormat();
        }

        public String time(Instant instant) {
            return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.SHORT)
                    .withLocale(locale)
                    .format(instant.atZone(zone));
        }

        public String lang() {
            return locale.getLanguage();
        }
    }
}
