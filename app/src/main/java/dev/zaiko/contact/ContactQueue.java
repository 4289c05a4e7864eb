package dev.zaiko.contact;

/** Who calls: the operators, or the supervisors once a case is escalated. */
public enum ContactQueue {
    OPERATORS, SUPERVISORS
}
