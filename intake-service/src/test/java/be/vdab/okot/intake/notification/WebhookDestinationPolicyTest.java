package be.vdab.okot.intake.notification;

import com.google.common.net.InetAddresses;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The destination policy on its own, with a resolver that answers from a table: no name in this test is
 * ever sent to DNS, and no connection is made (the policy only decides).
 */
class WebhookDestinationPolicyTest {

    /** Names and what the table resolves them to; any other name "does not exist". */
    private static final Map<String, List<String>> NAMES = Map.of(
            "ocmw-gent.example", List.of("93.184.215.14"),
            "dual.ocmw.example", List.of("93.184.215.14", "2606:2800:21f:cb07:6820:80da:af6b:8b2c"),
            "loopback-alias.example", List.of("127.0.0.1"),
            "localhost", List.of("93.184.215.14"), // a lying resolver: localhost is loopback by name anyway
            "mixed.example", List.of("93.184.215.14", "10.1.2.3"),
            "metadata.example", List.of("169.254.169.254"),
            "v6-loopback.example", List.of("::1"),
            "mapped.example", List.of("::ffff:127.0.0.1"),
            "intake-service", List.of("172.18.0.4"));

    private final Set<String> asked = ConcurrentHashMap.newKeySet();

    private final HostResolver table = host -> {
        asked.add(host);
        List<String> addresses = NAMES.get(host);
        if (addresses == null) {
            throw new UnknownHostException(host);
        }
        return addresses.stream().map(InetAddresses::forString).toArray(InetAddress[]::new);
    };

    private WebhookDestinationPolicy policy(String... allowedNetworks) {
        return new WebhookDestinationPolicy(true, Optional.of(List.of(allowedNetworks)), table);
    }

    @ParameterizedTest(name = "refused: {0}")
    @ValueSource(strings = {
            // loopback, every way of writing it
            "https://127.0.0.1/hook", "https://127.0.0.1:8081/candidacies", "https://127.1.2.3/",
            "https://localhost/", "https://localhost:8082/", "https://LOCALHOST/", "https://localhost./",
            "https://LocalHost.:8084/", "https://api.localhost/", "https://loopback-alias.example/hook",
            "https://[::1]/", "https://[0:0:0:0:0:0:0:1]/", "https://[::ffff:127.0.0.1]/", "https://[::ffff:7f00:1]/",
            "https://v6-loopback.example/", "https://mapped.example/", "https://[::127.0.0.1]/",
            // numeric forms browsers, curl or InetAddress read as an IPv4 address
            "https://2130706433/", "https://0x7f000001/", "https://0X7F000001/", "https://0177.0.0.1/",
            "https://0x7f.0.0.1/", "https://127.1/", "https://127.0.1/", "https://127.0.0.1./", "https://0/",
            "https://017700000001/", "https://1.2.3.04/", "https://93.184.215.14.5/", "https://example.0x10/",
            "https://3232235777/", "https://256.1.1.1/",
            // private, carrier-grade NAT, link-local and cloud metadata, unspecified, multicast, reserved, broadcast
            "https://10.0.0.1/", "https://172.16.0.1/", "https://172.31.255.254/", "https://192.168.1.1/",
            "https://100.64.0.1/", "https://100.127.255.254/", "https://169.254.169.254/latest/meta-data/",
            "https://metadata.example/", "https://0.0.0.0/", "https://[::]/", "https://224.0.0.1/",
            "https://239.255.255.250/", "https://240.0.0.1/", "https://255.255.255.255/", "https://192.0.2.1/",
            "https://198.18.0.1/",
            // IPv6: unique local, link-local (with and without zone), site-local, multicast, documentation
            "https://[fc00::1]/", "https://[fd12:3456:789a::1]/", "https://[fe80::1]/", "https://[fe80::1%25eth0]/",
            "https://[fec0::1]/", "https://[ff02::1]/", "https://[2001:db8::1]/",
            // IPv6 forms that carry a non-public IPv4 address: mapped, 6to4, NAT64, Teredo, compatible
            "https://[::ffff:10.0.0.1]/", "https://[::ffff:a9fe:a9fe]/", "https://[2002:7f00:1::1]/",
            "https://[2002:c0a8:101::1]/", "https://[64:ff9b::7f00:1]/", "https://[64:ff9b::a00:1]/",
            "https://[2001:0:4136:e378:8000:63bf:80ff:fffe]/", "https://[::10.0.0.1]/",
            // names: any non-public address refuses, names that do not resolve, single-label service aliases
            "https://mixed.example/", "https://intake-service:8081/", "https://does-not-exist.example/"})
    void refusesEveryNonPublicDestination(String url) {
        assertThatThrownBy(() -> policy().check(url)).isInstanceOf(WebhookDestinationPolicy.RefusedDestination.class);
    }

