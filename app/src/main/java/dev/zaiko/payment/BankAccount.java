package dev.zaiko.payment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import dev.zaiko.platform.InvalidRequestException;

/**
 * A Japanese bank account for a payout (Zengin): bank code 4 digits, branch code 3 digits, the
 * account type, the account number as 7 digits (shorter ones are left-padded with zeros) and the
 * holder's name in half-width katakana, the form a transfer carries it in ({@code ﾔﾏﾀﾞ ﾀﾛｳ}).
 * <p>
 * Every instance is valid and normalized: the canonical constructor applies the same rules as
 * {@link #of}. The number and the name never appear in {@link #toString()}, so an account can be
 * logged; use {@link #masked()} in API answers.
 */
public record BankAccount(String bankCode, String branchCode, AccountType type, String number, String holderName) {

    /** The problem type of a refused account; its {@code errors} list every wrong field. */
    public static final String INVALID = "invalid-bank-account";

    public BankAccount {
        Fields fields = check(bankCode, branchCode, type, type == null ? Error.TYPE : null, number, holderName);
        bankCode = fields.bankCode;
        branchCode = fields.branchCode;
        number = fields.number;
        holderName = fields.holderName;
    }

    /**
     * Checks every field at once and normalizes them (full-width digits, a number shorter than 7
     * digits, a holder name in full-width katakana).
     *
     * @param type {@code ORDINARY}, {@code CHECKING} or {@code SAVINGS}, in any case, or 普通, 当座, 貯蓄
     * @throws InvalidRequestException type {@value #INVALID}, with {@code errors}: one
     *                                 {@code {"field","code","message"}} per wrong field
     */
    public static BankAccount of(String bankCode, String branchCode, String type, String number, String holderName) {
        AccountType parsed = accountType(type);
        Fields fields = check(bankCode, branchCode, parsed, parsed == null ? Error.TYPE : null, number, holderName);
        return new BankAccount(fields.bankCode, fields.branchCode, parsed, fields.number, fields.holderName);
    }

    /** For API answers and logs: bank, branch, type and the number's last 3 digits, e.g. {@code 0005-123 ORDINARY ****567}. */
    public String masked() {
        return bankCode + "-" + branchCode + " " + type + " ****" + number.substring(number.length() - 3);
    }

    /** The holder's name in full-width katakana, for showing it to the customer ({@code ヤマダ タロウ}). */
    public String holderNameForDisplay() {
        return ZenginName.display(holderName);
    }

    /** Masked: neither the full number nor the holder's name ends up in a log. */
    @Override
    public String toString() {
        return "BankAccount[" + masked() + "]";
    }

    /**
     * Why a field was refused, named as a request for a payout names it (bankCode, branchCode,
     * accountType, accountNumber, holderName), so an API can pass the errors on as they are. The code names the message in the bundles
     * ({@code payment.bank-account.<code>}), so a customer page can say it in the customer's language.
     */
    enum Error {
        BANK_CODE("bankCode", "bank-code", "bankCode must be 4 digits, like 0005"),
        BRANCH_CODE("branchCode", "branch-code", "branchCode must be 3 digits, like 123"),
        TYPE("accountType", "type", "accountType must be ORDINARY, CHECKING or SAVINGS (普通, 当座 or 貯蓄)"),
        NUMBER("accountNumber", "number", "accountNumber must be 1 to 7 digits, like 1234567 (a shorter number "
                + "is filled with zeros in front)"),
        NUMBER_ZEROS("accountNumber", "number-zeros", "accountNumber must not be all zeros"),
        HOLDER_REQUIRED("holderName", "holder-name-required", "holderName is required: the name in katakana as "
                + "printed on the passbook, e.g. ヤマダ タロウ"),
        HOLDER_CHARACTERS("holderName", "holder-name-characters", "holderName must be in katakana as printed on the "
                + "passbook, e.g. ヤマダ タロウ (capital letters A-Z, digits, spaces and ( ) . , - / 「 」 are allowed "
                + "too); not allowed: {0}"),
        HOLDER_MARK("holderName", "holder-name-mark", "holderName has a voiced mark (゛ or ゜) that follows no kana "
                + "taking it; write the kana with its mark, e.g. ダ or パ"),
        HOLDER_LENGTH("holderName", "holder-name-length", "holderName must be at most " + ZenginName.MAX_LENGTH
                + " characters once written in half-width katakana as banks do (a voiced kana like ダ counts as 2); "
                + "this one has {0}");

