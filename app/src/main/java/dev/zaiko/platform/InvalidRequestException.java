package dev.zaiko.platform;

/** A request that breaks a rule no annotation can express (e.g. two fields that disagree). 400. */
public class InvalidRequestException extends RuntimeException {
    public InvalidRequestException(String detail) {
        super(detail);
    }
}
