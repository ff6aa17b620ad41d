package io.imagegate.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class UrlSignerTest {

    private final UrlSigner signer = new UrlSigner("a-secret-of-enough-length");

    @Test
    void aSignatureVerifiesForItsNameAndExpiryOnly() {
        String sig = signer.sign("img_abc.png", 1_800_000_000L);

        assertThat(signer.verify("img_abc.png", 1_800_000_000L, sig)).isTrue();
        assertThat(signer.verify("img_abc.png", 1_800_000_001L, sig)).isFalse();
        assertThat(signer.verify("img_abd.png", 1_800_000_000L, sig)).isFalse();
        assertThat(signer.verify("img_abc.png", 1_800_000_000L, sig + "A")).isFalse();
        assertThat(signer.verify("img_abc.png", 1_800_000_000L, "not base64 !")).isFalse();
    }

    @Test
    void anotherSecretMakesAnotherSignature() {
        assertThat(new UrlSigner("another-secret-of-length").sign("img_abc.png", 1L))
                .isNotEqualTo(signer.sign("img_abc.png", 1L));
    }

    @Test
    void refusesAShortSecret() {
        assertThatThrownBy(() -> new UrlSigner("short")).hasMessageContaining("16 characters");
    }
}
