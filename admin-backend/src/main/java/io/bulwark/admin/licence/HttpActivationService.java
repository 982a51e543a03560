package io.bulwark.admin.licence;

import io.bulwark.admin.support.BackendUnavailableException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Activation over HTTP(S): {@code POST <url>} with the code as the {@code text/plain} body; a
 * {@code 200} answer's body is the key file, a {@code 404} means an unknown code, anything else is
 * a failure of the service. Goes through the configured proxy ({@code host:port}) when one is given,
 * else directly. The JDK's HTTP client (no extra dependency); timeouts of 10 s to connect and 30 s
 * for the answer.
 */
public final class HttpActivationService implements ActivationService {
    private final URI url;
    private final HttpClient client;

    /**
     * @param url   the activation endpoint
     * @param proxy {@code host:port}, or null/blank for a direct connection
     */
    public HttpActivationService(URI url, String proxy) {
        this.url = url;
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER);
        if (proxy != null && !proxy.isBlank()) {
            int colon = proxy.lastIndexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("bulwark.licence.activation.proxy is host:port, not '" + proxy + "'");
            }
            builder.proxy(ProxySelector.of(InetSocketAddress.createUnresolved(proxy.substring(0, colon),
                    Integer.parseInt(proxy.substring(colon + 1)))));
        }
        this.client = builder.build();
    }

    @Override
    public String exchange(String code) {
        HttpRequest request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "text/plain; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(code == null ? "" : code.strip(), StandardCharsets.UTF_8))
                .build();
        HttpResponse<String> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new BackendUnavailableException("The activation service at " + url + " cannot be reached: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BackendUnavailableException("Interrupted while asking the activation service", e);
        }
        if (response.statusCode() == 404) {
            throw new UnknownLicenceKeyException("Activation code " + code + " is not known to the activation service");
        }
        if (response.statusCode() != 200) {
            throw new BackendUnavailableException("The activation service at " + url + " answered " + response.statusCode());
        }
        return response.body();
    }
}
