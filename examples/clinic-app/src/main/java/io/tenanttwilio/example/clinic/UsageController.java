package io.tenanttwilio.example.clinic;

import io.tenanttwilio.TenantTwilioClient;
import io.tenanttwilio.TenantTwilioException;
import io.tenanttwilio.account.AccountInfo;
import io.tenanttwilio.audit.AuditQuery;
import io.tenanttwilio.guardrails.QuotaStatus;
import io.tenanttwilio.guardrails.UsageReport;
import java.nio.charset.StandardCharsets;
import java.time.YearMonth;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Usage: a month's messages in and out, segments, cost, the quota used against the limit, a chart
 * of the last six months, the Twilio balance, the organization's alerts and its audit trail.
 */
@Controller
@RequestMapping("/usage")
class UsageController {

    static final int CHART_MONTHS = 6;

    /** The most recent audit events shown. */
    static final int AUDIT_PAGE = 30;

    private final Staff staff;
    private final AlertLog alerts;

    UsageController(Staff staff, AlertLog alerts) {
        this.staff = staff;
        this.alerts = alerts;
    }

    /** One bar group of the chart: a month's messages in and out, as heights in pixels. */
    public record Bar(String label, long received, long sent, int receivedHeight, int sentHeight) {}

    @GetMapping
    String page(@RequestParam(required = false) @Nullable YearMonth month, Model model) {
        TenantTwilioClient client = staff.client();
        YearMonth shown = month != null ? month : YearMonth.from(ZonedDateTime.now(staff.zone()));
        UsageReport report = client.usage(shown);
        QuotaStatus quota = client.quota();
        model.addAttribute("month", shown);
        model.addAttribute("previous", shown.minusMonths(1));
        model.addAttribute("next", shown.plusMonths(1));
        model.addAttribute("report", report);
        model.addAttribute("quota", quota);
        model.addAttribute("bars", bars(client, shown));
        AccountInfo account = null;
        try {
            account = client.account();
        } catch (TenantTwilioException e) {
            model.addAttribute("accountError", staff.explain(e));
        }
        model.addAttribute("account", account);
        model.addAttribute("alerts", alerts.of(staff.tenant()));
        model.addAttribute(
                "audit",
                client.auditTrail(AuditQuery.newestFirst().limit(AUDIT_PAGE)).items());
        model.addAttribute("locale", staff.locale());
        return "usage";
    }

    private static List<Bar> bars(TenantTwilioClient client, YearMonth last) {
        List<UsageReport> reports = new ArrayList<>();
        for (int i = CHART_MONTHS - 1; i >= 0; i--) {
            reports.add(i == 0 ? client.usage(last) : client.usage(last.minusMonths(i)));
        }
        long max = 1;
        for (UsageReport report : reports) {
            max = Math.max(max, Math.max(report.received(), report.sent()));
        }
        List<Bar> bars = new ArrayList<>();
        for (UsageReport report : reports) {
            bars.add(new Bar(
                    YearMonth.from(report.from()).toString(),
                    report.received(),
                    report.sent(),
                    (int) (120 * report.received() / max),
                    (int) (120 * report.sent() / max)));
        }
        return bars;
    }

    @GetMapping("/export.csv")
    ResponseEntity<byte[]> export(@RequestParam YearMonth month) {
        UsageReport report = staff.client().usage(month);
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        "attachment; filename=\"usage-" + staff.tenant().value() + "-" + month + ".csv\"")
                .body(UsageReport.toCsv(List.of(report)).getBytes(StandardCharsets.UTF_8));
    }
}
