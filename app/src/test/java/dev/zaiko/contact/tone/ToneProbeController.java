package dev.zaiko.contact.tone;

import org.springframework.context.annotation.Profile;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Test profile only: an endpoint that guards a field as the contact module's own endpoints do
 * (script notes, follow-up lines), so that the 422 problem is seen as a client sees it.
 */
@RestController
@Profile("test")
class ToneProbeController {

    private final ToneGuard guard;

    ToneProbeController(ToneGuard guard) {
        this.guard = guard;
    }

    record Note(String note) {
    }

    @PostMapping("/api/test/contact/notes")
    Note save(@RequestBody Note note) {
        guard.requireClean("note", note.note());
        return note;
    }
}
