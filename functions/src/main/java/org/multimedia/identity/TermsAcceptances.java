package org.multimedia.identity;

import java.util.Optional;

/** Which version of the conditions of use each member (by {@code sub}) last accepted. */
public interface TermsAcceptances {

    Optional<TermsOfUse.Acceptance> find(String sub);

    /** Replaces what the member accepted before (the last acceptance is the one that counts). */
    void save(String sub, TermsOfUse.Acceptance acceptance);
}
