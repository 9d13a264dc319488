package kmlab.runner;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Headless Chromium driven over the DevTools protocol with the JDK's own WebSocket client: no
 * driver, no library. The browser listens on a port of its choice on the loopback interface
 * (the test's connection to it, not a request of the page), written into its profile's
 * DevToolsActivePort; every event it sends is kept, for the network log.
 */
final class Cdp implements AutoCloseable {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final Process chrome;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonObject>> pending = new ConcurrentHashMap<>();
    private final List<JsonObject> events = new ArrayList<>();

    private Cdp(Process chrome, WebSocket socket) {
        this.chrome = chrome;
        this.socket = socket;
    }

    /** Starts {@code chromium} headless on a blank page with a profile in {@code profile}. */
    static Cdp launch(String chromium, Path profile) throws Exception {
        Files.createDirectories(profile);
        Process p = new ProcessBuilder(chromium, "--headless=new", "--no-sandbox", "--disable-gpu",
                "--disable-dev-shm-usage", "--no-first-run", "--no-default-browser-check", "--disable-extensions",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--remote-debugging-port=0", "--remote-allow-origins=*", "--user-data-dir=" + profile,
                "--window-size=1000,760", "about:blank")
                .redirectErrorStream(true).redirectOutput(profile.resolve("chromium.log").toFile()).start();
        try {
            Path portFile = profile.resolve("DevToolsActivePort");
            long until = System.nanoTime() + TIMEOUT.toNanos();
            while (!Files.exists(portFile) || Files.readAllLines(portFile).isEmpty()) {
                if (!p.isAlive() || System.nanoTime() > until) {
                    throw new IOException("chromium gave no DevTools port: " + Files.readString(profile.resolve("chromium.log")));
                }
                Thread.sleep(20);
            }
            int port = Integer.parseInt(Files.readAllLines(portFile).get(0).strip());
            HttpClient http = HttpClient.newHttpClient();
            String list = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            String page = null;
            for (JsonElement e : JsonParser.parseString(list).getAsJsonArray()) {
                if (e.getAsJsonObject().get("type").getAsString().equals("page")) {
                    page = e.getAsJsonObject().get("webSocketDebuggerUrl").getAsString();
                    break;
                }
            }
            if (page == null) {
                throw new IOException("chromium lists no page: " + list);
            }
            Cdp[] self = new Cdp[1];
            StringBuilder frame = new StringBuilder();
            WebSocket ws = http.newWebSocketBuilder().buildAsync(URI.create(page), new WebSocket.Listener() {
                @Override
                public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
                    frame.append(data);
                    if (last) {
                        String text = frame.toString();
                        frame.setLength(0);
                        self[0].received(JsonParser.parseString(text).getAsJsonObject());
                    }
                    w.request(1);
                    return null;
                }
            }).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            self[0] = new Cdp(p, ws);
            return self[0];
        } catch (Exception e) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            throw e;
        }
    }

    private void received(JsonObject m) {
        if (m.has("id")) {
            CompletableFuture<JsonObject> f = pending.remove(m.get("id").getAsInt());
            if (f != null) {
                f.complete(m);
            }
        } else {
            synchronized (events) {
                events.add(m);
            }
        }
    }

    /** One command; its result, or an exception with the browser's error. */
    JsonObject send(String method, JsonObject params) throws Exception {
        int id = ids.incrementAndGet();
        JsonObject m = new JsonObject();
        m.addProperty("id", id);
        m.addProperty("method", method);
        m.add("params", params == null ? new JsonObject() : params);
        CompletableFuture<JsonObject> reply = new CompletableFuture<>();
        pending.put(id, reply);
        socket.sendText(m.toString(), true).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        JsonObject r = reply.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        if (r.has("error")) {
            throw new IllegalStateException(method + ": " + r.get("error"));
        }
        return r.getAsJsonObject("result");
    }

    /** The value of a JavaScript expression in the page (a promise awaited); an exception if it threw. */
    JsonElement eval(String expression) throws Exception {
        JsonObject p = new JsonObject();
        p.addProperty("expression", expression);
        p.addProperty("returnByValue", true);
        p.addProperty("awaitPromise", true);
        JsonObject r = send("Runtime.evaluate", p);
        if (r.has("exceptionDetails")) {
            throw new IllegalStateException(expression + ": " + r.get("exceptionDetails"));
        }
        JsonObject v = r.getAsJsonObject("result");
        return v.has("value") ? v.get("value") : null;
    }

    /** A string argument as a JavaScript literal. */
    static String literal(String s) {
        JsonArray a = new JsonArray();
        a.add(s);
        String json = a.toString();
        return json.substring(1, json.length() - 1);
    }

    /** The events of {@code method} received so far. */
    List<JsonObject> events(String method) {
        List<JsonObject> out = new ArrayList<>();
        synchronized (events) {
            for (JsonObject e : events) {
                if (e.get("method").getAsString().equals(method)) {
                    out.add(e.getAsJsonObject("params"));
                }
            }
        }
        return out;
    }

    @Override
    public void close() throws Exception {
        try {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            // the browser goes anyway
        }
        chrome.descendants().forEach(ProcessHandle::destroyForcibly);
        chrome.destroyForcibly();
        chrome.waitFor(10, TimeUnit.SECONDS);
    }
}
