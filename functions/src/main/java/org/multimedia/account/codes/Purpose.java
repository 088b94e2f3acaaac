package org.multimedia.account.codes;

import org.multimedia.identity.EmailAddress;

/** What a code proves; a code is bound to one purpose and one address. */
public enum Purpose {
    SIGN_UP("signup"), PASSWORD_RESET("reset"), RESET_TOKEN("resettoken");

    private final String tag;

    Purpose(String tag) {
        this.tag = tag;
    }

    public String tag() {
        return tag;
    }

    /** Storage key of the pending code (and of the send quota) of this purpose and address. */
    public String key(EmailAddress email) {
        return tag + "#" + email.value();
    }
}
