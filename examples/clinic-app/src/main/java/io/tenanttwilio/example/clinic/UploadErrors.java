package io.tenanttwilio.example.clinic;

import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;

/**
 * A file the server does not take (over {@code spring.servlet.multipart.max-file-size}, or cut
 * off on the way) is said on the reminders page, not with an error page. The upload is read
 * before any controller is chosen, so this is an advice rather than the controller's own handler.
 * The form sends its CSRF token in its address too: a request whose body was not read still
 * carries it.
 */
@ControllerAdvice
class UploadErrors {

    static final String TOO_LARGE = "too-large";
    static final String UNREADABLE = "unreadable";

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    String tooLarge() {
        return "redirect:" + RemindersController.PATH + "?upload=" + TOO_LARGE;
    }

    @ExceptionHandler(MultipartException.class)
    String unreadable() {
        return "redirect:" + RemindersController.PATH + "?upload=" + UNREADABLE;
    }
}
