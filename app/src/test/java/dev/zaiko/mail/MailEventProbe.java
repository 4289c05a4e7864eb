package dev.zaiko.mail;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Records the mail module's events as other modules will hear them. */
@Component
class MailEventProbe {

    private final List<EmailSent> sent = new CopyOnWriteArrayList<>();
    private final List<EmailBounced> bounced = new CopyOnWriteArrayList<>();
    private final List<EmailFailed> failed = new CopyOnWriteArrayList<>();

    @EventListener
    void on(EmailSent event) {
        sent.add(event);
    }

    @EventListener
    void on(EmailBounced event) {
        bounced.add(event);
    }

    @EventListener
    void on(EmailFailed event) {
        failed.add(event);
    }

    List<EmailSent> sent(UUID id) {
        return sent.stream().filter(e -> e.id().equals(id)).toList();
    }

    List<EmailBounced> bounced(UUID id) {
        return bounced.stream().filter(e -> e.id().equals(id)).toList();
    }

    List<EmailFailed> failed(UUID id) {
        return failed.stream().filter(e -> e.id().equals(id)).toList();
    }
}
