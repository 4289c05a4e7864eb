package dev.zaiko.contact;

/**
 * How the desk reaches the customer now: by phone (with emails alongside), only in writing
 * (no phone number, a wrong number, or too many missed calls), or not any more (decided).
 */
public enum ContactMode {
    CALLS, EMAIL_ONLY, DONE
}
