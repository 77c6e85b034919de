package io.tenanttwilio.example.clinic;

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
 * thread with each message's delivery status, a reply box, a new message, and live updates.
 */
@Controller
@RequestMapping("/admin/communications")
class CommunicationsController {

    private final Staff staff;
    private final LiveUpdates live;

    CommunicationsController(Staff staff, LiveUpdates live) {
        this.staff = staff;
        this.live = live;
    }

    @GetMapping
    String page(@RequestParam(name = "c", required = false) @Nullable String conversationId, Model model) {
        inbox(model, conversationId);
        thread(model, conversationId);
        List<NumberRecord> numbers = staff.client().numbers();
        model.addAttribute("ourNumbers", numbers);
        return "communications";
    }

    @GetMapping("/fragments/inbox")
    String inboxFragment(@RequestParam(name = "c", required = false) @Nullable String conversationId, Model model) {
        inbox(model, conversationId);
        return "communications :: inbox";
    }

    @GetMapping("/fragments/thread")
    String threadFragment(@RequestParam(name = "c") String conversationId, Model model) {
        thread(model, conversationId);
        return "communications :: thread";
    }

    @GetMapping(path = "/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @ResponseBody
    SseEmitter stream() {
        return live.subscribe(staff.tenant());
    }

    private void inbox(Model model, @Nullable String selected) {
        model.addAttribute(
                "conversations",
                staff.client().conversations(ConversationQuery.open()).items());
        model.addAttribute("selected", selected);
    }

    private void thread(Model model, @Nullable String conversationId) {
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
        List<SmsMessage> messages = new ArrayList<>(
                client.messages(MessageQuery.inConversation(conversationId).limit(200))
                        .items());
        Collections.reverse(messages);
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
        send(
                client,
                conversation.get().contact().phoneNumber().e164(),
                conversation.get().ourNumber(),
                body,
                redirect);
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
            redirect.addFlashAttribute("typedBody", body);
            return Optional.empty();
        }
    }
}
