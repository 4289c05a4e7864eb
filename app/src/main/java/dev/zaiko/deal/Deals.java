package dev.zaiko.deal;

import java.util.Optional;
import java.util.UUID;

/** Reading deals, for the rest of the module and for other modules. */
public interface Deals {

    Optional<Deal> find(String code);

    /** The deal whose units the inventory set-aside holds. */
    Optional<Deal> bySetAside(UUID setAside);
}
