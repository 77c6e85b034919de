package io.tenanttwilio.example.clinic;

import io.tenanttwilio.Cursor;
import io.tenanttwilio.ErrorCode;
import io.tenanttwilio.Page;
import io.tenanttwilio.TenantTwilioClient;
import io.tenanttwilio.TenantTwilioException;
import io.tenanttwilio.messaging.Conversation;
import io.tenanttwilio.messaging.ConversationQuery;
import io.tenanttwilio.messaging.MessageQuery;
import io.tenanttwilio.messaging.SmsMessage;
import io.tenanttwilio.messaging.SmsRequest;
import io.tenanttwilio.numbers.NumberRecord;
import io.tenanttwilio.phone.PhoneNumber;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * /admin/communications: the organization's inbox (newest first, unread counts), a conversation's
 * thread with each message's delivery status, a reply box, a new message, and live updates. The
 * inbox and the thread show a page each, with a link to the next one ({@code after}: older
 * conversations; {@code earlier}: earlier messages), whose cursor the SDK made.
 */
@Controller
@RequestMapping("/admin/communications")
class CommunicationsController {

    /** Conversations per page of the inbox. */
    static final int INBOX_PAGE = 50;

    /** Messages per page of a thread. */
    static final int THREAD_PAGE = 100;

    private final Staff staff;
    private final LiveUpdates live;

    CommunicationsController(Staff staff, LiveUpdates live) {
        this.staff = staff;
        this.live = live;
    }

    @GetMapping
    String page(
            @RequestParam(name = "c", required = false) @Nullable String conversationId,
            @RequestParam(required = false) @Nullable String after,
            @RequestParam(required = false) @Nullable String earlier,
            Model model) {
        inbox(model, conversationId, after);
        thread(model, conversationId, earlier);
        List<NumberRecord> numbers = staff.client().numbers();
        model.addAttribute("ourNumbers", numbers);
        return "communications";
    }

    @GetMapping("/fragments/inbox")
    String inboxFragment(@RequestParam(name = "c", required = false) @Nullable String conversationId, Model model) {
        inbox(model, conversationId, null);
        return "communications :: inbox";
    }

    @GetMapping("/fragments/thread")
    String threadFragment(@RequestParam(name = "c") String conversationId, Model model) {
        thread(model, conversationId, null);
        return "communications :: thread";
    }

    @GetMapping(path = "/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @ResponseBody
    SseEmitter stream() {
        return live.subscribe(staff.tenant());
    }

    private void inbox(Model model, @Nullable String selected, @Nullable String after) {
        Page<Conversation> page = page(
                model,
                after,
                cursor -> staff.client()
                        .conversations(
                                ConversationQuery.open().limit(INBOX_PAGE).after(cursor)));
        model.addAttribute("conversations", page.items());
        model.addAttribute("moreAfter", page.nextCursor().map(Cursor::toString).orElse(null));
        model.addAttribute("selected", selected);
    }

    /**
     * The page after the cursor of {@code text} (from the link the page showed); the first page,
     * with the reason, when the link was altered: the SDK refuses a cursor it did not make.
     */
    private <T> Page<T> page(Model model, @Nullable String text, Function<@Nullable String, Page<T>> read) {
        try {
            return read.apply(text);
        } catch (TenantTwilioException e) {
            if (e.errorCode() != ErrorCode.INVALID_REQUEST || text == null) {
                throw e;
            }
            model.addAttribute("pageError", staff.explain(e));
            return read.apply(null);
        }
    }

    private void thread(Model model, @Nullable String conversationId, @Nullable String earlier) {
        if (conversationId == null) {
            return;
        }
        TenantTwilioClient client = staff.client();
        Optional<Conversation> conversation = client.conversation(conversationId);
        if (conversation.isEmpty()) {
            return; // another organization's conversation, or none: nothing to show
        }
        if (conversation.get().unreadCount() > 0) {
            client.markRead(conversationId);
        }
        Page<SmsMessage> page = page(
                model,
                earlier,
                cursor -> client.messages(MessageQuery.inConversation(conversationId)
                        .limit(THREAD_PAGE)
                        .after(cursor)));
        List<SmsMessage> messages = new ArrayList<>(page.items());
        Collections.reverse(messages); // oldest first, as a thread reads
        model.addAttribute("earlier", page.nextCursor().map(Cursor::toString).orElse(null));
        Conversation c = conversation.get();
        model.addAttribute("conversation", c);
        model.addAttribute("messages", messages);
        model.addAttribute("optedOut", client.isOptedOut(c.contact().phoneNumber(), c.ourNumber()));
        model.addAttribute("locale", staff.locale());
    }

    @PostMapping("/{conversationId}/reply")
    String reply(@PathVariable String conversationId, @RequestParam String body, RedirectAttributes redirect) {
        TenantTwilioClient client = staff.client();
        Optional<Conversation> conversation = client.conversation(conversationId);
        if (conversation.isEmpty()) {
            return "redirect:/admin/communications";
        }
        Optional<SmsMessage> sent = send(
                client,
                conversation.get().contact().phoneNumber().e164(),
                conversation.get().ourNumber(),
                body,
                redirect);
        if (sent.isEmpty()) {
            redirect.addFlashAttribute("typedReply", body);
        }
        return "redirect:/admin/communications?c=" + conversationId;
    }

    @PostMapping("/new")
    String newMessage(
            @RequestParam String to,
            @RequestParam String body,
            @RequestParam(required = false) @Nullable String from,
            RedirectAttributes redirect) {
        TenantTwilioClient client = staff.client();
        PhoneNumber sender = from == null || from.isBlank() ? null : PhoneNumber.ofE164(from);
        Optional<SmsMessage> sent = send(client, to, sender, body, redirect);
        if (sent.isEmpty()) {
            redirect.addFlashAttribute("typedTo", to);
            redirect.addFlashAttribute("typedBody", body);
            redirect.addFlashAttribute("typedFrom", from);
            return "redirect:/admin/communications";
        }
        return "redirect:/admin/communications?c=" + sent.get().conversationId();
    }

    private Optional<SmsMessage> send(
            TenantTwilioClient client,
            String to,
            @Nullable PhoneNumber from,
            String body,
            RedirectAttributes redirect) {
        try {
            SmsMessage sent = client.sendSms(
                    SmsRequest.to(to).body(body).from(from).sentBy(staff.user()).build());
            live.changed(staff.tenant(), sent.conversationId());
            return Optional.of(sent);
        } catch (TenantTwilioException e) {
            redirect.addFlashAttribute("sendError", staff.explain(e));
            if (e.errorCode() == ErrorCode.REGISTRATION_REQUIRED
                    || e.errorCode() == ErrorCode.TOLL_FREE_VERIFICATION_REQUIRED) {
                // The carriers would block it: the way to the registration that lets it go.
                redirect.addFlashAttribute("complianceLink", true);
            }
            return Optional.empty();
        }
    }
}