        final String field;
        final String code;
        final String message;

        Error(String field, String code, String message) {
            this.field = field;
            this.code = code;
            this.message = message;
        }

        Map<String, Object> describe(String value) {
            Map<String, Object> error = new LinkedHashMap<>();
            error.put("field", field);
            error.put("code", code);
            error.put("message", value == null ? message : message.replace("{0}", value));
            if (value != null) error.put("values", List.of(value));
            return error;
        }
    }

    private record Fields(String bankCode, String branchCode, String number, String holderName) {
    }

    private static Fields check(String bankCode, String branchCode, AccountType type, Error typeError, String number,
                                String holderName) {
        List<Map<String, Object>> errors = new ArrayList<>();
        String bank = digits(bankCode);
        if (bank == null || bank.length() != 4) errors.add(Error.BANK_CODE.describe(null));
        String branch = digits(branchCode);
        if (branch == null || branch.length() != 3) errors.add(Error.BRANCH_CODE.describe(null));
        if (type == null) errors.add(typeError.describe(null));
        String account = digits(number);
        if (account == null || account.isEmpty() || account.length() > 7) {
            errors.add(Error.NUMBER.describe(null));
            account = null;
        } else {
            account = "0".repeat(7 - account.length()) + account;
            if (account.chars().allMatch(c -> c == '0')) errors.add(Error.NUMBER_ZEROS.describe(null));
        }
        String name = null;
        if (holderName == null || holderName.isBlank()) {
            errors.add(Error.HOLDER_REQUIRED.describe(null));
        } else {
            ZenginName.Normalized normalized = ZenginName.normalize(holderName);
            if (!normalized.refused().isEmpty()) {
                errors.add(Error.HOLDER_CHARACTERS.describe(String.join(" ", normalized.refused().stream().limit(8)
                        .toList())));
            }
            if (normalized.strayMark()) errors.add(Error.HOLDER_MARK.describe(null));
            if (normalized.refused().isEmpty() && normalized.value().isEmpty()) {
                errors.add(Error.HOLDER_REQUIRED.describe(null));
            }
            if (normalized.value().length() > ZenginName.MAX_LENGTH) {
                errors.add(Error.HOLDER_LENGTH.describe(String.valueOf(normalized.value().length())));
            }
            name = normalized.value();
        }
        if (!errors.isEmpty()) {
            String detail = errors.stream().map(e -> (String) e.get("message")).collect(Collectors.joining("; "));
            throw new InvalidRequestException(INVALID, "The bank account is not valid: " + detail + ".",
                    Map.of("errors", List.copyOf(errors)));
        }
        return new Fields(bank, branch, account, name);
    }

    /** The digits of a code as typed (full-width digits too, spaces around ignored); null when anything else is in it. */
    private static String digits(String value) {
        if (value == null) return null;
        StringBuilder out = new StringBuilder();
        for (char c : value.strip().toCharArray()) {
            if (c >= '0' && c <= '9') out.append(c);
            else if (c >= '０' && c <= '９') out.append((char) (c - '０' + '0'));
            else return null;
        }
        return out.toString();
    }

    private static AccountType accountType(String value) {
        if (value == null) return null;
        String v = value.strip();
        for (AccountType t : AccountType.values()) {
            if (t.name().equals(v.toUpperCase(Locale.ROOT)) || t.japanese().equals(v)) return t;
        }
        return null;
    }
}
