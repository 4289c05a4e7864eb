package dev.zaiko.restock;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** A POST over a plain socket from a chosen loopback address (a client address of its own), no cookies, no token. */
final class RawPost {

    private RawPost() {
    }

    record Answer(int status, String head, String body) {
        /** The header's value, or null; the name is case-insensitive. */
        String header(String name) {
            for (String line : head.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().toLowerCase(Locale.ROOT)
                        .equals(name.toLowerCase(Locale.ROOT))) {
                    return line.substring(colon + 1).trim();
                }
            }
            return null;
        }
    }

    static Answer json(int port, String from, String path, String body) {
        return send(port, from, path, "application/json", body);
    }

    static Answer form(int port, String from, String path, String body) {
        return send(port, from, path, "application/x-www-form-urlencoded", body);
    }

    private static Answer send(int port, String from, String path, String type, String body) {
        try (Socket socket = new Socket()) {
            socket.setSoTimeout(30_000);
            socket.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 10_000);
            byte[] content = body.getBytes(StandardCharsets.UTF_8);
            String request = "POST " + path + " HTTP/1.0\r\nHost: 127.0.0.1:" + port + "\r\nContent-Type: " + type
                    + "\r\nContent-Length: " + content.length + "\r\n\r\n";
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.write(content);
            out.flush();
            String raw = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int end = raw.indexOf("\r\n\r\n");
            String head = end < 0 ? raw : raw.substring(0, end);
            return new Answer(Integer.parseInt(head.split(" ")[1]), head, end < 0 ? "" : raw.substring(end + 4));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