    @ParameterizedTest(name = "refused by form: {0}")
    @ValueSource(strings = {"ftp://ocmw-gent.example/", "http://ocmw-gent.example/", "https://user:pw@ocmw-gent.example/",
            "https://ocmw-gent.example/hook#x", "/relative", "not a url", "https:ocmw-gent.example", "https://ocmw-gent.example:0/",
            "https://ocmw-gent.example:99999/", "https://under_score.example/", "https:///hook", "file:///etc/passwd",
            "jar:https://ocmw-gent.example/x!/y"})
    void refusesWhatIsNotAnHttpsUrlWithoutAskingTheResolver(String url) {
        assertThatThrownBy(() -> policy().check(url)).isInstanceOf(WebhookDestinationPolicy.RefusedDestination.class);
        assertThat(asked).isEmpty();
    }

    @Test
    void numericHostsAndLocalhostAreNeverSentToTheResolver() {
        for (String url : List.of("https://2130706433/", "https://0x7f000001/", "https://127.1/", "https://127.0.0.1./",
                "https://localhost/", "https://localhost./", "https://a.localhost/", "https://[::1]/", "https://127.0.0.1/")) {
            assertThatThrownBy(() -> policy().check(url)).isInstanceOf(WebhookDestinationPolicy.RefusedDestination.class);
        }
        assertThat(asked).isEmpty();
    }

    @Test
    void aRefusalSaysNothingOfWhatTheNameResolvesTo() {
        for (String url : List.of("https://mixed.example/", "https://does-not-exist.example/", "https://metadata.example/",
                "https://10.0.0.1/", "https://localhost:8081/")) {
            assertThatThrownBy(() -> policy().check(url)).hasMessage(WebhookDestinationPolicy.NOT_PUBLIC);
        }
    }

    @Test
    void aPublicDestinationIsCheckedOnEveryAddressAndConnectedToTheFirst() throws Exception {
        WebhookDestinationPolicy.Destination destination = policy().check("https://dual.ocmw.example:8443/okot/hook?ocmw=gent");
        assertThat(destination.address()).isEqualTo(InetAddresses.forString("93.184.215.14"));
        assertThat(destination.host()).isEqualTo("dual.ocmw.example");
        assertThat(destination.port()).isEqualTo(8443);
        assertThat(destination.https()).isTrue();
        assertThat(destination.pathAndQuery()).isEqualTo("/okot/hook?ocmw=gent");
        assertThat(policy().check("https://ocmw-gent.example").pathAndQuery()).isEqualTo("/");
        assertThat(policy().check("https://ocmw-gent.example").port()).isEqualTo(443);
        assertThat(policy().check("https://93.184.215.14/").address()).isEqualTo(InetAddresses.forString("93.184.215.14"));
        assertThat(policy().check("https://[2606:2800:21f:cb07:6820:80da:af6b:8b2c]/").host())
                .isEqualTo("2606:2800:21f:cb07:6820:80da:af6b:8b2c");
        assertThat(policy().check("https://[2002:5db8:d70e::1]/").address()).isNotNull(); // 6to4 of a public address
        assertThat(policy().check("https://[64:ff9b::5db8:d70e]/").address()).isNotNull(); // NAT64 of a public address
    }

    @Test
    void theAllowListLetsThroughOnlyItsNetworks() throws Exception {
        WebhookDestinationPolicy local = policy("127.0.0.1/32", "::1/128");
        assertThat(local.check("https://127.0.0.1:8081/hook").address()).isEqualTo(InetAddresses.forString("127.0.0.1"));
        assertThat(local.check("https://localhost:8081/hook").host()).isEqualTo("localhost");
        assertThat(local.check("https://[::1]/").address()).isEqualTo(InetAddresses.forString("::1"));
        assertThat(local.check("https://loopback-alias.example/").address()).isEqualTo(InetAddresses.forString("127.0.0.1"));
        for (String url : List.of("https://127.0.0.2/", "https://2130706433/", "https://0x7f000001/", "https://10.0.0.1/",
                "https://mixed.example/", "https://[::2]/")) {
            assertThatThrownBy(() -> local.check(url)).isInstanceOf(WebhookDestinationPolicy.RefusedDestination.class);
        }
        WebhookDestinationPolicy lab = policy("10.0.0.0/8");
        assertThat(lab.check("https://10.200.0.1/").address()).isEqualTo(InetAddresses.forString("10.200.0.1"));
        assertThatThrownBy(() -> lab.check("https://11.0.0.0.1/")).isInstanceOf(WebhookDestinationPolicy.RefusedDestination.class);
        assertThatCode(() -> lab.check("https://mixed.example/")).doesNotThrowAnyException(); // 10.1.2.3 allowed there
    }

    @Test
    void plainHttpOnlyWhenHttpsIsNotRequired() throws Exception {
        WebhookDestinationPolicy local = new WebhookDestinationPolicy(false, Optional.of(List.of("127.0.0.1/32")), table);
        assertThat(local.check("http://127.0.0.1:9000/hook").https()).isFalse();
        assertThatThrownBy(() -> policy().check("http://ocmw-gent.example/")).hasMessage("must use https");
    }

    @Test
    void aBadAllowListStopsTheStart() {
        assertThatThrownBy(() -> policy("127.0.0.1/33")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> policy("0x7f000001/32")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> policy("localhost")).isInstanceOf(IllegalArgumentException.class);
    }
}
