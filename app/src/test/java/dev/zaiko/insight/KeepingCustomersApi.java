package dev.zaiko.insight;

import dev.zaiko.support.ShopApi;

/** The shop's API as the retention tests call it. */
class KeepingCustomersApi extends ShopApi {

    KeepingCustomersApi(int port) {
        super(port);
    }
}
