package dev.zaiko.platform;

/** Something the caller named does not exist. Rendered as 404. */
public class NotFoundException extends RuntimeException {
    public NotFoundException(String detail) {
        super(detail);
    }
}
