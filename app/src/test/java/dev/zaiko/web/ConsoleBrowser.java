package dev.zaiko.web;



import dev.zaiko.support.ShopApi;

/** A browser on the console: no bearer token, a session from the sign-in form, cookies kept. */
class ConsoleBrowser extends ShopApi {

    ConsoleBrowser(int port) {
        super(port);
        useToken(null);
    }

    static ConsoleBrowser signedIn(int port) {
        ConsoleBrowser browser = new ConsoleBrowser(port);
        browser.signIn("admin", "test-admin-password");
        return browser;
    }

    static ConsoleBrowser anonymous(int port) {
        return new ConsoleBrowser(port);
    }

    /** The API client the tests set their shop up with (admin token). */
    static ShopApi api(int port) {
        return new ShopApi(port) {
        };
    }
}
